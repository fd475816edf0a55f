# Fails when a file outside lib/syntax includes ANTLR or the generated parser,
# or when a public header includes simdjson, RE2 or ANTLR.
file(GLOB_RECURSE sources
  "${ROOT}/include/*.h" "${ROOT}/lib/*.h" "${ROOT}/lib/*.cc"
  "${ROOT}/tools/*.h" "${ROOT}/tools/*.cc" "${ROOT}/bindings/*.h" "${ROOT}/bindings/*.cc"
  "${ROOT}/tests/*.h" "${ROOT}/tests/*.cc")
set(violations "")
foreach(file IN LISTS sources)
  file(READ "${file}" text)
  file(RELATIVE_PATH rel "${ROOT}" "${file}")
  if(text MATCHES "#include [<\"](antlr4-runtime|YaraLLexer|YaraLParser)" AND NOT rel MATCHES "^lib/syntax/")
    list(APPEND violations "${rel}: includes ANTLR outside lib/syntax")
  endif()
  if(rel MATCHES "^include/" AND text MATCHES "#include [<\"](simdjson|re2/|antlr4)")
    list(APPEND violations "${rel}: public header exposes a third-party engine type")
  endif()
endforeach()
if(violations)
  string(REPLACE ";" "\n  " violations "${violations}")
  message(FATAL_ERROR "layering violations:\n  ${violations}")
endif()
list(LENGTH sources count)
message(STATUS "checked ${count} files: ANTLR stays in lib/syntax")
