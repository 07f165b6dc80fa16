#!/usr/bin/env bash
# Installs whatever is missing, builds Natter into build/ with warnings as errors and runs every
# test. Exits non-zero when anything fails (or when no test ran at all).
# ./test.sh --packages runs the package tests (ctest -L packaging) and the container image test
# (packaging/container/test-image.sh) instead: slow, kept out of the default run (docs/testing.md).
set -euo pipefail
cd "$(dirname "$0")"
source packaging/build-helpers.sh

packages=0
[[ "${1:-}" == --packages ]] && packages=1
natter_install_missing "${NATTER_BUILD_PACKAGES[@]}" "${NATTER_TEST_PACKAGES[@]}"
natter_configure_and_build -DNATTER_WERROR=ON
cd build
if ((packages)); then
    natter_install_missing podman buildah mmdebstrap curl
    ctest --output-on-failure --no-tests=error -L packaging
    rm -rf container-deb
    cpack -G DEB -D CPACK_COMPONENTS_ALL=server -B container-deb >/dev/null
    status=0
    ../packaging/container/test-image.sh container-deb/natter-server_*.deb || status=$?
    if ((status == 77)); then
        echo "test.sh: the container image test was SKIPPED (why: above), not passed" >&2
    fi
    exit "$status"
fi
# Most tests wait on sockets and timers, so one per core at once about halves the wall time; the few
# that measure the machine are RUN_SERIAL in their CMakeLists.
ctest --output-on-failure --no-tests=error -j"$(nproc)"
