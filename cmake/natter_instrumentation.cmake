# Sanitizer and fuzzer instrumentation for our own targets (never Qt's), applied through the
# natter_warnings interface target that every library and executable of ours links.
#   NATTER_SANITIZE=none|address|thread  address means ASan + UBSan; thread means TSan.
#   NATTER_FUZZ=ON                        libFuzzer targets in tests/fuzz (clang only; implies address).
set(NATTER_SANITIZE "none" CACHE STRING "Sanitizers for our targets: none, address (ASan+UBSan), thread")
set_property(CACHE NATTER_SANITIZE PROPERTY STRINGS none address thread)
option(NATTER_FUZZ "Build the libFuzzer targets in tests/fuzz (clang only)" OFF)
# How much longer tests may take when sanitized (ctest timeouts, test clients' waits).
set(NATTER_SANITIZE_TIME_FACTOR 3 CACHE STRING "Timeout multiplier for tests under sanitizers")

if(NATTER_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "NATTER_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  if(NATTER_SANITIZE STREQUAL "none")
    set(NATTER_SANITIZE address CACHE STRING "" FORCE)
  endif()
  # Coverage feedback for every object of ours; the fuzz executables add -fsanitize=fuzzer (main).
  target_compile_options(natter_warnings INTERFACE -fsanitize=fuzzer-no-link)
endif()

if(NATTER_SANITIZE STREQUAL "address")
  set(_natter_sanitize_flags -fsanitize=address,undefined -fno-sanitize-recover=undefined)
elseif(NATTER_SANITIZE STREQUAL "thread")
  if(NATTER_FUZZ)
    message(FATAL_ERROR "NATTER_FUZZ works with NATTER_SANITIZE=address only")
  endif()
  set(_natter_sanitize_flags -fsanitize=thread)
elseif(NOT NATTER_SANITIZE STREQUAL "none")
  message(FATAL_ERROR "NATTER_SANITIZE must be none, address or thread, not '${NATTER_SANITIZE}'")
endif()

if(_natter_sanitize_flags)
  message(STATUS "Natter targets are built with ${_natter_sanitize_flags}")
  target_compile_options(natter_warnings INTERFACE ${_natter_sanitize_flags} -fno-omit-frame-pointer)
  target_link_options(natter_warnings INTERFACE ${_natter_sanitize_flags})
endif()
