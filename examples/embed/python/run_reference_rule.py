#!/usr/bin/env python3
"""Runs the reference rule over its recorded events with the yaral Python
module and prints each detection as one line of JSON.

    python3 run_reference_rule.py [RULE_FILE [EVENTS...]]

EVENTS are files or directories (their *.ndjson and *.json files, in name
order). The defaults are the repository's reference rule and
examples/events/t1071_003/.
"""

import json
import pathlib
import sys

import yaral

EXAMPLES = pathlib.Path(__file__).resolve().parents[2]
DEFAULT_RULE = EXAMPLES / "rules/t1071_003_non_mail_process_mail_protocol.yaral"
DEFAULT_EVENTS = EXAMPLES / "events/t1071_003"


def event_files(arguments):
    for argument in map(pathlib.Path, arguments):
        if argument.is_dir():
            yield from sorted(p for p in argument.iterdir() if p.suffix in (".ndjson", ".json"))
        else:
            yield argument


def main(argv):
    rule_file = pathlib.Path(argv[1]) if len(argv) > 1 else DEFAULT_RULE
    inputs = argv[2:] or [DEFAULT_EVENTS]
    try:
        rules = yaral.compile_file(rule_file)
    except yaral.CompileError as error:
        sys.stderr.write(str(error))
        return 1

    # The shipped scenarios are separate recordings, not one time-ordered
    # stream: let events arrive up to a week late so none is dropped.
    engine = yaral.Engine(
        rules,
        allowed_lateness_seconds=7 * 24 * 3600,
        on_detection=lambda d: print(json.dumps(d, separators=(",", ":"), ensure_ascii=False)),
    )
    for path in event_files(inputs):
        engine.feed_many(path)
    engine.finish()  # closes the windows still open

    stats = engine.stats
    print(f"{stats['detections']} detection(s) from {stats['events']} event(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
