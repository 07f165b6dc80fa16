#!/usr/bin/env bash
# The container image end to end (docs/testing.md): builds it with build-image.sh from a
# natter-server .deb, runs it with podman as an operator would (a published port, a named volume
# for the state), waits for its health check, checks that a WebSocket upgrade on the published
# port succeeds, that the server runs as the image's user and that its database is on the volume.
# Not part of the default ./test.sh: `./test.sh --packages` runs it.
#
#   packaging/container/test-image.sh path/to/natter-server_<version>_<arch>.deb
#
# Exit status: 0 passed; 1 failed; 77 skipped because podman cannot start a container on this
# machine (the error is printed; the image's server is then still started and checked with
# buildah's chroot isolation, which needs no OCI runtime, and a failure there is a 1).
set -euo pipefail

deb=$(realpath "${1:?usage: $0 natter-server.deb}")
here=$(dirname "$(realpath "$0")")
image=localhost/natter-server:test
name=natter-image-test-$$
volume=$name-state
port=${NATTER_IMAGE_TEST_PORT:-14860}
admin=${NATTER_IMAGE_TEST_ADMIN_PORT:-19486}
chroot_pid=
chroot_ctr=

# Keeps the script's exit status: without set +e a step's failure (wait on the killed server
# returns 143) would end the trap early, leave the container behind and replace a 77 or a 1.
cleanup() {
    local rc=$?
    set +e
    if [[ -n "$chroot_pid" ]]; then
        kill "$chroot_pid" 2>/dev/null || true
        wait "$chroot_pid" 2>/dev/null || true
    fi
    rm -f "${TMPDIR:-/tmp}/$name-chroot.log" || true
    if [[ -n "$chroot_ctr" ]]; then
        buildah rm "$chroot_ctr" >/dev/null 2>&1 || true
    fi
    podman rm -f "$name" >/dev/null 2>&1 || true
    podman volume rm -f "$volume" >/dev/null 2>&1 || true
    exit "$rc"
}
trap cleanup EXIT

fail() {
    echo "test-image: FAILED: $*" >&2
    exit 1
}

# True when a WebSocket upgrade on 127.0.0.1:$1 is answered 101.
upgrades() {
    curl -s -i -m 5 -H 'Connection: Upgrade' -H 'Upgrade: websocket' \
        -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' \
        "http://127.0.0.1:$1/" | head -1 | grep -q ' 101 '
}

# Runs "$@" up to 20 times, half a second apart, until it succeeds.
eventually() {
    for _ in $(seq 20); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    return 1
}

# Without a runtime: the image's root, its user and its packaged server, on the host's network.
check_with_chroot() {
    # buildah run is told the user; the image itself must configure it for podman and others.
    local user
    user=$(podman image inspect --format '{{.Config.User}}' "$image")
    [[ "$user" == natter:natter ]] || fail "the image's configured user is '$user', not natter:natter"
    chroot_ctr=$(buildah from --pull-never "$image")
    buildah run --isolation chroot --user natter:natter "$chroot_ctr" -- /usr/bin/natter-server \
        --config /etc/natter/natter-server.conf --data-dir /var/lib/natter-server \
        --admin-listen "127.0.0.1:$admin" --listen 127.0.0.1 --port "$port" \
        >"${TMPDIR:-/tmp}/$name-chroot.log" 2>&1 &
    chroot_pid=$!
    eventually buildah run --isolation chroot --user natter:natter "$chroot_ctr" -- \
        busybox wget -q -O /dev/null "http://127.0.0.1:$admin/healthz/live" ||
        fail "the health check never passed (chroot)"
    upgrades "$port" || fail "no WebSocket upgrade on port $port (chroot)"
    buildah run --isolation chroot --user natter:natter "$chroot_ctr" -- \
        test -s /var/lib/natter-server/natter.sqlite3 || fail "no database in the state directory"
    echo "test-image: the image's server runs as natter and serves (checked with buildah chroot)"
}

"$here/build-image.sh" "$deb" "$image"

if ! started=$(podman run -d --name "$name" -v "$volume:/var/lib/natter-server" \
    -p "127.0.0.1:$port:4860" "$image" 2>&1); then
    echo "test-image: SKIPPED: podman cannot start a container here: $started" >&2
    check_with_chroot
    exit 77
fi
eventually podman healthcheck run "$name" || fail "the health check never passed"
upgrades "$port" || fail "no WebSocket upgrade on the published port $port"
# The server's own ids (PID 1, the entrypoint), not those of a process podman exec starts.
server_ids=$(podman exec "$name" cat /proc/1/status | awk '/^(Uid|Gid):/ {print $1, $2, $3, $4, $5}') ||
    fail "could not read the status of the server (PID 1)"
[[ "$server_ids" == $'Uid: 10001 10001 10001 10001\nGid: 10001 10001 10001 10001' ]] ||
    fail "the server (PID 1) does not run as uid/gid 10001: $server_ids"
podman exec "$name" test -s /var/lib/natter-server/natter.sqlite3 || fail "no database on the volume"
podman restart "$name" >/dev/null
eventually podman healthcheck run "$name" || fail "the health check failed after a restart"
echo "test-image: passed"
