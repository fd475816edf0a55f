"""pytest helpers: assert what a rule detects in a few lines.

    import yaral
    from yaral.testing import assert_detects, assert_quiet

    RULE = yaral.compile_file("rules/t1071_003.yaral")

    def test_powershell_smtp_beacon():
        assert_detects(RULE, "events/smtp_powershell.ndjson", count=1,
                       match={"host": "ws-fin-07.corp.example"})

    def test_outlook_is_quiet():
        assert_quiet(RULE, "events/outlook.ndjson")

Each helper runs the rules over the events with yaral.run's options and
raises AssertionError with a readable summary (the detections, and the
engine counters that explain an empty result: invalid or late events,
runtime errors) when the expectation fails. They work with any test runner.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, Union

from . import Detection, Engine, Events, Rule, RuleSet

__all__ = ["assert_detects", "assert_quiet", "run", "summarize"]

Rules = Union[RuleSet, Rule, Iterable[Rule]]


def _run_with_stats(rules: Rules, events: Events, options: dict[str, Any]):
    engine = Engine(rules, **options)
    detections = engine.feed_many(events)
    detections.extend(engine.finish())
    return detections, engine.stats


def run(rules: Rules, events: Events, **options: Any) -> list[Detection]:
    """The detections of ``rules`` over ``events`` (yaral.run)."""
    return _run_with_stats(rules, events, options)[0]


def _contains(actual: Any, expected: Any) -> bool:
    """Partial comparison: a dict matches when every expected key matches."""
    if isinstance(expected, Mapping):
        return isinstance(actual, Mapping) and all(
            k in actual and _contains(actual[k], v) for k, v in expected.items()
        )
    return actual == expected


def summarize(detections: list[Detection], stats: Mapping[str, Any] | None = None) -> str:
    """A few readable lines about detections (and the engine's counters)."""
    lines = [f"{len(detections)} detection(s)"]
    for d in detections[:20]:
        window = d.get("window", {})
        lines.append(
            f"  {d.get('rule')}: match={json.dumps(d.get('match'), sort_keys=True)}"
            f" outcomes={json.dumps(d.get('outcomes'), sort_keys=True)}"
            f" window={window.get('start')}..{window.get('end')}"
        )
    if len(detections) > 20:
        lines.append(f"  ... and {len(detections) - 20} more")
    if stats is not None:
        notable = {
            k: stats[k]
            for k in ("events", "invalid_events", "late_events", "runtime_errors", "input_skipped")
            if stats.get(k)
        }
        lines.append(f"engine: {json.dumps(notable, sort_keys=True)}")
        for message, count in stats.get("runtime_errors_by_message", {}).items():
            lines.append(f"  runtime error x{count}: {message}")
    return "\n".join(lines)


def assert_detects(
    rules: Rules,
    events: Events,
    *,
    count: int | None = None,
    match: Mapping[str, Any] | None = None,
    outcomes: Mapping[str, Any] | None = None,
    rule: str | None = None,
    **options: Any,
) -> list[Detection]:
    """Asserts that ``rules`` detect something in ``events``.

    The detections considered are those of rule ``rule`` (when given) whose
    ``match`` variables include ``match`` (a partial dict, names without
    ``$``). There must be exactly ``count`` of them, or at least one when
    ``count`` is None; when ``outcomes`` is given, every one of them must
    include those outcome values. Returns the detections considered, for
    further checks.
    """
    detections, stats = _run_with_stats(rules, events, options)
    selected = [
        d
        for d in detections
        if (rule is None or d.get("rule") == rule)
        and (match is None or _contains(d.get("match", {}), match))
    ]
    what = "detections"
    if rule is not None:
        what += f" of rule {rule!r}"
    if match is not None:
        what += f" with match {dict(match)!r}"
    if count is None and not selected:
        raise AssertionError(f"expected {what}, got none\n{summarize(detections, stats)}")
    if count is not None and len(selected) != count:
        raise AssertionError(
            f"expected {count} {what}, got {len(selected)}\n{summarize(detections, stats)}"
        )
    if outcomes is not None:
        for d in selected:
            if not _contains(d.get("outcomes", {}), outcomes):
                raise AssertionError(
                    f"expected outcomes {dict(outcomes)!r} in every one of the {what}\n"
                    f"{summarize(selected, stats)}"
                )
    return selected


def assert_quiet(rules: Rules, events: Events, **options: Any) -> None:
    """Asserts that ``rules`` detect nothing in ``events``."""
    detections, stats = _run_with_stats(rules, events, options)
    if detections:
        raise AssertionError(f"expected no detections\n{summarize(detections, stats)}")
