#!/usr/bin/env bash
# Regenerates the expected output of the golden tests (tests/golden): the plan
# `yaral explain` prints for tests/golden/plan/*.yaral and the findings
# `yaral check` prints (text and JSON) for tests/golden/diagnostics/*.yaral.
# Usage: scripts/update_goldens.sh [BUILD_DIR]   (default: build)
# Review the diff before committing: a changed golden is a changed behaviour.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-build}"
[[ "$build" = /* ]] || build="$root/$build"
yaral="$build/bin/yaral"
[[ -x "$yaral" ]] || { echo "no yaral program at $yaral; build first" >&2; exit 2; }
cd "$root/tests/golden"
for rule in plan/*.yaral; do
  "$yaral" explain --color never "$rule" > "${rule%.yaral}.plan" || true
done
for rule in diagnostics/*.yaral; do
  "$yaral" check --format text --color never "$rule" > "${rule%.yaral}.txt" 2>/dev/null || true
  "$yaral" check --format json "$rule" > "${rule%.yaral}.json" 2>/dev/null || true
done
echo "updated goldens in tests/golden; review with: git diff tests/golden" >&2
