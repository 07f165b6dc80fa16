#!/usr/bin/env bash
# Installs whatever is missing, builds Natter into build/ with warnings as errors and runs every
# test. Exits non-zero when anything fails (or when no test ran at all).
set -euo pipefail
cd "$(dirname "$0")"
source packaging/build-helpers.sh

natter_install_missing "${NATTER_BUILD_PACKAGES[@]}" "${NATTER_TEST_PACKAGES[@]}"
natter_configure_and_build -DNATTER_WERROR=ON
cd build
ctest --output-on-failure --no-tests=error
