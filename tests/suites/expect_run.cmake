# Runs one `athil` command line and checks its exit code and output: a conformance ctest that
# asserts the verdict (exit 0 / 1 / 2) and the named case in the output, not merely that it ran.
#   cmake -DCOMMAND="a|b|c" -DEXPECT_RC=1 -DEXPECT_REGEX="..." [-DREJECT_REGEX="..."] -P expect_run.cmake
string(REPLACE "|" ";" COMMAND "${COMMAND}")
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
                TIMEOUT 900)
set(all "${out}${err}")
if(NOT rc EQUAL EXPECT_RC)
  message(FATAL_ERROR "exit code ${rc}, expected ${EXPECT_RC}\n${all}")
endif()
if(DEFINED EXPECT_REGEX AND NOT all MATCHES "${EXPECT_REGEX}")
  message(FATAL_ERROR "output lacks /${EXPECT_REGEX}/\n${all}")
endif()
if(DEFINED REJECT_REGEX AND all MATCHES "${REJECT_REGEX}")
  message(FATAL_ERROR "output has /${REJECT_REGEX}/\n${all}")
endif()
