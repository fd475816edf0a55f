#!/usr/bin/env bash
# The main job, from nothing: installs missing packages, builds the `yaral`
# program and runs it on the shipped reference rule (MITRE ATT&CK T1071.003,
# mail protocols used by processes that are not mail clients).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
YARAL_BUILD_TARGET=yaral_cli bash scripts/build.sh build

yaral=build/bin/yaral
rule=examples/rules/t1071_003_non_mail_process_mail_protocol.yaral

run() {
  echo
  echo "\$ yaral $*"
  "$yaral" "$@"
}

# Check the rule as SecOps's compiler would, plus the lint warnings.
run check "$rule"

# When the engine lands (issue 4), the demo also runs the rule over the
# shipped UDM events and prints its detections:
#   run run "$rule" --events examples/events/<the shipped UDM events>.ndjson
