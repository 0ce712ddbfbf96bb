# What `cmake --install` puts where, and the Debian package CPack makes of it
# (`cpack --config build/release/CPackConfig.cmake -G DEB`; README, Install).
install(TARGETS crm RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES man/crm.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES man/crm.5 DESTINATION ${CMAKE_INSTALL_MANDIR}/man5)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
# The example shop, to try crm on: cp -r /usr/share/doc/crm/examples ~/shop
install(DIRECTORY examples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)

set(CPACK_PACKAGE_NAME crm)
set(CPACK_PACKAGE_VENDOR "crm developers")
set(CPACK_PACKAGE_CONTACT "crm developers <crm@example.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "whom to contact today, from plain TOML files")
set(CPACK_PACKAGE_DESCRIPTION
    "crm keeps a salesperson's customers as human-editable TOML files in a git-friendly\n"
    "folder and says every morning whom to contact and why: revisits, follow-ups after a\n"
    "sale, Gregorian and lunar birthdays, run-outs and collections.")
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The shared libraries' packages (libicu72, libfmt9, libical3, …), as
# dpkg-shlibdeps finds them in the binary.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "git, man-db")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion, default-mta | mail-transport-agent")
include(CPack)
