#!/usr/bin/env bash
# Builds the natter-server container image without any registry (docs/packaging.md, "Container
# image"): a Debian bookworm root from mmdebstrap holding the package's dependencies, imported into
# podman, then packaging/container/Containerfile on top of it with the natter-server .deb.
#
#   packaging/container/build-image.sh path/to/natter-server_<version>_<arch>.deb [image name]
#
# Needs root (or a working rootless podman), podman and mmdebstrap (apt-get install podman
# mmdebstrap) and a reachable Debian mirror (the host's apt sources). The image is
# localhost/natter-server:<version> unless named.
set -euo pipefail

deb=$(realpath "${1:?usage: $0 natter-server.deb [image name]}")
version=$(dpkg-deb -f "$deb" Version)
image=${2:-localhost/natter-server:$version}
here=$(dirname "$(realpath "$0")")
suite=${NATTER_IMAGE_SUITE:-bookworm}
base=localhost/natter-base:$suite

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The package's dependencies as dpkg-shlibdeps computed them: the first of each alternative,
# without version constraints (apt picks the suite's version, which satisfies them).
depends=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/[[:space:]]//g' |
    grep -v '^$' | paste -sd, -)
# The base is made once (mmdebstrap takes minutes) and labelled with what it holds; a package
# with other dependencies, or NATTER_IMAGE_NEW_BASE=1, makes it anew.
if [[ "${NATTER_IMAGE_NEW_BASE:-0}" == 1 ]] ||
    [[ "$(podman image inspect --format '{{index .Labels "org.natter.depends"}}' "$base" 2>/dev/null)" != "$depends" ]]; then
    echo "build-image: making $base with: $depends,busybox"
    # Documentation and locales are left out: nobody reads them in a server image.
    mmdebstrap --variant=minbase --include="$depends,busybox" \
        --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
        --dpkgopt='path-include=/usr/share/doc/*/copyright' \
        --dpkgopt='path-exclude=/usr/share/locale/*' \
        "$suite" "$work/rootfs.tar"
    podman import --change 'CMD ["/bin/sh"]' --change "LABEL org.natter.depends=$depends" \
        "$work/rootfs.tar" "$base"
fi

cp "$deb" "$work/natter-server.deb"
# Docker format: the OCI image format has no HEALTHCHECK. The RUN step needs no network (the
# base holds every dependency). Chroot isolation by default: it needs no OCI runtime, which
# cannot start containers everywhere (docs/packaging.md says where not);
# NATTER_IMAGE_ISOLATION=oci uses the runtime.
podman build --format docker --pull=never --isolation="${NATTER_IMAGE_ISOLATION:-chroot}" \
    -f "$here/Containerfile" -t "$image" "$work"
echo "build-image: built $image"
