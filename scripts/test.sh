#!/usr/bin/env bash
# Runs the whole test suite, doing all of its own set-up first.
#
#   scripts/test.sh [--no-sanitize]
#
# 1. installs missing Debian packages (scripts/setup.sh);
# 2. builds `build` and runs ctest there;
# 3. builds `build-asan` (Debug, AddressSanitizer + UndefinedBehaviorSanitizer)
#    and runs ctest there too. --no-sanitize or YARAL_SANITIZE=0 skips this.
#
# Stops at the first failure and exits non-zero. Nothing is printed after
# the last ctest's own output, so the final lines are ctest's summary
# ("100% tests passed, 0 tests failed out of N" and "Total Test time"),
# which CI reads (--no-label-summary keeps ctest's per-label timing table
# from landing between those two lines).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

sanitize=1
case "${YARAL_SANITIZE:-1}" in
  0 | OFF | off | false | no) sanitize=0 ;;
esac
for arg in "$@"; do
  case "$arg" in
    --no-sanitize) sanitize=0 ;;
    -h | --help)
      sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "$0"
      exit 0
      ;;
    *)
      echo "test.sh: unknown argument '$arg' (try --help)" >&2
      exit 2
      ;;
  esac
done

jobs=${YARAL_JOBS:-$(nproc)}

bash scripts/setup.sh
bash scripts/build.sh build

if [[ "$sanitize" == 0 ]]; then
  exec ctest --test-dir build --output-on-failure --no-label-summary -j"$jobs"
fi

ctest --test-dir build --output-on-failure --no-label-summary -j"$jobs"

echo
echo "=== sanitizer build (ASan + UBSan): build-asan ==="
bash scripts/build.sh build-asan -DYARAL_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
# The build already makes every UBSan finding fatal
# (-fno-sanitize-recover); ask for a stack trace so the report is useful.
export UBSAN_OPTIONS="print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
exec ctest --test-dir build-asan --output-on-failure --no-label-summary -j"$jobs"
