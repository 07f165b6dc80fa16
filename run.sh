#!/usr/bin/env bash
# Builds Natter and runs it on this machine: natter-server on ws://127.0.0.1:4860/ (its data in the
# default per-user data directory) and, when there is a display, the desktop client connected to
# it. Without a display, or with --server, only the server runs, in the foreground.
# Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
source packaging/build-helpers.sh

readonly kAddress=127.0.0.1
readonly kPort=4860
readonly kUrl="ws://${kAddress}:${kPort}/"

usage() {
    echo "usage: $0 [--server]"
    echo "  --server  run only natter-server, in the foreground (default when there is no display)"
}

server_only=false
case "${1:-}" in
    "") ;;
    --server) server_only=true ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
esac
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
    server_only=true
fi

natter_install_missing "${NATTER_BUILD_PACKAGES[@]}"
# shellcheck disable=SC2119  # no extra cmake arguments: keep whatever build/ was configured with
natter_configure_and_build

server_pid=""
client_pid=""
stop_all() {
    trap - INT TERM EXIT
    for pid in "$client_pid" "$server_pid"; do
        if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
        fi
    done
    wait 2>/dev/null || true
    rm -f "${server_output:-}"
}
trap stop_all EXIT
trap 'stop_all; exit 130' INT TERM

# Waits until the server says it listens; fails if it exits first or takes too long.
wait_until_listening() {
    local tries=150
    until grep -q "listening on" "$server_output"; do
        if ! kill -0 "$server_pid" 2>/dev/null || ((--tries == 0)); then
            echo "natter-server did not start (is port ${kPort} already in use?)" >&2
            return 1
        fi
        sleep 0.1
    done
}

# The server's stdout also goes to a file, to see its "listening on" line.
server_output="$(mktemp)"
build/server/natter-server --listen "$kAddress" --port "$kPort" > >(tee "$server_output") &
server_pid=$!
wait_until_listening
echo "Natter server running at ${kUrl} (Ctrl-C stops it)"

if [[ "$server_only" == true ]]; then
    wait "$server_pid"
else
    build/client/natter --server "$kUrl" &
    client_pid=$!
    wait "$client_pid"
fi
