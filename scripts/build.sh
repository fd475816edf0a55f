#!/usr/bin/env bash
# Configures and builds yaral.
#
#   scripts/build.sh [BUILD_DIR] [EXTRA_CMAKE_ARGS...]
#
# BUILD_DIR defaults to `build` (relative to the repository root). The build
# uses Ninja, RelWithDebInfo and Debian's /usr/bin/python3 (the one that has
# pybind11 and pytest); EXTRA_CMAKE_ARGS come last, so they win. CMake is run
# again only when the directory is not configured yet or the arguments
# changed, so a second call just builds what changed.
#
# Environment: YARAL_JOBS (default: nproc) build jobs; YARAL_BUILD_TARGET
# builds one target instead of everything (e.g. yaral_cli).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir=${1:-build}
shift $(($# > 0 ? 1 : 0))
cmake_args=(
  -DCMAKE_BUILD_TYPE=RelWithDebInfo
  -DPython_EXECUTABLE=/usr/bin/python3
  "$@"
)
jobs=${YARAL_JOBS:-$(nproc)}

# The arguments of the last successful configure, to notice when they change.
stamp="$build_dir/.yaral-configure-args"
wanted=$(printf '%s\n' "${cmake_args[@]}")

if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
  cmake -S . -B "$build_dir" -G Ninja "${cmake_args[@]}"
  printf '%s' "$wanted" >"$stamp"
elif [[ ! -f "$stamp" || "$(cat "$stamp")" != "$wanted" ]]; then
  # Keep the generator the directory was created with.
  cmake -S . -B "$build_dir" "${cmake_args[@]}"
  printf '%s' "$wanted" >"$stamp"
fi

target=()
if [[ -n "${YARAL_BUILD_TARGET:-}" ]]; then
  target=(--target "$YARAL_BUILD_TARGET")
fi
cmake --build "$build_dir" -j"$jobs" "${target[@]}"
