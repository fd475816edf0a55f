"""Check, compile and run Google SecOps YARA-L 2.0 rules locally.

    import yaral

    for d in yaral.check(text, "rules/t1071.yaral"):
        print(d["line"], d["code"], d["message"])

    rules = yaral.compile(text)              # raises yaral.CompileError
    for detection in rules.run("events.ndjson"):
        print(detection["match"], detection["outcomes"])

Events are dicts (UDM, snake_case or camelCase keys), JSON strings, or a
file path (NDJSON, JSON arrays and the SecOps API envelopes). Detections are
dicts in the format `yaral run` prints. Compiled rules are immutable and may
be shared between threads; an Engine belongs to one thread at a time. The
GIL is released while rules compile and run.

docs/python.md is the guide; `yaral.testing` has pytest helpers.
"""

from __future__ import annotations

import datetime as _datetime
import json as _json
import os as _os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Union, overload

from ._extension import load as _load_extension

# Not `from . import _yaral`: under the wrong interpreter that fails as a
# "circular import"; _extension names the real cause.
_yaral = _load_extension()

__version__: str = _yaral.__version__

__all__ = [
    "CompileError",
    "Engine",
    "Error",
    "ListError",
    "Lists",
    "Rule",
    "RuleSet",
    "check",
    "compile",
    "compile_file",
    "event",
    "run",
]

Diagnostic = dict[str, Any]
Detection = dict[str, Any]
Event = Union[Mapping[str, Any], str, bytes]
Events = Union[str, "_os.PathLike[str]", Iterable[Event]]

# Events are handed to the engine this many at a time, so an iterable of any
# length streams with bounded memory and the GIL is released per batch.
_BATCH = 1024


class Error(Exception):
    """Base class of the exceptions yaral raises for bad input."""


class CompileError(Error, ValueError):
    """Rule text with errors.

    ``str(error)`` is the errors rendered as `yaral check` prints them;
    ``error.diagnostics`` is every diagnostic as a dict (errors and
    warnings), the format of `yaral.check`.
    """

    def __init__(self, message: str, diagnostics: list[Diagnostic]) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics


class ListError(Error, ValueError):
    """A reference list or data table with errors (bad regex, CIDR, CSV...).

    ``error.diagnostics`` points into the list or table files.
    """

    def __init__(self, message: str, diagnostics: list[Diagnostic]) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics


