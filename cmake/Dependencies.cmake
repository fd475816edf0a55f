# Every dependency is a Debian 12 package; scripts/setup.sh installs them.
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)

# ANTLR: Debian's 4.7.2 tool generates code for Debian's 4.9 runtime (same
# serialized-ATN format). The runtime's CMake targets carry no include dirs.
find_package(antlr4-runtime 4.9 REQUIRED)
find_program(ANTLR4_TOOL antlr4 PATHS /usr/bin REQUIRED)
include(${CMAKE_CURRENT_LIST_DIR}/AntlrClangCompat.cmake)

find_package(absl REQUIRED)
# Debian's libre2-dev ships only a pkg-config file.
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
# strings.extract_domain: the Public Suffix List (libpsl-dev, publicsuffix).
pkg_check_modules(PSL REQUIRED IMPORTED_TARGET libpsl)
# Raw telemetry (lib/raw): EVTX through libevtx (libevtx-dev, which needs
# libbfio-dev), .zst and .gz input, Windows event XML through pugixml.
# Found here, not in lib/raw, so cmake/Install.cmake sees the targets.
pkg_check_modules(EVTX REQUIRED IMPORTED_TARGET libevtx)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
find_package(ZLIB REQUIRED)
find_package(pugixml REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
# UDM event input (lib/io); SIMDJSON_VERSION is a bare token, never printed.
find_package(simdjson REQUIRED)
find_package(fmt REQUIRED)
find_package(CLI11 REQUIRED)
if(YARAL_BUILD_TOOLS)
  # `yaral check` reads its project config (.yaral.yaml) with yaml-cpp.
  find_package(yaml-cpp REQUIRED)
endif()
if(YARAL_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
  include(Catch)
endif()
