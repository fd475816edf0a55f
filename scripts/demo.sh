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

# Today the front end exists: check the rule's syntax.
run parse "$rule"

# When the checker and the engine land, the demo becomes
#   run check "$rule"
#   run run "$rule" --events examples/events/<the shipped UDM events>.ndjson
# so that it prints the detections the reference rule raises.
