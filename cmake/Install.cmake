# `cmake --install`: headers, libyaral.so and libyaral.a, the C ABI
# (libyaral_c.so), the CMake package `yaral` (yaral::yaral, yaral::yaral_c,
# yaral::yaral_static), pkg-config files, the `yaral` program
# (tools/yaral/CMakeLists.txt) and the Python package
# (bindings/python/CMakeLists.txt). docs/api.md ("Installing") is the guide.
#
# Included at the end of the top-level CMakeLists.txt, after every stage has
# added its sources and dependencies to `yaral`, so the lists read here are
# complete.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(YARAL_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/yaral)

# ---------------------------------------------------------------- libraries
#
# In the build tree `yaral` stays what BUILD_SHARED_LIBS makes it (static
# by default: the program and the tests link it whole, and the bindings link
# it into their own shared objects). For installation both kinds are made
# from its objects, without compiling anything twice:
#   yaral_shared  libyaral.so, the whole archive linked into a shared object
#                 (exported as yaral::yaral, what most consumers want);
#   yaral_static  libyaral.a with the grammar's objects folded in (exported
#                 as yaral::yaral_static; it needs the private dependencies).

# What a dependency of the static library is, for its consumers: the CMake
# package that defines the target and the pkg-config module (or linker
# flags) it stands for. `yaral_grammar` has no entry: its objects are inside
# the archive and its own dependencies are listed instead.
function(yaral_describe_dependency target out_package out_pkgconfig out_libs)
  set(package "")
  set(pkgconfig "")
  set(libs "")
  if(target MATCHES "^absl::(.+)$")
    set(package absl)
    set(pkgconfig absl_${CMAKE_MATCH_1})
  elseif(target STREQUAL "PkgConfig::RE2")
    set(package PkgConfig:re2)
    set(pkgconfig re2)
  elseif(target STREQUAL "PkgConfig::PSL")
    set(package PkgConfig:PSL:libpsl)
    set(pkgconfig libpsl)
  elseif(target STREQUAL "PkgConfig::EVTX")
    set(package PkgConfig:EVTX:libevtx)
    set(pkgconfig libevtx)
  elseif(target STREQUAL "PkgConfig::ZSTD")
    set(package PkgConfig:ZSTD:libzstd)
    set(pkgconfig libzstd)
  elseif(target STREQUAL "ZLIB::ZLIB")
    set(package ZLIB)
    set(pkgconfig zlib)
  elseif(target STREQUAL "pugixml::pugixml")
    set(package pugixml)
    set(pkgconfig pugixml)
  elseif(target STREQUAL "simdjson::simdjson")
    set(package simdjson)
    set(pkgconfig simdjson)
  elseif(target STREQUAL "fmt::fmt")
    set(package fmt)
    set(pkgconfig fmt)
  elseif(target STREQUAL "OpenSSL::Crypto")
    set(package OpenSSL)
    set(pkgconfig libcrypto)
  elseif(target STREQUAL "yaml-cpp")
    set(package yaml-cpp)
    set(pkgconfig yaml-cpp)
  elseif(target STREQUAL "Threads::Threads")
    set(package Threads)
    set(libs -pthread)
  elseif(target STREQUAL "antlr4_shared")
    set(package antlr4-runtime)
    set(libs -lantlr4-runtime)
  endif()
  set(${out_package} "${package}" PARENT_SCOPE)
  set(${out_pkgconfig} "${pkgconfig}" PARENT_SCOPE)
  set(${out_libs} "${libs}" PARENT_SCOPE)
endfunction()

# Splits yaral's link interface into the public dependencies and the link
# dependencies of the static archive (the `$<LINK_ONLY:...>` entries).
get_target_property(yaral_interface yaral INTERFACE_LINK_LIBRARIES)
set(yaral_public_deps "")
set(yaral_private_deps "")
foreach(item IN LISTS yaral_interface)
  if(item MATCHES "^::@")
    continue()  # CMake's marker for links made from another directory
  elseif(item MATCHES "^\\$<LINK_ONLY:(.+)>$")
    set(dependency ${CMAKE_MATCH_1})
    if(dependency STREQUAL "yaral_grammar")
      get_target_property(grammar_deps yaral_grammar INTERFACE_LINK_LIBRARIES)
      list(APPEND yaral_private_deps ${grammar_deps})
    elseif(NOT dependency STREQUAL "nlohmann_json::nlohmann_json")  # header-only
      list(APPEND yaral_private_deps ${dependency})
    endif()
  else()
    list(APPEND yaral_public_deps ${item})
  endif()