def check(
    text: str,
    path: str = "<string>",
    *,
    lint: bool = True,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> list[Diagnostic]:
    """Checks rule text as `yaral check` does.

    Returns the diagnostics (an empty list for a clean file), each a dict
    with ``file``, ``rule``, ``severity`` ("error", "warning", "note"),
    ``code`` ("E200", "unused_placeholder"), ``message``, ``line``,
    ``column``, ``end_line``, ``end_column``, ``notes``, ``help``,
    ``labels`` and ``suggestions`` (docs/cli.md). ``lint=False`` reports
    errors only; ``select`` and ``ignore`` pick lint codes as the CLI's
    ``--select`` and ``--ignore`` do.
    """
    return _json.loads(
        _yaral.check(text, str(path), lint, list(select or ()), list(ignore or ()))
    )


def _raise_list_errors(result: tuple[str, str]) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = _json.loads(result[0])
    if any(d["severity"] == "error" for d in diagnostics):
        raise ListError(result[1], diagnostics)
    return diagnostics


class Lists:
    """Reference lists (``%name``) and data tables (``%table.column``).

    ``lists`` is a directory of list files or a mapping
    ``{name: (kind, [entries])}`` (kind "string", "regex" or "cidr") or
    ``{name: [entries]}`` (strings). ``tables`` is a directory of CSV files
    or a mapping ``{name: csv_text}``. Errors raise ListError; warnings
    (SecOps size limits) are kept in ``warnings``. Once rules are compiled
    with a Lists, it cannot change (RuntimeError).
    """

    def __init__(
        self,
        lists: str | _os.PathLike[str] | Mapping[str, Any] | None = None,
        tables: str | _os.PathLike[str] | Mapping[str, str] | None = None,
    ) -> None:
        self._native = _yaral.Lists()
        self.warnings: list[Diagnostic] = []
        if isinstance(lists, (str, _os.PathLike)):
            self.load_directory(lists)
        elif lists is not None:
            for name, spec in lists.items():
                if isinstance(spec, tuple):
                    kind, entries = spec
                else:
                    kind, entries = "string", spec
                self.add(name, entries, kind=kind)
        if isinstance(tables, (str, _os.PathLike)):
            self.load_table_directory(tables)
        elif tables is not None:
            for name, csv_text in tables.items():
                self.add_table(name, csv_text)

    def _keep(self, result: tuple[str, str]) -> None:
        self.warnings.extend(_raise_list_errors(result))

    def add(self, name: str, entries: Iterable[str], kind: str = "string") -> None:
        """A list of literal entries; replaces a list of the same name."""
        if isinstance(entries, str):
            raise TypeError("entries must be an iterable of strings, not one string")
        self._keep(self._native.add(name, kind, list(entries)))

    def add_text(self, name: str, text: str, file_name: str | None = None) -> None:
        """A list from text in the list-file syntax (comments, escapes)."""
        self._keep(self._native.add_text(name, file_name or f"<list {name}>", text))

    def load_directory(self, directory: str | _os.PathLike[str]) -> None:
        """Every list file of a directory, named after the file."""
        self._keep(self._native.load_directory(_os.fspath(directory)))

    def add_table(self, name: str, csv_text: str, file_name: str | None = None) -> None:
        """A data table from CSV text whose first row names the columns."""
        self._keep(self._native.add_table_csv(name, file_name or f"{name}.csv", csv_text))

    def load_table_directory(self, directory: str | _os.PathLike[str]) -> None:
        """Every ``*.csv`` file of a directory as a table."""
        self._keep(self._native.load_table_directory(_os.fspath(directory)))

    @property
    def names(self) -> list[str]:
        """The list names, sorted."""
        return self._native.list_names

    @property
    def table_names(self) -> list[str]:
        """The table names, sorted."""
        return self._native.table_names


def _lists_for(lists: Any, tables: Any) -> Lists | None:
    if isinstance(lists, Lists):
        if tables is not None:
            raise TypeError("with a Lists object, give its tables to Lists(...) as well")
        return lists
    if lists is None and tables is None:
        return None
    return Lists(lists, tables)


def compile(  # noqa: A001 - the natural name, as re.compile
    text: str,
    path: str = "<string>",
    *,
    lists: Lists | str | _os.PathLike[str] | Mapping[str, Any] | None = None,
    tables: str | _os.PathLike[str] | Mapping[str, str] | None = None,
) -> RuleSet:
    """Compiles every rule of ``text``; raises CompileError on any error.

    ``path`` is the name diagnostics print. ``lists`` and ``tables`` are
    what the rules' ``%name`` refer to: a Lists, or what Lists() accepts.
    Warnings do not fail; they are in the result's ``diagnostics``.
    """
    bundle = _lists_for(lists, tables)
    native = bundle._native if bundle is not None else None
    rules, diagnostics_json, errors = _yaral.compile(text, str(path), native)
    diagnostics = _json.loads(diagnostics_json)
    if errors:
        raise CompileError(errors, diagnostics)
    return RuleSet([Rule(r) for r in rules], diagnostics)


def compile_file(
    path: str | _os.PathLike[str],
    *,
    lists: Lists | str | _os.PathLike[str] | Mapping[str, Any] | None = None,
    tables: str | _os.PathLike[str] | Mapping[str, str] | None = None,
) -> RuleSet:
    """Compiles a rule file (UTF-8); see compile()."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return compile(text, _os.fspath(path), lists=lists, tables=tables)


def _default(value: Any) -> Any:
    if isinstance(value, _datetime.datetime):
        return _timestamp_text(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable in a UDM event")


def _timestamp_text(value: _datetime.datetime) -> str:
    if value.tzinfo is None:
        raise ValueError(f"naive datetime {value!r}: give it a time zone (UTC for UDM)")
    return value.astimezone(_datetime.timezone.utc).isoformat().replace("+00:00", "Z")


def _event_json(event: Event) -> str:
    if isinstance(event, str):
        return event
    if isinstance(event, (bytes, bytearray)):
        return bytes(event).decode("utf-8")
    if isinstance(event, Mapping):
        return _json.dumps(event, separators=(",", ":"), default=_default)
    raise TypeError(f"an event is a dict or a JSON string, not a {type(event).__name__}")


def _batches(events: Iterable[Event]) -> Iterator[list[str]]:
    batch: list[str] = []
    for e in events:
        batch.append(_event_json(e))
        if len(batch) == _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def event(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A UDM event from dotted paths, each checked against the UDM schema.

        yaral.event({
            "metadata.event_timestamp": "2026-03-02T10:00:00Z",
            "metadata.event_type": "NETWORK_CONNECTION",
            "target.port": 25,
            "target.ip": ["203.0.113.7"],        # a list sets a repeated field
            "principal.labels[\\"env\\"]": "prod",
        })

    A misspelt field, an unknown enum value or a value of the wrong type
    raises ValueError (with the schema's suggestion), so a test event cannot
    silently miss the rule. Timestamps take RFC 3339 text, epoch seconds or
    an aware datetime.
    """
    items = []
    for path, value in fields.items():
        if isinstance(value, _datetime.datetime):
            value = _timestamp_text(value)
        items.append((path, value))
    return _json.loads(_yaral.build_event(items))


def _options(
    max_samples: int = 10,
    allowed_lateness_seconds: int = 3600,
    now: int | _datetime.datetime | None = None,
    random_seed: int = 0,
    max_rows_per_key: int | None = None,
    max_keys_per_rule: int | None = None,
    max_bindings_per_window: int | None = None,
) -> str:
    if isinstance(now, _datetime.datetime):
        now = int(now.timestamp())
    options = {
        "max_samples": max_samples,
        "allowed_lateness_seconds": allowed_lateness_seconds,
        "now_seconds": now,
        "random_seed": random_seed,
    }
    # The limits' defaults live in EngineOptions: sent only when given.
    limits = {
        "max_rows_per_key": max_rows_per_key,
        "max_keys_per_rule": max_keys_per_rule,
        "max_bindings_per_window": max_bindings_per_window,
    }
    options.update({name: value for name, value in limits.items() if value is not None})
    return _json.dumps(options)


class Rule:
    """One compiled rule: immutable, shareable between threads."""

    def __init__(self, native: _yaral.Rule) -> None:
        self._native = native

    @property
    def name(self) -> str:
        """The rule's name."""
        return self._native.name

    @property
    def meta(self) -> dict[str, Any]:
        """The ``meta:`` section, in rule order."""
        return self._native.meta

    @property
    def has_match(self) -> bool:
        """True with a ``match:`` section; single-event rules are False."""
        return self._native.has_match

    def explain(self) -> str:
        """The compiled plan as `yaral explain` prints it."""
        return self._native.explain()

    def run(self, events: Events, **options: Any) -> list[Detection]:
        """Runs this rule over ``events``; see yaral.run()."""
        return run([self], events, **options)

    def __repr__(self) -> str:
        return f"<yaral.Rule {self.name}>"


class RuleSet(Sequence[Rule]):
    """The rules of one compiled text, in file order.

    A sequence of Rule (index by position or by name); ``run`` runs them all
    in one pass over the events. ``diagnostics`` holds the warnings.
    """

    def __init__(self, rules: list[Rule], diagnostics: list[Diagnostic]) -> None:
        self._rules = rules
        self.diagnostics = diagnostics

    @overload
    def __getitem__(self, key: int | str) -> Rule: ...
    @overload
    def __getitem__(self, key: slice) -> list[Rule]: ...
    def __getitem__(self, key: int | str | slice) -> Rule | list[Rule]:
        if isinstance(key, str):
            for rule in self._rules:
                if rule.name == key:
                    return rule
            raise KeyError(key)
        return self._rules[key]

    def __len__(self) -> int:
        return len(self._rules)

    @property
    def names(self) -> list[str]:
        """The rule names, in file order."""
        return [r.name for r in self._rules]

    def run(self, events: Events, **options: Any) -> list[Detection]:
        """Runs every rule over ``events``; see yaral.run()."""
        return run(self._rules, events, **options)

    def __repr__(self) -> str:
        return f"<yaral.RuleSet {self.names}>"


def _natives(rules: RuleSet | Rule | Iterable[Rule]) -> list[_yaral.Rule]:
    if isinstance(rules, Rule):
        return [rules._native]
    natives = []
    for rule in rules:
        if not isinstance(rule, Rule):
            raise TypeError(f"expected yaral.Rule objects, got a {type(rule).__name__}")
        natives.append(rule._native)
    return natives


class Engine:
    """A streaming run of rules over events.

        engine = yaral.Engine(rules, on_detection=alerts.append)
        for e in stream:
            engine.feed(e)
        engine.finish()          # closes the windows still open

    Without ``on_detection`` each call returns the detections it produced.
    Options: ``max_samples`` (events kept per variable and detection, 0 for
    all), ``allowed_lateness_seconds`` (how late an event may arrive),
    ``now`` ("now" for timestamp.now(); default the latest event time) and
    ``random_seed``. An engine belongs to one thread at a time; share the
    rules instead. ``stats`` has the counters.
    """

    def __init__(
        self,
        rules: RuleSet | Rule | Iterable[Rule],
        *,
        on_detection: Callable[[Detection], Any] | None = None,
        **options: Any,
    ) -> None:
        self._native = _yaral.Engine(_natives(rules), _options(**options))
        self._on_detection = on_detection

    def _deliver(self, lines: list[str]) -> list[Detection]:
        detections = [_json.loads(line) for line in lines]
        if self._on_detection is None:
            return detections
        for d in detections:
            self._on_detection(d)
        return []

    def feed(self, event: Event) -> list[Detection]:
        """One event (a dict or JSON text); ValueError if not a JSON object."""
        return self._deliver(self._native.feed(_event_json(event)))

    def feed_many(self, events: Events) -> list[Detection]:
        """Many events: an iterable of events, or a file path (any format
        docs/events.md reads; malformed lines are skipped and counted)."""
        if isinstance(events, (str, _os.PathLike)):
            text = _os.fspath(events)
            if text.lstrip().startswith(("{", "[")):
                raise TypeError(
                    "a str of events is read as a file path; give JSON text as a list of strings"
                )
            return self._deliver(self._native.feed_file(text))
        out: list[Detection] = []
        for batch in _batches(events):
            out.extend(self._deliver(self._native.feed_many(batch)))
        return out

    def finish(self) -> list[Detection]:
        """Closes every open window; feeding afterwards starts a new run."""
        return self._deliver(self._native.finish())

    @property
    def stats(self) -> dict[str, Any]:
        """Counters: events, invalid_events, late_events, rows_kept,
        detections, runtime_errors, runtime_errors_by_message,
        peak_live_rows, input_skipped."""
        return _json.loads(self._native.stats())


def run(rules: RuleSet | Rule | Iterable[Rule], events: Events, **options: Any) -> list[Detection]:
    """Runs ``rules`` over ``events`` and returns every detection.

    ``events``: a list (or any iterable) of dicts or JSON strings, or a file
    path (str or pathlib.Path). Options as for Engine.
    """
    engine = Engine(rules, **options)
    detections = engine.feed_many(events)
    detections.extend(engine.finish())
    return detections
