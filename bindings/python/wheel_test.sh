#!/usr/bin/env bash
# python.wheel: builds the wheel as a user would (`python3 -m build --wheel
# --no-isolation`, Debian's build tools, no network), installs it into a
# fresh `python3 -m venv --system-site-packages`, and runs the pytest suite
# and the `yaral` console script against the installed package, never the
# build tree.
#
#   bash wheel_test.sh PYTHON SOURCE_DIR CMAKE_BUILD_DIR
#
# CMAKE_BUILD_DIR (the test build) is reused through YARAL_CMAKE_BUILD_DIR
# so the test does not compile the project a second time.
set -euo pipefail
python=$1
source_dir=$2
build_dir=$3

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
unset PYTHONPATH
export PYTHONDONTWRITEBYTECODE=1 PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1

cd "$source_dir"
YARAL_CMAKE_BUILD_DIR=$build_dir YARAL_JOBS=${YARAL_JOBS:-2} \
  "$python" -m build --wheel --no-isolation --outdir "$scratch/dist" . >"$scratch/build.log" 2>&1 ||
  { cat "$scratch/build.log"; echo "FAIL: the wheel did not build"; exit 1; }
wheel=$(ls "$scratch"/dist/yaral-*.whl)
contents=$("$python" -m zipfile -l "$wheel")
for member in yaral/__init__.py yaral/py.typed yaral/__init__.pyi yaral/_bin/yaral \
              'yaral/_yaral\.cpython-[^/]*\.so' 'yaral-[^/]*\.dist-info/licenses/LICENSE|yaral-[^/]*\.dist-info/LICENSE'; do
  grep -Eq "^($member) " <<<"$contents" ||
    { echo "FAIL: $member is not in $(basename "$wheel")"; exit 1; }
done

"$python" -m venv --system-site-packages "$scratch/venv"
"$scratch/venv/bin/python" -m pip install --no-deps --quiet "$wheel"

cd "$scratch"  # away from the source tree, whose yaral/ lacks the module
"$scratch/venv/bin/python" - "$scratch/venv" <<'PY'
import pathlib, sys, yaral
where = pathlib.Path(yaral.__file__).resolve()
assert str(where).startswith(str(pathlib.Path(sys.argv[1]).resolve())), where
print("yaral", yaral.__version__, "from", where.parent)
PY
YARAL_SOURCE_DIR=$source_dir "$scratch/venv/bin/python" -m pytest -q -p no:cacheprovider \
  "$source_dir/bindings/python/tests"

# The console script runs the bundled program.
"$scratch/venv/bin/yaral" --version | grep -q "^yaral " || { echo "FAIL: yaral --version"; exit 1; }
"$scratch/venv/bin/yaral" check "$source_dir/examples/rules/t1071_003_non_mail_process_mail_protocol.yaral"
if "$scratch/venv/bin/yaral" check "$source_dir/tests/cli/data/two_errors.yaral" >/dev/null 2>&1; then
  echo "FAIL: the console script did not pass on the exit code"; exit 1
fi
echo "wheel $(basename "$wheel"): installed in a venv, pytest and the yaral command pass"