endforeach()
list(REMOVE_DUPLICATES yaral_public_deps)
list(REMOVE_DUPLICATES yaral_private_deps)

# The static package's requirements: find calls for the config file, the
# targets they must define, and the pkg-config private requirements.
set(YARAL_STATIC_TARGETS "")
set(yaral_static_packages "")
set(yaral_pc_requires_private "")
set(yaral_pc_libs_private "")
set(yaral_static_link "")
foreach(dependency IN LISTS yaral_private_deps)
  yaral_describe_dependency(${dependency} package pkgconfig libs)
  if(NOT package)
    message(WARNING "cmake/Install.cmake: the static library's dependency `${dependency}` is "
                    "not in yaral_describe_dependency; the installed libyaral.a will not "
                    "name it. Add an entry there.")
    continue()
  endif()
  # Some stages find their packages in their own directory; make the target
  # visible here too.
  if(NOT TARGET ${dependency} AND NOT package MATCHES "^PkgConfig:")
    find_package(${package} QUIET)
  endif()
  if(NOT TARGET ${dependency})
    message(WARNING "cmake/Install.cmake: `${dependency}` is not a target here; skipped")
    continue()
  endif()
  list(APPEND yaral_static_link ${dependency})
  list(APPEND YARAL_STATIC_TARGETS ${dependency})
  list(APPEND yaral_static_packages ${package})
  list(APPEND yaral_pc_requires_private ${pkgconfig})
  list(APPEND yaral_pc_libs_private ${libs})
endforeach()
list(REMOVE_DUPLICATES yaral_static_packages)
list(REMOVE_DUPLICATES yaral_pc_requires_private)

get_target_property(yaral_type yaral TYPE)
set(yaral_install_targets "")
if(yaral_type STREQUAL "STATIC_LIBRARY")
  set(yaral_objects $<TARGET_OBJECTS:yaral> $<TARGET_OBJECTS:yaral_grammar>)
  add_library(yaral_shared SHARED ${yaral_objects})
  # Linking `yaral` too brings its dependencies exactly as the stages
  # declared them; its archive adds nothing, every symbol being defined by
  # the objects already.
  target_link_libraries(yaral_shared
    PUBLIC ${yaral_public_deps}
    PRIVATE yaral)
  # Every symbol the library uses must resolve now, not in a consumer.
  target_link_options(yaral_shared PRIVATE LINKER:--no-undefined)
  set_target_properties(yaral_shared PROPERTIES
    OUTPUT_NAME yaral
    EXPORT_NAME yaral
    VERSION ${PROJECT_VERSION}
    SOVERSION ${PROJECT_VERSION_MAJOR})
  list(APPEND yaral_install_targets yaral_shared)

  add_library(yaral_static STATIC ${yaral_objects})
  target_link_libraries(yaral_static
    PUBLIC ${yaral_public_deps}
    PRIVATE ${yaral_static_link})
  set_target_properties(yaral_static PROPERTIES OUTPUT_NAME yaral EXPORT_NAME yaral_static)
  set(yaral_static_available ON)
else()
  # BUILD_SHARED_LIBS=ON: `yaral` is the shared library; no static one.
  list(APPEND yaral_install_targets yaral)
  set(yaral_static_available OFF)
endif()
foreach(target IN LISTS yaral_install_targets ITEMS yaral_static)
  if(TARGET ${target})
    target_include_directories(${target} INTERFACE
      $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>)
    target_compile_features(${target} INTERFACE cxx_std_20)
  endif()
endforeach()
if(TARGET yaral_c)
  list(APPEND yaral_install_targets yaral_c)
endif()

install(TARGETS ${yaral_install_targets}
  EXPORT yaralTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT yaralTargets
  NAMESPACE yaral::
  DESTINATION ${YARAL_CMAKE_INSTALL_DIR}
  COMPONENT development)
if(yaral_static_available)
  install(TARGETS yaral_static
    EXPORT yaralStaticTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development
    INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(EXPORT yaralStaticTargets
    NAMESPACE yaral::
    DESTINATION ${YARAL_CMAKE_INSTALL_DIR}
    COMPONENT development)
endif()

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/yaral
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  COMPONENT development
  FILES_MATCHING PATTERN "*.h")

