#!/usr/bin/env bash
# Installs the Debian 12 packages yaral needs to build, test and benchmark.
#
# Idempotent and fast when there is nothing to do: it asks dpkg which
# packages are installed and only calls apt-get when one is missing. Run it
# as root (fresh containers have no sudo); sudo is used when available.
# Set YARAL_SKIP_SETUP=1 to skip it, e.g. on a machine managed another way.
set -euo pipefail

packages=(
  # compiler and build tools
  build-essential cmake ninja-build pkg-config ccache
  # parser generator (a Java program) and its C++ runtime; the runtime's
  # CMake targets link -luuid without depending on uuid-dev
  antlr4 libantlr4-runtime-dev uuid-dev default-jre-headless
  # libraries
  libre2-dev libabsl-dev libsimdjson-dev nlohmann-json3-dev libcli11-dev
  libfmt-dev libyaml-cpp-dev libpugixml-dev
  # raw telemetry (lib/raw): EVTX (libevtx.h includes libbfio.h), compressed
  # input; evtxexport for its tests
  libevtx-dev libbfio-dev libevtx-utils libzstd-dev zlib1g-dev
  # hash.sha256 (libcrypto)
  libssl-dev
  # tests, benchmarks and Python bindings
  catch2 libbenchmark-dev pybind11-dev python3-pybind11 python3-dev
  python3-pytest
  # time zones for timestamp tests; jq for the scripts and docs examples
  tzdata jq
  # bench/check_corpus.sh times the CLI end to end
  hyperfine
  # strings.extract_domain: the Public Suffix List (libpsl and its data)
  libpsl-dev publicsuffix
  # the wheel, pre-commit and SARIF tests (tests/ci, bindings/python)
  python3-build python3-wheel python3-setuptools python3-pip python3-venv
  python3-jsonschema pre-commit git
  # yaral fmt --diff, check --fix --diff: unified diffs (header-only dtl);
  # the language server's editor test drives Neovim's built-in LSP client
  libdtl-dev neovim
)

log() { echo "setup: $*" >&2; }

if [[ "${YARAL_SKIP_SETUP:-0}" == 1 ]]; then
  log "YARAL_SKIP_SETUP=1, not checking packages"
  exit 0
fi
if ! command -v dpkg-query >/dev/null 2>&1; then
  log "dpkg-query not found: not a Debian system, so install the" \
      "equivalents of these yourself: ${packages[*]}"
  exit 0
fi

# One dpkg-query call for all packages; unknown names make it exit non-zero,
# which only means "not installed" here.
installed=$(dpkg-query -W -f='${Package}\t${Status}\n' "${packages[@]}" \
              2>/dev/null | awk -F'\t' '$2 == "install ok installed" {print $1}' \
            || true)

missing=()
for package in "${packages[@]}"; do
  if grep -qxF "$package" <<<"$installed"; then
    continue
  fi
  # The antlr4 wrapper only needs some `java`; a JRE installed under another
  # name (e.g. openjdk-17-jre-headless directly) is just as good.
  if [[ "$package" == default-jre-headless ]] && command -v java >/dev/null 2>&1; then
    continue
  fi
  missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  log "all ${#packages[@]} packages are installed"
  exit 0
fi

sudo=()
if ((EUID != 0)); then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    log "missing packages: ${missing[*]}"
    log "run this script as root (or install sudo) to install them"
    exit 1
  fi
fi

log "installing ${#missing[@]} missing packages: ${missing[*]}"
"${sudo[@]}" apt-get update
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}"
