# clang and Debian's ANTLR 4.9 runtime headers.
#
# Debian's Vocabulary.h declares three `const std::vector<std::string>`
# members without an initialiser next to `Vocabulary() = default;`. gcc
# accepts that; clang deletes the defaulted constructor (a const member of a
# class without a user-provided default constructor is left uninitialised),
# and misc/InterpreterDataReader.h, which antlr4-runtime.h includes, then
# calls the deleted constructor. The runtime library itself is fine: only
# the header is rejected.
#
# With clang, the runtime's headers are copied at configure time into the
# build tree with those three members given `{}` initialisers, and that copy
# is the ANTLR include directory. A whole copy rather than one file, because
# the runtime's headers include "Vocabulary.h" relative to themselves. The
# patched header declares the same class layout, so it stays ABI-compatible
# with libantlr4-runtime.so. gcc keeps using /usr/include/antlr4-runtime.
#
# Sets YARAL_ANTLR4_INCLUDE_DIR. docs/toolchain.md tells the story.
set(YARAL_ANTLR4_INCLUDE_DIR ${ANTLR4_INCLUDE_DIR})
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  return()
endif()

file(READ ${ANTLR4_INCLUDE_DIR}/Vocabulary.h yaral_vocabulary)
set(yaral_patched_vocabulary "${yaral_vocabulary}")
foreach(member _literalNames _symbolicNames _displayNames)
  string(REPLACE "std::vector<std::string> const ${member};"
                 "std::vector<std::string> const ${member}{};"
                 yaral_patched_vocabulary "${yaral_patched_vocabulary}")
endforeach()
if(yaral_patched_vocabulary STREQUAL yaral_vocabulary)
  # Another runtime version: nothing to patch, use its headers as they are.
  return()
endif()

set(yaral_compat_dir ${CMAKE_BINARY_DIR}/antlr4-runtime-clang)
# file(COPY) keeps the headers' timestamps and the patched file is replaced
# only when it changes, so reconfiguring does not rebuild lib/syntax.
file(COPY ${ANTLR4_INCLUDE_DIR}/ DESTINATION ${yaral_compat_dir}
     PATTERN Vocabulary.h EXCLUDE)
file(WRITE ${CMAKE_BINARY_DIR}/Vocabulary.h.new "${yaral_patched_vocabulary}")
file(COPY_FILE ${CMAKE_BINARY_DIR}/Vocabulary.h.new ${yaral_compat_dir}/Vocabulary.h ONLY_IF_DIFFERENT)
file(REMOVE ${CMAKE_BINARY_DIR}/Vocabulary.h.new)
set(YARAL_ANTLR4_INCLUDE_DIR ${yaral_compat_dir})
message(STATUS "ANTLR runtime headers for clang (patched Vocabulary.h): ${yaral_compat_dir}")
