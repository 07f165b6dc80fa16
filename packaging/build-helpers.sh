# shellcheck shell=bash disable=SC2034  # the package lists are used by the scripts that source this
# Shell functions shared by ./run.sh and ./test.sh (source this file; it is not a program).
# Package names are Debian 12's; Ubuntu 24.04 uses the same ones.

# What building Natter (server, client, tests) needs.
NATTER_BUILD_PACKAGES=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-tools-dev qt6-tools-dev-tools
    qt6-l10n-tools qt6-svg-dev qtkeychain-qt6-dev libqt6sql6-sqlite libqt6sql6-psql
    qt6-qpa-plugins libgl-dev libhiredis-dev libsodium-dev
)
# What the test suite needs on top: services some tests start, a virtual display, and openssl
# (tst_tls makes a certificate); xdotool, xwd (x11-apps) and convert (imagemagick) drive and
# photograph real windows (tst_real_window_xdotool).
NATTER_TEST_PACKAGES=(redis-server postgresql nginx xvfb xauth openssl
    lintian desktop-file-utils appstream groff-base fonts-noto-color-emoji dbus
    xdotool x11-apps imagemagick)

# Installs those of the given packages that are not installed yet. apt-get runs (with sudo when
# not root) only when something is missing, so a machine that has everything pays nothing.
natter_install_missing() {
    local missing=() package
    for package in "$@"; do
        if [[ "$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null)" != installed ]]; then
            missing+=("$package")
        fi
    done
    if ((${#missing[@]} == 0)); then
        return 0
    fi
    echo "Installing missing packages: ${missing[*]}"
    local sudo=()
    if [[ "$(id -u)" -ne 0 ]]; then
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        "${missing[@]}"
}

# Configures build/ (Ninja when available, for a fresh build dir) with the extra cmake arguments
# given, then builds it on every core.
natter_configure_and_build() {
    # A /usr layout: what the Debian packages hold (tst_packages builds them from build/).
    local args=(-S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr "$@")
    if [[ ! -f build/CMakeCache.txt ]] && command -v ninja >/dev/null; then
        args+=(-G Ninja)
    fi
    cmake "${args[@]}"
    cmake --build build -j"$(nproc)"
}