# ------------------------------------------------------------ CMake package
#
# find_package(yaral) gives yaral::yaral (shared) and yaral::yaral_c;
# find_package(yaral COMPONENTS static) adds yaral::yaral_static and looks
# for the private dependencies only then.
set(YARAL_STATIC_FINDS "")
foreach(package IN LISTS yaral_static_packages)
  if(package STREQUAL "PkgConfig:re2")
    string(APPEND YARAL_STATIC_FINDS
      "    find_package(PkgConfig QUIET)\n"
      "    if(PkgConfig_FOUND AND NOT TARGET PkgConfig::RE2)\n"
      "      pkg_check_modules(RE2 QUIET IMPORTED_TARGET re2)\n"
      "    endif()\n")
  elseif(package MATCHES "^PkgConfig:([^:]+):(.+)$")
    # PkgConfig:<target suffix>:<module>
    string(APPEND YARAL_STATIC_FINDS
      "    find_package(PkgConfig QUIET)\n"
      "    if(PkgConfig_FOUND AND NOT TARGET PkgConfig::${CMAKE_MATCH_1})\n"
      "      pkg_check_modules(${CMAKE_MATCH_1} QUIET IMPORTED_TARGET ${CMAKE_MATCH_2})\n"
      "    endif()\n")
  else()
    string(APPEND YARAL_STATIC_FINDS "    find_package(${package} QUIET)\n")
  endif()
endforeach()
if(yaral_static_available)
  set(YARAL_STATIC_AVAILABLE TRUE)
else()
  set(YARAL_STATIC_AVAILABLE FALSE)
endif()
configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/yaralConfig.cmake.in
  ${PROJECT_BINARY_DIR}/packaging/yaralConfig.cmake
  INSTALL_DESTINATION ${YARAL_CMAKE_INSTALL_DIR})
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/packaging/yaralConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)  # 0.x: minor versions may break the API
install(FILES
  ${PROJECT_BINARY_DIR}/packaging/yaralConfig.cmake
  ${PROJECT_BINARY_DIR}/packaging/yaralConfigVersion.cmake
  DESTINATION ${YARAL_CMAKE_INSTALL_DIR}
  COMPONENT development)

# ------------------------------------------------------------------ pkg-config
#
# `pkg-config --cflags --libs yaral` links the shared library; the
# private fields list what `--static` needs. yaral_c.pc is the C ABI.
list(JOIN yaral_pc_requires_private " " YARAL_PC_REQUIRES_PRIVATE)
list(JOIN yaral_pc_libs_private " " YARAL_PC_LIBS_PRIVATE)
set(YARAL_PC_REQUIRES "")
foreach(dependency IN LISTS yaral_public_deps)
  yaral_describe_dependency(${dependency} package pkgconfig libs)
  string(APPEND YARAL_PC_REQUIRES " ${pkgconfig}")
endforeach()
string(STRIP "${YARAL_PC_REQUIRES}" YARAL_PC_REQUIRES)
configure_file(${PROJECT_SOURCE_DIR}/cmake/yaral.pc.in
               ${PROJECT_BINARY_DIR}/packaging/yaral.pc @ONLY)
set(yaral_pc_files ${PROJECT_BINARY_DIR}/packaging/yaral.pc)
if(TARGET yaral_c)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/yaral_c.pc.in
                 ${PROJECT_BINARY_DIR}/packaging/yaral_c.pc @ONLY)
  list(APPEND yaral_pc_files ${PROJECT_BINARY_DIR}/packaging/yaral_c.pc)
endif()
install(FILES ${yaral_pc_files}
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
  COMPONENT development)

# ------------------------------------------------------------------- licence
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE ${PROJECT_SOURCE_DIR}/NOTICE
  DESTINATION ${CMAKE_INSTALL_DOCDIR}
  COMPONENT runtime)

# --------------------------------------------------------------------- tests
#
# install.embed: installs into a scratch prefix, builds examples/embed/
# against it as a separate project, and runs the C++, C and Python examples.
if(YARAL_BUILD_TESTS AND TARGET yaral_c)
  add_subdirectory(tests/install)
endif()
