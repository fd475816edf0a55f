"""Builds the native half of the `yaral` Python package with CMake.

pyproject.toml holds the metadata; this file only adds a build_ext that
configures the project with the interpreter running the build (so the
extension matches it), builds the `_yaral` module and the `yaral` program,
and puts both into the package: `yaral/_yaral*.so` and `yaral/_bin/yaral`.

Environment:
  YARAL_CMAKE_BUILD_DIR  an existing, configured build directory to build in
                         (the wheel test reuses the test build this way);
                         default: build-python/<interpreter tag>.
  YARAL_JOBS             parallel build jobs (default: all cores).
  CMAKE_ARGS             extra arguments for the CMake configure step.
"""

from __future__ import annotations

import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).resolve().parent


def project_version() -> str:
    """The version of the CMake project, its one record."""
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    match = re.search(r"project\(\s*yaral\b[^)]*\bVERSION\s+([0-9][0-9.]*)", text)
    if not match:
        raise RuntimeError("CMakeLists.txt: no `project(yaral VERSION x.y.z)`")
    return match.group(1)


class CMakeExtension(Extension):
    def __init__(self, name: str) -> None:
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        build_dir = os.environ.get("YARAL_CMAKE_BUILD_DIR")
        if build_dir:
            build_dir = pathlib.Path(build_dir).resolve()
        else:
            tag = sysconfig.get_config_var("EXT_SUFFIX").strip(".").replace(".so", "")
            build_dir = ROOT / "build-python" / tag
            configure = [
                "cmake", "-S", str(ROOT), "-B", str(build_dir),
                "-DCMAKE_BUILD_TYPE=Release",
                f"-DPython_EXECUTABLE={sys.executable}",
                "-DYARAL_BUILD_TESTS=OFF",
                *shlex.split(os.environ.get("CMAKE_ARGS", "")),
            ]
            if shutil.which("ninja"):
                configure += ["-G", "Ninja"]
            if not (build_dir / "CMakeCache.txt").exists():
                subprocess.run(configure, check=True)
        jobs = os.environ.get("YARAL_JOBS", str(os.cpu_count() or 1))
        subprocess.run(["cmake", "--build", str(build_dir), "-j", jobs,
                        "--target", "_yaral", "yaral_cli"], check=True)

        module = self.get_ext_fullpath(ext.name)
        built = build_dir / "bindings/python/yaral" / pathlib.Path(module).name
        if not built.exists():
            raise RuntimeError(
                f"{built} was not built: CMake found no Python headers or pybind11 for "
                f"{sys.executable} (Debian: python3-dev pybind11-dev)")
        os.makedirs(os.path.dirname(module), exist_ok=True)
        shutil.copy2(built, module)
        program = pathlib.Path(module).parent / "_bin" / "yaral"
        program.parent.mkdir(exist_ok=True)
        shutil.copy2(build_dir / "bin" / "yaral", program)


setup(
    version=project_version(),
    ext_modules=[CMakeExtension("yaral._yaral")],
    cmdclass={"build_ext": CMakeBuild},
    options={"build": {"build_base": "build-python/setuptools"}},
)
