"""Validates `yaral check --format sarif` against the SARIF 2.1.0 schema.

Runs the built program over rule files that produce errors, lint warnings,
suggested fixes and an unreadable input, validates each log against the
OASIS schema (tests/data/sarif/, README there), then checks what GitHub code
scanning needs beyond the schema: a fingerprint on every result, a rule for
every ruleId with an anchored help link, and the unreadable input reported.

    python3 validate_sarif.py YARAL SOURCE_DIR [SHARED_DIR]

With SHARED_DIR (../shared), the public corpus is checked as well.
"""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import jsonschema


def run_check(yaral: str, *args: str) -> dict:
    done = subprocess.run([yaral, "check", "--format", "sarif", *args],
                          capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1, 2):
        sys.exit(f"yaral check exited {done.returncode}: {done.stderr}")
    return json.loads(done.stdout)


def main() -> None:
    yaral, source = sys.argv[1], pathlib.Path(sys.argv[2]).resolve()
    schema = json.loads((source / "tests/data/sarif/sarif-schema-2.1.0.json").read_text())
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    data = source / "tests/cli/data"
    lists = data / "check_lists"
    logs = {
        "errors": run_check(yaral, str(data / "two_errors.yaral")),
        "fixes": run_check(yaral, "--lists", str(lists / "lists"),
                           str(lists / "misspelt_list.yaral")),
        "lint": run_check(yaral, "--select", "all", str(data / "check_config/missing_filter.yaral")),
        "reference": run_check(yaral, str(source / "examples/rules")),
        "unreadable": run_check(yaral, str(data / "does_not_exist.yaral"),
                                str(data / "check_clean.yaral")),
        "clean": run_check(yaral, str(data / "check_clean.yaral")),
    }
    shared = pathlib.Path(sys.argv[3]) if len(sys.argv) > 3 else source.parent / "shared"
    corpus = shared / "corpus"
    if corpus.is_dir():
        # Real rules: every lint check and most errors, thousands of results.
        logs["corpus"] = run_check(yaral, "--select", "all", str(corpus))
    else:
        print(f"{corpus} absent: the corpus log is skipped")
    failures: list[str] = []
    for name, log in logs.items():
        for error in validator.iter_errors(log):
            failures.append(f"{name}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
        run = log["runs"][0]
        rules = run["tool"]["driver"]["rules"]
        for rule in rules:
            if "#" not in rule["helpUri"]:
                failures.append(f"{name}: rule {rule['id']} has no anchored helpUri")
            for key in ("shortDescription", "fullDescription", "help"):
                if not rule.get(key, {}).get("text"):
                    failures.append(f"{name}: rule {rule['id']} lacks {key}")
            if not rule["help"].get("markdown") or not rule["properties"].get("tags"):
                failures.append(f"{name}: rule {rule['id']} lacks help.markdown or tags")
            if "precision" not in rule["properties"]:
                failures.append(f"{name}: rule {rule['id']} lacks precision")
        for result in run["results"]:
            if not result.get("partialFingerprints"):
                failures.append(f"{name}: a {result['ruleId']} result has no partialFingerprints")
            if rules[result["ruleIndex"]]["id"] != result["ruleId"]:
                failures.append(f"{name}: ruleIndex of {result['ruleId']} points elsewhere")
    # The validator must be able to fail: a level SARIF does not define.
    broken = json.loads(json.dumps(logs["errors"]))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    if validator.is_valid(broken):
        failures.append("the schema accepted a result with level 'fatal'")
    # The cases must produce what they are there for, or the test proves less.
    if not any(r["ruleId"].startswith("E") for r in logs["errors"]["runs"][0]["results"]):
        failures.append("errors: no error result")
    if not any("fixes" in r for r in logs["fixes"]["runs"][0]["results"]):
        failures.append("fixes: no result with fixes")
    if not any(not r["ruleId"].startswith("E") for r in logs["lint"]["runs"][0]["results"]):
        failures.append("lint: no lint result")
    invocation = logs["unreadable"]["runs"][0]["invocations"][0]
    if invocation["executionSuccessful"] or len(invocation["toolExecutionNotifications"]) != 1:
        failures.append("unreadable: the missing file is not a toolExecutionNotification")
    if logs["clean"]["runs"][0]["results"]:
        failures.append("clean: results for a clean file")
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    counted = sum(len(log["runs"][0]["results"]) for log in logs.values())
    print(f"{len(logs)} SARIF logs, {counted} results: valid SARIF 2.1.0")


if __name__ == "__main__":
    main()
