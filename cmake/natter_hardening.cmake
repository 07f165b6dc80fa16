# Hardening flags for our own targets (docs/packaging.md, "Hardening"), applied through the
# natter_warnings interface target that every library and executable of ours links, so a plain
# CMake build has them too, not only a distribution's package build:
#   -D_FORTIFY_SOURCE=2   checked variants (__memcpy_chk, __read_chk …) of libc calls whose buffer
#                         sizes the compiler knows; it needs optimisation, so optimised
#                         configurations only (glibc warns otherwise, which -Werror turns fatal).
#                         Undefined first: a distribution's CPPFLAGS may already set a level.
#   -fstack-protector-strong
#   -Wl,-z,relro,-z,now   read-only relocations and every symbol bound at start (full RELRO).
# ELF platforms with GCC or Clang only (MSVC and Apple's linker have their own defaults), and not
# with sanitizers, whose interceptors the checked variants would bypass.
option(NATTER_HARDENING "Build with _FORTIFY_SOURCE, stack protector and full RELRO (ELF)" ON)

if(NATTER_HARDENING AND NOT MSVC AND NOT APPLE AND NATTER_SANITIZE STREQUAL "none")
  set(_natter_optimised "$<CONFIG:Release,RelWithDebInfo,MinSizeRel>")
  target_compile_options(natter_warnings INTERFACE
    -fstack-protector-strong
    $<${_natter_optimised}:-U_FORTIFY_SOURCE>
    $<${_natter_optimised}:-D_FORTIFY_SOURCE=2>)
  target_link_options(natter_warnings INTERFACE LINKER:-z,relro LINKER:-z,now)
endif()
