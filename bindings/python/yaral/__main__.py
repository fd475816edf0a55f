"""The `yaral` command of the Python package: runs the native program.

`pip install .` puts the C++ `yaral` program in the package
(`yaral/_bin/yaral`) and this module behind the `yaral` console script, so
`yaral check rules/` and `python3 -m yaral check rules/` behave exactly as
the program does (docs/cli.md): same flags, output and exit codes. Where the
package was installed by CMake instead, the program is the one on PATH.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import sys
from typing import NoReturn

_BUNDLED = pathlib.Path(__file__).resolve().parent / "_bin" / "yaral"


def _is_native(path: str) -> bool:
    # The console script is itself called `yaral` and is on PATH: only an
    # executable ELF file is the program.
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF" and os.access(path, os.X_OK)
    except OSError:
        return False


def program() -> str:
    """The path of the native `yaral` program; FileNotFoundError if none."""
    if _is_native(str(_BUNDLED)):
        return str(_BUNDLED)
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        candidate = shutil.which("yaral", path=directory or os.curdir)
        if candidate and _is_native(candidate):
            return candidate
    raise FileNotFoundError(
        "the native `yaral` program is not in this package (it was not installed with "
        "`pip install .`) nor on PATH; see docs/python.md")


def main() -> NoReturn:
    try:
        path = program()
    except FileNotFoundError as error:
        print(f"yaral: error: {error}", file=sys.stderr)
        sys.exit(2)
    os.execv(path, [path, *sys.argv[1:]])


if __name__ == "__main__":
    main()
