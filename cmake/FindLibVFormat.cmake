# Debian's libvformat-dev ships neither a pkg-config file nor a CMake package:
# find its header and library and offer them as LibVFormat::LibVFormat.
find_path(LIBVFORMAT_INCLUDE_DIR vf_iface.h)
find_library(LIBVFORMAT_LIBRARY vformat)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LibVFormat REQUIRED_VARS LIBVFORMAT_LIBRARY LIBVFORMAT_INCLUDE_DIR)
if(LibVFormat_FOUND AND NOT TARGET LibVFormat::LibVFormat)
  add_library(LibVFormat::LibVFormat UNKNOWN IMPORTED)
  set_target_properties(LibVFormat::LibVFormat PROPERTIES
    IMPORTED_LOCATION "${LIBVFORMAT_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${LIBVFORMAT_INCLUDE_DIR}")
endif()
