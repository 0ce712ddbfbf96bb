# Warnings as an interface target that crm's own targets link; third-party
# headers are system includes and stay quiet.
add_library(crm_warnings INTERFACE)
target_compile_options(crm_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Woverloaded-virtual)
# Not -Wnull-dereference: GCC 12 at -O2 reports it inside libstdc++ itself
# (vector::insert, string moves), so with -Werror it fails on correct code.
# Not -Wrestrict on GCC 12: at -O3 it reports memcpy overlaps of 2^63 bytes
# inside libstdc++'s std::string operator+ and insert on correct code (GCC
# bugs 105329 and 105651, fixed in GCC 13), which the release build, and so
# README's demo, would print a page of.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(crm_warnings INTERFACE -Wno-restrict)
endif()
if(CRM_WERROR)
  target_compile_options(crm_warnings INTERFACE -Werror)
endif()
target_compile_definitions(crm_warnings INTERFACE $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)

if(CRM_SANITIZE)
  # toml++ is linked as Debian's shared library, so its header-only debug
  # path (with known undefined behaviour in 3.3) is never compiled here.
  target_compile_options(crm_warnings INTERFACE
    -fsanitize=${CRM_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(crm_warnings INTERFACE -fsanitize=${CRM_SANITIZE})
endif()
