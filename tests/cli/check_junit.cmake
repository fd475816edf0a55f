# Runs `yaral test ... --junit REPORT` and checks that the report is XML a CI
# system can read: it parses, its root is <testsuites>, and it holds the
# expected numbers of <testcase> and <failure> elements.
#
#   cmake -DYARAL=<binary> -DARGS=<args separated by |> -DEXPECT_EXIT=<n>
#         -DREPORT=<file> -DPYTHON=<python3> -DTESTCASES=<n> -DFAILURES=<n>
#         -P check_junit.cmake
cmake_minimum_required(VERSION 3.25)

string(REPLACE "|" ";" args "${ARGS}")
file(REMOVE "${REPORT}")
execute_process(COMMAND "${YARAL}" ${args} --junit "${REPORT}"
                RESULT_VARIABLE exit_code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT exit_code STREQUAL EXPECT_EXIT)
  message(FATAL_ERROR "exit code ${exit_code}, expected ${EXPECT_EXIT}\n"
                      "--- stdout ---\n${out}--- stderr ---\n${err}")
endif()

set(count [=[
import sys, xml.dom.minidom
doc = xml.dom.minidom.parse(sys.argv[1])
root = doc.documentElement
assert root.tagName == "testsuites", root.tagName
for case in doc.getElementsByTagName("testcase"):
    assert case.getAttribute("classname") and case.getAttribute("name"), case.toxml()
    float(case.getAttribute("time"))
for failure in doc.getElementsByTagName("failure"):
    assert failure.getAttribute("message"), failure.toxml()
print(len(doc.getElementsByTagName("testcase")), len(doc.getElementsByTagName("failure")), end="")
]=])
execute_process(COMMAND "${PYTHON}" -c "${count}" "${REPORT}"
                RESULT_VARIABLE parse_code OUTPUT_VARIABLE counts ERROR_VARIABLE parse_error)
if(NOT parse_code EQUAL 0)
  message(FATAL_ERROR "the JUnit report does not parse or has the wrong shape:\n${parse_error}")
endif()
if(NOT counts STREQUAL "${TESTCASES} ${FAILURES}")
  message(FATAL_ERROR "testcases and failures: ${counts}, expected ${TESTCASES} ${FAILURES}")
endif()
