# cli.test_last_failed: `yaral test --lf` reruns what failed, from the cache
# file in the current directory, and forgets a case once it passes.
file(REMOVE_RECURSE ${SCRATCH})
file(MAKE_DIRECTORY ${SCRATCH})
function(run expect_exit expect_stderr)
  execute_process(COMMAND ${YARAL} test --color never ${ARGN}
                  WORKING_DIRECTORY ${SCRATCH} RESULT_VARIABLE code
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL expect_exit OR NOT err MATCHES "${expect_stderr}")
    message(FATAL_ERROR "yaral test ${ARGN}: exit ${code}, stderr:\n${err}\nstdout:\n${out}")
  endif()
endfunction()
# No cache yet: --lf runs everything and says so.
run(1 "no failed cases recorded[^\n]*\n6 cases, 3 passed, 3 failed" --lf ${FAIL} ${PASS})
if(NOT EXISTS ${SCRATCH}/.yaral_cache/test/lastfailed)
  message(FATAL_ERROR "no .yaral_cache/test/lastfailed written")
endif()
# Now only the three failures run.
run(1 "^3 cases, 0 passed, 3 failed" --lf ${FAIL} ${PASS})
# -k narrows --lf further.
run(1 "^1 case, 0 passed, 1 failed" --lf -k "wrong host" ${FAIL} ${PASS})
message(STATUS "--lf reran the recorded failures")
