# install.embed, run by ctest as `cmake -P` (tests/install/CMakeLists.txt):
#   1. cmake --install BUILD_DIR into WORK_DIR/prefix, and check the layout;
#   2. configure and build SOURCE_DIR/examples/embed against that prefix as
#      a separate project (find_package(yaral), CMAKE_PREFIX_PATH);
#   3. build the C and C++ examples once more with a bare compiler and
#      pkg-config;
#   4. run every example over the reference rule's events: each must print
#      the same detections, at least one, all of the reference rule;
#   5. run the Python example with the installed package (PYTHONPATH).
# Inputs (-D): BUILD_DIR SOURCE_DIR WORK_DIR GENERATOR BUILD_TYPE
# CXX_COMPILER SANITIZE PYTHON (empty: no Python module) PYTHON_DIR.
cmake_minimum_required(VERSION 3.25)

set(prefix ${WORK_DIR}/prefix)
set(rule ${SOURCE_DIR}/examples/rules/t1071_003_non_mail_process_mail_protocol.yaral)
set(events_dir ${SOURCE_DIR}/examples/events/t1071_003)
file(GLOB event_files ${events_dir}/*.ndjson)
list(SORT event_files)
if(NOT event_files)
  message(FATAL_ERROR "no events in ${events_dir}")
endif()

# Runs a command; stops the test with its output when it fails. The
# command's stdout goes to `<name>_out`.
function(step name)
  execute_process(COMMAND ${ARGN}
    RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${name} failed (${result}):\n${ARGN}\n--- stdout\n${out}\n--- stderr\n${err}")
  endif()
  message(STATUS "${name}: ok")
  set(${name}_out "${out}" PARENT_SCOPE)
endfunction()

# A sanitizer build's libraries need the sanitizer runtimes in every
# consumer: compiled in for the examples, preloaded for Python.
set(flags "")
set(python_env "")
if(SANITIZE)
  set(flags "-fsanitize=address,undefined")
  execute_process(COMMAND ${CXX_COMPILER} -print-file-name=libasan.so
                  OUTPUT_VARIABLE asan OUTPUT_STRIP_TRAILING_WHITESPACE)
  execute_process(COMMAND ${CXX_COMPILER} -print-file-name=libubsan.so
                  OUTPUT_VARIABLE ubsan OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(python_env "LD_PRELOAD=${asan}:${ubsan}" ASAN_OPTIONS=detect_leaks=0)
endif()

# 1. Install. --strip keeps the scratch copy small (no debug information).
file(REMOVE_RECURSE ${WORK_DIR})
step(install ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix} --strip)
set(expected
  include/yaral/yaral.h include/yaral/engine.h include/yaral/yaral_c.h
  include/yaral/event_builder.h
  lib/libyaral.a lib/libyaral.so lib/libyaral_c.so
  lib/cmake/yaral/yaralConfig.cmake lib/cmake/yaral/yaralConfigVersion.cmake
  lib/cmake/yaral/yaralTargets.cmake lib/cmake/yaral/yaralStaticTargets.cmake
  lib/pkgconfig/yaral.pc lib/pkgconfig/yaral_c.pc
  bin/yaral)
if(PYTHON)
  list(APPEND expected ${PYTHON_DIR}/yaral/__init__.py ${PYTHON_DIR}/yaral/testing.py
                       ${PYTHON_DIR}/yaral/py.typed ${PYTHON_DIR}/yaral/__init__.pyi)
endif()
foreach(path IN LISTS expected)
  if(NOT EXISTS ${prefix}/${path})
    message(FATAL_ERROR "not installed: ${prefix}/${path}")
  endif()
endforeach()

# 2. The examples as a consumer builds them.
set(examples ${WORK_DIR}/examples)
step(configure ${CMAKE_COMMAND} -S ${SOURCE_DIR}/examples/embed -B ${examples}
     -G ${GENERATOR} -DCMAKE_BUILD_TYPE=${BUILD_TYPE} -DCMAKE_PREFIX_PATH=${prefix}
     "-DCMAKE_C_FLAGS=${flags}" "-DCMAKE_CXX_FLAGS=${flags}")
step(build ${CMAKE_COMMAND} --build ${examples})
if(NOT EXISTS ${examples}/yaral_cpp_example_static)
  message(FATAL_ERROR "find_package(yaral COMPONENTS static) did not find yaral::yaral_static")
endif()

# 3. The C and C++ examples with pkg-config and a compiler alone.
find_program(PKG_CONFIG pkg-config REQUIRED)
find_program(CC NAMES cc gcc REQUIRED)
set(pkg_config ${CMAKE_COMMAND} -E env PKG_CONFIG_PATH=${prefix}/lib/pkgconfig ${PKG_CONFIG})
step(pkgconfig_c ${pkg_config} --cflags --libs yaral_c)
step(pkgconfig_cpp ${pkg_config} --cflags --libs yaral)
step(pkgconfig_static ${pkg_config} --static --libs yaral)
string(STRIP "${pkgconfig_c_out} ${flags}" c_flags)
separate_arguments(c_flags UNIX_COMMAND "${c_flags}")
step(cc ${CC} -std=c99 -Wall -Werror -o ${WORK_DIR}/c_example_pkgconfig
     ${SOURCE_DIR}/examples/embed/c/main.c ${c_flags} -Wl,-rpath,${prefix}/lib)
string(STRIP "${pkgconfig_cpp_out} ${flags}" cpp_flags)
separate_arguments(cpp_flags UNIX_COMMAND "${cpp_flags}")
step(cxx ${CXX_COMPILER} -std=c++20 -o ${WORK_DIR}/cpp_example_pkgconfig
     ${SOURCE_DIR}/examples/embed/cpp/main.cc ${cpp_flags} -Wl,-rpath,${prefix}/lib)

# 4. Every example prints the same detections.
step(cpp ${examples}/yaral_cpp_example ${rule} ${events_dir})
step(cpp_static ${examples}/yaral_cpp_example_static ${rule} ${event_files})
step(c ${examples}/yaral_c_example ${rule} ${event_files})
step(c_pkgconfig ${WORK_DIR}/c_example_pkgconfig ${rule} ${event_files})
step(cpp_pkgconfig ${WORK_DIR}/cpp_example_pkgconfig ${rule} ${event_files})
set(runs cpp cpp_static c c_pkgconfig cpp_pkgconfig)

# 5. Python, with the installed package only.
if(PYTHON)
  set(site ${prefix}/${PYTHON_DIR})
  step(python_where ${CMAKE_COMMAND} -E env PYTHONPATH=${site} ${python_env}
       ${PYTHON} -c "import yaral\nprint(yaral.__file__)")
  string(FIND "${python_where_out}" "${site}" at)
  if(NOT at EQUAL 0)
    message(FATAL_ERROR "Python imported yaral from ${python_where_out}, not ${site}")
  endif()
  step(python ${CMAKE_COMMAND} -E env PYTHONPATH=${site} PYTHONDONTWRITEBYTECODE=1 ${python_env}
       ${PYTHON} ${SOURCE_DIR}/examples/embed/python/run_reference_rule.py ${rule} ${events_dir})
  list(APPEND runs python)
endif()

string(REGEX MATCHALL "[^\n]+" detections "${cpp_out}")
list(LENGTH detections count)
if(count EQUAL 0)
  message(FATAL_ERROR "the C++ example printed no detection")
endif()
foreach(line IN LISTS detections)
  if(NOT line MATCHES "^\\{\"rule\":\"t1071_003_non_mail_process_mail_protocol\"")
    message(FATAL_ERROR "not a detection of the reference rule: ${line}")
  endif()
endforeach()
foreach(run IN LISTS runs)
  if(NOT "${${run}_out}" STREQUAL "${cpp_out}")
    message(FATAL_ERROR "the ${run} example printed other detections than the C++ one:\n"
                        "--- ${run}\n${${run}_out}\n--- cpp\n${cpp_out}")
  endif()
endforeach()
message(STATUS "${count} detection(s), the same from: ${runs}")
