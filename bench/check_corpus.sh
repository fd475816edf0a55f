#!/usr/bin/env bash
# Times `yaral check` over the whole public corpus, without and with lint,
# and prints rules per second. A benchmark, not a test: ctest never runs it.
#
#   bench/check_corpus.sh                  # corpus: ../shared/corpus
#   YARAL_CORPUS_DIR=rules bench/check_corpus.sh
#   RUNS=20 JOBS=2 bench/check_corpus.sh
#
# Needs hyperfine and jq (scripts/setup.sh installs both). Builds a Release
# tree in build-bench/ first, because the default RelWithDebInfo build is
# not what users run.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
corpus=${YARAL_CORPUS_DIR:-../shared/corpus}
runs=${RUNS:-10}
jobs=${JOBS:-2}
build=build-bench
yaral=$build/bin/yaral

for tool in hyperfine jq cmake; do
  command -v "$tool" >/dev/null || { echo "check_corpus: $tool not found (scripts/setup.sh)" >&2; exit 2; }
done
[[ -d "$corpus" ]] || { echo "check_corpus: no corpus at $corpus" >&2; exit 2; }

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DYARAL_BUILD_BENCH=ON >/dev/null
cmake --build "$build" -j"$jobs" --target yaral_cli

# The summary line ("N files, M rules: ...") gives the counts to divide by.
# Exit 1 (rules with errors) is a valid outcome here; 2 is not.
summary=$("$yaral" check --no-lint "$corpus" 2>&1 >/dev/null | tail -n 1) || [[ $? -eq 1 ]]
files=$(sed -E 's/^([0-9]+) files?.*/\1/' <<<"$summary")
rules=$(sed -E 's/^[0-9]+ files?, ([0-9]+) rules?.*/\1/' <<<"$summary")
echo "corpus: $corpus ($files files, $rules rules)"
echo "summary: $summary"

results=$(mktemp)
trap 'rm -f "$results"' EXIT
# -i: the corpus may hold rules with errors (exit 1); time them anyway.
hyperfine -N -i --warmup 2 --runs "$runs" --export-json "$results" \
  --command-name "check --no-lint" "$yaral check --no-lint $corpus" \
  --command-name "check (with lint)" "$yaral check $corpus"

echo
jq -r --argjson rules "$rules" --argjson files "$files" '.results[] |
  "\(.command): mean \(.mean * 1000 | floor) ms ± \(.stddev * 1000 | floor) ms, " +
  "\($rules / .mean | floor) rules/s, \($files / .mean | floor) files/s"' "$results"
echo "machine: $(nproc) cores, $(uname -m), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
