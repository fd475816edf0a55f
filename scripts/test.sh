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

sanitize=${YARAL_SANITIZE:-1}
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
# Any UBSan report fails its test instead of scrolling by; ASan already
# aborts on the first error.
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export ASAN_OPTIONS="strict_string_checks=1:detect_stack_use_after_return=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
exec ctest --test-dir build-asan --output-on-failure --no-label-summary -j"$jobs"
