# cli.fmt_in_place: `yaral fmt DIR` rewrites the unformatted file of a
# directory in place, leaves the formatted ones and the one with a syntax
# error byte for byte as they were, and a second run finds nothing to do.
#
#   cmake -DYARAL=<binary> -DDATA=<tests/cli/data/fmt> -DSCRATCH=<dir> -P fmt_in_place.cmake
file(REMOVE_RECURSE ${SCRATCH})
file(MAKE_DIRECTORY ${SCRATCH})
file(COPY ${DATA}/messy.yaral ${DATA}/broken.yaral ${DATA}/clean DESTINATION ${SCRATCH})

include(${CMAKE_CURRENT_LIST_DIR}/scratch_helpers.cmake)
function(run expect_exit expect_stderr)
  yaral_run(${expect_exit} "${expect_stderr}" fmt --color never ${ARGN})
  set(out "${out}" PARENT_SCOPE)
endfunction()

# The broken file keeps the run's exit code at 1 and is reported, not touched.
run(1 "broken.yaral:4:[0-9]+: error: [^\n]*\\[E102\\].*yaral fmt: 1 reformatted, 2 already formatted, 1 with errors \\(left unchanged\\)\n$"
    ${SCRATCH})
expect_same(${SCRATCH}/messy.yaral ${DATA}/messy.expected)
expect_same(${SCRATCH}/broken.yaral ${DATA}/broken.yaral)
expect_same(${SCRATCH}/clean/login_burst.yaral ${DATA}/clean/login_burst.yaral)
expect_same(${SCRATCH}/clean/nested/logout.yaral ${DATA}/clean/nested/logout.yaral)
expect_no_temporaries(${SCRATCH})
# Formatted now: nothing to do.
run(0 "^yaral fmt: 0 reformatted, 1 already formatted\n$" ${SCRATCH}/messy.yaral)
run(0 "^yaral fmt: 0 to reformat, 1 already formatted\n$" --check ${SCRATCH}/messy.yaral)
message(STATUS "fmt rewrote the unformatted file and left the others alone")
