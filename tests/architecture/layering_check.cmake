# The layers of the source tree, checked on every test run (cmake -DSOURCE_DIR=... -P this file):
# - the library (harness/ below the runner) and the suites never include the runner
#   (harness/runner/): the application sits on top, nothing below depends on it;
# - the report library never includes GoogleTest: its writers read only the run model, and
#   the adapter from GoogleTest's results lives in harness/runner/gtest;
# - the suites include no GoogleTest either: they are cases, the runner registers them.
set(library_folders core at mqtt link process session spec dut report history run)
set(violations "")

function(check_folder folder forbidden why)
  file(GLOB_RECURSE sources "${SOURCE_DIR}/${folder}/*.cpp" "${SOURCE_DIR}/${folder}/*.hpp")
  foreach(source IN LISTS sources)
    file(STRINGS "${source}" lines REGEX "^#include")
    foreach(line IN LISTS lines)
      if(line MATCHES "${forbidden}")
        file(RELATIVE_PATH shown "${SOURCE_DIR}" "${source}")
        set(violations "${violations}\n  ${shown}: ${line} (${why})" PARENT_SCOPE)
      endif()
    endforeach()
  endforeach()
endfunction()

foreach(folder IN LISTS library_folders)
  check_folder("harness/${folder}" "harness/runner/" "the library must not include the runner")
endforeach()
check_folder("suites" "harness/runner/" "the suites must not include the runner")
check_folder("harness/report" "gtest/|gmock/" "the report library must build without GoogleTest")
check_folder("harness/history" "gtest/|gmock/" "the history library must build without GoogleTest")
check_folder("suites" "gtest/|gmock/" "the suites must build without GoogleTest")

if(NOT violations STREQUAL "")
  message(FATAL_ERROR "layering violated:${violations}")
endif()
message(STATUS "layering: the library and the suites do not include the runner or GoogleTest")
