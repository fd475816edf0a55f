"""The package imports under the interpreter it was built for, and under
another one fails with a message that names the cause."""

from __future__ import annotations

import pathlib
import shutil
import subprocess
import sys

import yaral
from yaral import _extension


def _copy_package(tmp_path: pathlib.Path, rename_to: str | None) -> pathlib.Path:
    package = pathlib.Path(yaral.__file__).parent
    copy = tmp_path / "yaral"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__", "_bin"))
    if rename_to is not None:
        for module in copy.glob("_yaral.*.so"):
            module.rename(copy / rename_to)
    return tmp_path


def _import_in(path: pathlib.Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import yaral"],
        cwd=path, env={"PYTHONPATH": str(path)}, capture_output=True, text=True, check=False)


def test_module_built_for_another_python_is_named(tmp_path: pathlib.Path) -> None:
    # What another minor version sees: a module whose tag it does not load.
    root = _copy_package(tmp_path, "_yaral.cpython-399-x86_64-linux-gnu.so")
    done = _import_in(root)
    assert done.returncode != 0
    assert "built for another Python (cpython-399-x86_64-linux-gnu)" in done.stderr
    assert sys.executable in done.stderr
    assert "circular import" not in done.stderr.splitlines()[-1]


def test_missing_module_is_named(tmp_path: pathlib.Path) -> None:
    root = _copy_package(tmp_path, None)
    for module in (root / "yaral").glob("_yaral.*.so"):
        module.unlink()
    done = _import_in(root)
    assert done.returncode != 0
    assert "compiled module _yaral is not in" in done.stderr


def test_broken_module_keeps_the_loader_error(tmp_path: pathlib.Path) -> None:
    root = _copy_package(tmp_path, None)
    for module in (root / "yaral").glob("_yaral.*.so"):
        module.write_bytes(b"not an ELF file")
    done = _import_in(root)
    assert done.returncode != 0
    assert "failed to load" in done.stderr


def test_explain_lists_what_this_python_loads(tmp_path: pathlib.Path) -> None:
    (tmp_path / "_yaral.cpython-312-x86_64-linux-gnu.so").write_bytes(b"")
    message = _extension.explain(ImportError("x"), tmp_path)
    assert "cpython-312" in message
    assert "pip install" in message
