# One golden case: runs `yaral` on a rule and compares its standard output
# with the expected file byte for byte. Runs in the golden folder so the
# paths in the output are relative and stable.
#   -DYARAL=<program> -DDIR=<tests/golden> -DRULE=<plan/x.yaral> -DKIND=plan|text|json
if(KIND STREQUAL "plan")
  set(args explain --color never "${RULE}")
  string(REGEX REPLACE "\\.yaral$" ".plan" expected "${RULE}")
elseif(KIND STREQUAL "text")
  set(args check --format text --color never "${RULE}")
  string(REGEX REPLACE "\\.yaral$" ".txt" expected "${RULE}")
elseif(KIND STREQUAL "json")
  set(args check --format json "${RULE}")
  string(REGEX REPLACE "\\.yaral$" ".json" expected "${RULE}")
else()
  message(FATAL_ERROR "unknown golden kind '${KIND}'")
endif()
execute_process(COMMAND "${YARAL}" ${args} WORKING_DIRECTORY "${DIR}"
  OUTPUT_VARIABLE actual RESULT_VARIABLE rc)
if(NOT EXISTS "${DIR}/${expected}")
  message(FATAL_ERROR "${expected} is missing; run scripts/update_goldens.sh")
endif()
file(READ "${DIR}/${expected}" want)
if(NOT actual STREQUAL want)
  file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/golden_actual.out" "${actual}")
  execute_process(COMMAND diff -u "${DIR}/${expected}" "${CMAKE_CURRENT_BINARY_DIR}/golden_actual.out")
  message(FATAL_ERROR "`yaral ${args}` differs from ${expected} (exit ${rc}); if the change is "
    "intended, run scripts/update_goldens.sh and review the diff")
endif()
