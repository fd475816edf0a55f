"""Loads the compiled half of the package, `_yaral`, or says why it cannot.

An extension module is built for one interpreter: its file name carries the
ABI tag (`_yaral.cpython-311-x86_64-linux-gnu.so`), and another Python
version looks for another name. Python's own error then reads as a circular
import inside `yaral`, so the failure is explained here instead: which
interpreter the module was built for, which one is running, and what to do.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import pathlib
import platform
import sys
from types import ModuleType

_PACKAGE_DIR = pathlib.Path(__file__).resolve().parent


def _built_for(name: str) -> str:
    # "_yaral.cpython-311-x86_64-linux-gnu.so" -> "cpython-311-x86_64-linux-gnu"
    parts = name.split(".")
    return parts[1] if len(parts) > 2 else name


def explain(error: ImportError, package_dir: pathlib.Path = _PACKAGE_DIR) -> str:
    """The message for a failed import of `_yaral` from `package_dir`."""
    running = (f"{platform.python_implementation()} {platform.python_version()} "
               f"({sys.executable})")
    wanted = ", ".join(importlib.machinery.EXTENSION_SUFFIXES)
    built = sorted(p.name for p in package_dir.glob("_yaral.*") if p.suffix in (".so", ".pyd"))
    rebuild = ("build yaral for this interpreter: `python3 -m pip install .` (or cmake "
               "-DPython_EXECUTABLE=...) run with it; docs/python.md, \"Getting it\"")
    if not built:
        return (f"yaral's compiled module _yaral is not in {package_dir}: this looks like "
                f"the source tree, not an installed or built package; {rebuild}")
    # The exact names this interpreter tries (".so" alone matches any file).
    names = {"_yaral" + suffix for suffix in importlib.machinery.EXTENSION_SUFFIXES}
    loadable = [name for name in built if name in names]
    if not loadable:
        tags = ", ".join(_built_for(name) for name in built)
        return (f"yaral's compiled module was built for another Python ({tags}), but this is "
                f"{running}, which loads modules ending in {wanted}; {rebuild}")
    # The name fits, so the module itself failed: a missing shared library,
    # or headers of another patch release with a different ABI.
    return f"yaral's compiled module {loadable[0]} failed to load in {running}: {error}; {rebuild}"


def load() -> ModuleType:
    try:
        return importlib.import_module("._yaral", __package__)
    except ImportError as error:
        raise ImportError(explain(error)) from error
