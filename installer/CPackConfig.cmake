# `cpack -G DEB` in the build directory makes a Debian package of the
# tollgate binary, its desktop file and icon.
set(CPACK_PACKAGE_NAME "tollgate")
set(CPACK_PACKAGE_VENDOR "Tollgate")
set(CPACK_PACKAGE_CONTACT "Tollgate engineering <eng@tollgate.local>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "LLM gateway with a native admin console")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libqt6core6, libqt6network6, libqt6sql6-sqlite, libqt6httpserver6, libqt6widgets6, libqt6charts6, libqt6svg6, qt6-qpa-plugins, libqt6keychain1, libsecret-1-0, libcurl4, libyaml-cpp0.7")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring")
include(CPack)
