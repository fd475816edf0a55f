# Helpers of the CLI tests that rewrite files (fmt_in_place.cmake,
# check_fix.cmake): run `yaral VERB...` and check its exit code and stderr,
# and compare a rewritten file with the expected one. Included after YARAL
# is set.

# yaral_run(EXIT STDERR_REGEX ARG...): fails unless `yaral ARG...` exits EXIT
# with stderr matching; leaves its stdout in `out`.
function(yaral_run expect_exit expect_stderr)
  execute_process(COMMAND ${YARAL} ${ARGN}
                  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL expect_exit OR NOT err MATCHES "${expect_stderr}")
    string(REPLACE ";" " " shown "${ARGN}")
    message(FATAL_ERROR "yaral ${shown}: exit ${code}, expected ${expect_exit}\n"
                        "stderr:\n${err}\nstdout:\n${out}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

# expect_same(ACTUAL EXPECTED): the two files hold the same bytes.
function(expect_same actual expected)
  file(READ ${actual} got)
  file(READ ${expected} want)
  if(NOT got STREQUAL want)
    message(FATAL_ERROR "${actual} is not as expected:\n${got}\n--- expected (${expected}) ---\n${want}")
  endif()
endfunction()

# expect_no_temporaries(DIR): no `.NAME.yaral-tmp` left by an in-place write.
function(expect_no_temporaries dir)
  file(GLOB leftovers ${dir}/.*.yaral-tmp)
  if(leftovers)
    message(FATAL_ERROR "temporary files left behind: ${leftovers}")
  endif()
endfunction()
