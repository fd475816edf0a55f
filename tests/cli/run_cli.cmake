# Runs the yaral program once and checks its exit code and output.
#
#   cmake -DYARAL=<binary> -DARGS=<args separated by |> -DEXPECT_EXIT=<n>
#         [-DSTDOUT_MATCHES=<regex>] [-DSTDERR_MATCHES=<regex>]
#         [-DSTDOUT_EMPTY=ON] [-DSTDOUT_JSON_LENGTH=<n>] [-DSTDIN=<file>]
#         -P run_cli.cmake
#
# `|` separates arguments because add_test would split a `;` list. A regex
# must not contain `;` for the same reason. STDOUT_JSON_LENGTH asserts stdout
# is one JSON document that is an array (or object) of that many elements.
cmake_minimum_required(VERSION 3.25)

foreach(required YARAL EXPECT_EXIT)
  if(NOT DEFINED ${required})
    message(FATAL_ERROR "run_cli.cmake: ${required} is not set")
  endif()
endforeach()

set(args "")
if(DEFINED ARGS AND NOT ARGS STREQUAL "")
  string(REPLACE "|" ";" args "${ARGS}")
endif()
set(input_file "")
if(DEFINED STDIN)
  set(input_file INPUT_FILE "${STDIN}")
endif()

execute_process(
  COMMAND "${YARAL}" ${args}
  ${input_file}
  RESULT_VARIABLE exit_code
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)

set(failures "")
if(NOT exit_code STREQUAL EXPECT_EXIT)
  string(APPEND failures "  exit code ${exit_code}, expected ${EXPECT_EXIT}\n")
endif()
if(DEFINED STDOUT_MATCHES AND NOT out MATCHES "${STDOUT_MATCHES}")
  string(APPEND failures "  stdout does not match: ${STDOUT_MATCHES}\n")
endif()
if(DEFINED STDERR_MATCHES AND NOT err MATCHES "${STDERR_MATCHES}")
  string(APPEND failures "  stderr does not match: ${STDERR_MATCHES}\n")
endif()
if(STDOUT_EMPTY AND NOT out STREQUAL "")
  string(APPEND failures "  stdout should be empty\n")
endif()
if(DEFINED STDOUT_JSON_LENGTH)
  string(JSON length ERROR_VARIABLE json_error LENGTH "${out}")
  if(json_error)
    string(APPEND failures "  stdout is not JSON: ${json_error}\n")
  elseif(NOT length EQUAL STDOUT_JSON_LENGTH)
    string(APPEND failures
           "  stdout JSON has ${length} elements, expected ${STDOUT_JSON_LENGTH}\n")
  endif()
endif()

if(failures)
  string(REPLACE "|" " " shown "${ARGS}")
  message(FATAL_ERROR "yaral ${shown}\n${failures}"
                      "--- stdout ---\n${out}--- stderr ---\n${err}")
endif()
