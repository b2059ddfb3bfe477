# Install layout and the Debian package for rack hosts.
#
#   <prefix>/bin/athil                              the harness (simulator included)
#   <prefix>/lib/athil/athil_aliyun_auth.so         mosquitto plugin for section 3.2
#   <prefix>/share/athil/{spec,profiles,timing,schemas}  the manual as data, firmware and timing
#                                                   profiles, JUnit XSD
#   <prefix>/share/doc/athil/                       README, guides, inventory and CI examples
#
# The running athil finds its data and plugin relative to its own executable
# (harness/core/install_paths.hpp keeps the same two folder names), so the tree can be
# installed under any prefix. Only the runtime is installed: the static component libraries
# and tests are build-tree artefacts.
#
#   cmake --install build/release --prefix /opt/athil
#   cd build/release && cpack                      -> athil_<version>_<arch>.deb

include(GNUInstallDirs)
include(${PROJECT_SOURCE_DIR}/cmake/AthilVersion.cmake)

# `cmake --install` and cpack package what was built and never start a build of the whole tree
# (tests included) themselves: build first (ci/build.sh, ci/deb.sh do).
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(ATHIL_INSTALL_DATADIR "share/athil") # install::data_dir
set(ATHIL_INSTALL_PLUGINDIR "lib/athil") # install::plugin_dir

install(TARGETS athil RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
install(TARGETS athil_aliyun_auth LIBRARY DESTINATION ${ATHIL_INSTALL_PLUGINDIR}
        COMPONENT runtime)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/suites/spec ${PROJECT_SOURCE_DIR}/suites/profiles
                  ${PROJECT_SOURCE_DIR}/suites/timing
        DESTINATION ${ATHIL_INSTALL_DATADIR} COMPONENT runtime FILES_MATCHING PATTERN "*.yaml")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/reports/schemas DESTINATION ${ATHIL_INSTALL_DATADIR}
        COMPONENT runtime FILES_MATCHING PATTERN "*.xsd")

install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR}
        COMPONENT runtime)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}
        COMPONENT runtime FILES_MATCHING PATTERN "*.md")
install(FILES ${PROJECT_SOURCE_DIR}/fixtures/sim/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR}
        RENAME SIMULATOR.md COMPONENT runtime)
install(FILES ${PROJECT_SOURCE_DIR}/suites/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR}
        RENAME SUITES.md COMPONENT runtime)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/ci/examples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples
        COMPONENT runtime)
if(EXISTS ${PROJECT_SOURCE_DIR}/ci/rack.example.yaml)
  install(FILES ${PROJECT_SOURCE_DIR}/ci/rack.example.yaml
          DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples COMPONENT runtime)
endif()

# --- Debian package --------------------------------------------------------------------------
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "athil")
# The same version `athil --version` prints (computed at configure time here: ci/deb.sh
# configures before it packages, and checks that the two agree).
athil_version("${PROJECT_SOURCE_DIR}" "${PROJECT_VERSION}" ATHIL_PACKAGE_VERSION)
set(CPACK_PACKAGE_VERSION "${ATHIL_PACKAGE_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "Hardware-in-the-loop conformance harness for the MQTT AT command set of ASR1606 Cat-1
cellular modules. Drives a module over serial, raw TCP or RFC 2217, runs Mosquitto brokers
as its counterpart, and writes JUnit, JSON and HTML reports.")
set(CPACK_PACKAGE_CONTACT "athil maintainers <athil@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # athil_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION "electronics")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# Shared libraries come from dpkg-shlibdeps; these are the programs athil starts at run time:
# mosquitto and mosquitto_passwd (the brokers of section 3). Certificates are made in-process,
# the simulator is athil itself, power and reset commands run through /bin/sh.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "mosquitto (>= 2.0)")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "picocom, socat")
include(CPack)
