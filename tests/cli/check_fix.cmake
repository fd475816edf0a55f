# cli.check_fix: `yaral check --fix` rewrites a rule whose fixes re-check
# without new errors, reports each fix, and leaves a rule whose fix would add
# an error byte for byte as it was.
#
#   cmake -DYARAL=<binary> -DDATA=<tests/cli/data/check_fix> -DSCRATCH=<dir> -P check_fix.cmake
file(REMOVE_RECURSE ${SCRATCH})
file(MAKE_DIRECTORY ${SCRATCH})
file(COPY ${DATA}/misspelt.yaral ${DATA}/unfixable.yaral DESTINATION ${SCRATCH})

include(${CMAKE_CURRENT_LIST_DIR}/scratch_helpers.cmake)
function(run expect_exit expect_stderr)
  yaral_run(${expect_exit} "${expect_stderr}" check --fix --color never ${ARGN})
  set(out "${out}" PARENT_SCOPE)
endfunction()

# Both fixes applied, the file rewritten, nothing left to report: exit 0.
run(0 "^[^\n]*misspelt.yaral:9:30: fixed \\[E201\\] `user_login` is not a value of Metadata.EventType\n[^\n]*misspelt.yaral:11:20: fixed \\[E200\\] no field `useridd` [^\n]*\n1 file, 1 rule: 0 errors, 0 warnings [^\n]*\n2 fixes applied in 1 file\n$"
    ${SCRATCH}/misspelt.yaral)
if(NOT out STREQUAL "")
  message(FATAL_ERROR "the fixed rule still has findings:\n${out}")
endif()
expect_same(${SCRATCH}/misspelt.yaral ${DATA}/misspelt.expected)
# Fixed now: nothing to do.
run(0 "\n0 fixes applied in 0 files\n$" ${SCRATCH}/misspelt.yaral)

# The fix would add E300: refused with the reason, the error it would add
# shown, the file untouched, and the original error reported: exit 1.
run(1 "unfixable.yaral: not fixed: the fixed text would have 1 new error: E300 cannot compare [^\n]*\n[^\n]*unfixable.yaral \\(as it would be fixed\\):11:5: error: .*0 fixes applied in 0 files; fixes refused in 1 file \\(they would add errors\\)\n$"
    ${SCRATCH}/unfixable.yaral)
if(NOT out MATCHES "unfixable.yaral:11:15: error: no field `prot` [^\n]*\\[E200\\]")
  message(FATAL_ERROR "the original error is not reported:\n${out}")
endif()
expect_same(${SCRATCH}/unfixable.yaral ${DATA}/unfixable.yaral)
expect_no_temporaries(${SCRATCH})
message(STATUS "check --fix fixed the misspelt rule and left the unfixable one alone")
