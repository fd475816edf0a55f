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

# Run it over the Atomic Red Team scenarios (SMTP from PowerShell, POP3 from
# nc, IMAP from curl) and the look-alikes that must stay quiet: one
# detection per firing scenario (and the two documented false positives).
# The scenario files are concatenated out of time order, so allow ten days
# of lateness.
run run "$rule" --events <(cat examples/events/t1071_003/*.ndjson) --format text --lateness 864000

# The rule's unit tests: every scenario with its expected detections.
run test examples/rules/t1071_003_non_mail_process_mail_protocol.test.yaml
