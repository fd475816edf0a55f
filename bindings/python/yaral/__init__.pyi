"""Check, compile and run Google SecOps YARA-L 2.0 rules locally."""

import datetime
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Union, overload

from . import _yaral

__version__: str

Diagnostic = dict[str, Any]
Detection = dict[str, Any]
Event = Union[Mapping[str, Any], str, bytes]
Events = Union[str, os.PathLike[str], Iterable[Event]]
_ListsSpec = Union[str, os.PathLike[str], Mapping[str, Any]]
_TablesSpec = Union[str, os.PathLike[str], Mapping[str, str]]

class Error(Exception): ...

class CompileError(Error, ValueError):
    diagnostics: list[Diagnostic]
    def __init__(self, message: str, diagnostics: list[Diagnostic]) -> None: ...

class ListError(Error, ValueError):
    diagnostics: list[Diagnostic]
    def __init__(self, message: str, diagnostics: list[Diagnostic]) -> None: ...

def check(
    text: str,
    path: str = "<string>",
    *,
    lint: bool = True,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> list[Diagnostic]: ...

class Lists:
    warnings: list[Diagnostic]
    def __init__(self, lists: _ListsSpec | None = None, tables: _TablesSpec | None = None) -> None: ...
    def add(self, name: str, entries: Iterable[str], kind: str = "string") -> None: ...
    def add_text(self, name: str, text: str, file_name: str | None = None) -> None: ...
    def load_directory(self, directory: str | os.PathLike[str]) -> None: ...
    def add_table(self, name: str, csv_text: str, file_name: str | None = None) -> None: ...
    def load_table_directory(self, directory: str | os.PathLike[str]) -> None: ...
    @property
    def names(self) -> list[str]: ...
    @property
    def table_names(self) -> list[str]: ...

def compile(
    text: str,
    path: str = "<string>",
    *,
    lists: Lists | _ListsSpec | None = None,
    tables: _TablesSpec | None = None,
) -> RuleSet: ...
def compile_file(
    path: str | os.PathLike[str],
    *,
    lists: Lists | _ListsSpec | None = None,
    tables: _TablesSpec | None = None,
) -> RuleSet: ...
def event(fields: Mapping[str, Any]) -> dict[str, Any]: ...

class Rule:
    def __init__(self, native: _yaral.Rule) -> None: ...
    @property
    def name(self) -> str: ...
    @property
    def meta(self) -> dict[str, Any]: ...
    @property
    def has_match(self) -> bool: ...
    def explain(self) -> str: ...
    def run(
        self,
        events: Events,
        *,
        max_samples: int = 10,
        allowed_lateness_seconds: int = 3600,
        now: int | datetime.datetime | None = None,
        random_seed: int = 0,
        max_rows_per_key: int | None = None,
        max_keys_per_rule: int | None = None,
        max_bindings_per_window: int | None = None,
    ) -> list[Detection]: ...

class RuleSet(Sequence[Rule]):
    diagnostics: list[Diagnostic]
    def __init__(self, rules: list[Rule], diagnostics: list[Diagnostic]) -> None: ...
    @overload
    def __getitem__(self, key: int | str) -> Rule: ...
    @overload
    def __getitem__(self, key: slice) -> list[Rule]: ...
    def __len__(self) -> int: ...
    @property
    def names(self) -> list[str]: ...
    def run(
        self,
        events: Events,
        *,
        max_samples: int = 10,
        allowed_lateness_seconds: int = 3600,
        now: int | datetime.datetime | None = None,
        random_seed: int = 0,
        max_rows_per_key: int | None = None,
        max_keys_per_rule: int | None = None,
        max_bindings_per_window: int | None = None,
    ) -> list[Detection]: ...

class Engine:
    def __init__(
        self,
        rules: RuleSet | Rule | Iterable[Rule],
        *,
        on_detection: Callable[[Detection], Any] | None = None,
        max_samples: int = 10,
        allowed_lateness_seconds: int = 3600,
        now: int | datetime.datetime | None = None,
        random_seed: int = 0,
        max_rows_per_key: int | None = None,
        max_keys_per_rule: int | None = None,
        max_bindings_per_window: int | None = None,
    ) -> None: ...
    def feed(self, event: Event) -> list[Detection]: ...
    def feed_many(self, events: Events) -> list[Detection]: ...
    def finish(self) -> list[Detection]: ...
    @property
    def stats(self) -> dict[str, Any]: ...

def run(
    rules: RuleSet | Rule | Iterable[Rule],
    events: Events,
    *,
    max_samples: int = 10,
    allowed_lateness_seconds: int = 3600,
    now: int | datetime.datetime | None = None,
    random_seed: int = 0,
    max_rows_per_key: int | None = None,
    max_keys_per_rule: int | None = None,
    max_bindings_per_window: int | None = None,
) -> list[Detection]: ...
