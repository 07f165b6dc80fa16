#!/usr/bin/env bash
# Runs natter-load against a fresh natter-server and prints one table (bench/README.md).
#
#   bench/run.sh                      the default suite (docs/performance.md)
#   bench/run.sh groups --groups 100 --members 10 --ramp     one natter-load command line
#
# Environment: BUILD (build directory, default build), NATTER_SERVER (server binary, default
# $NATTER_TEST_SERVER_BINARY as the sanitizer runs set it, else $BUILD/server/natter-server),
# NATTER_SERVER_ARGS (more server flags), KEEP_DATA=1 (keep the
# temp data dir). The server gets core 0 and the generator core 1 when there are two or more.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$here/build}
server_bin=${NATTER_SERVER:-${NATTER_TEST_SERVER_BINARY:-$build/server/natter-server}}
load_bin=$build/bench/natter-load
for bin in "$server_bin" "$load_bin"; do
  [[ -x $bin ]] || { echo "missing $bin: build natter-server and natter-load first" >&2; exit 1; }
done

server_cpu=() load_cpu=()
if (( $(nproc) >= 2 )) && command -v taskset >/dev/null; then
  server_cpu=(taskset -c 0) load_cpu=(taskset -c 1)
fi

data=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [[ ${KEEP_DATA:-0} == 1 ]] && echo "data kept in $data" >&2 || rm -rf "$data"
}
trap cleanup EXIT

# The benchmark's simulated users send and register far faster than people: the per-user message
# rate, the per-connection request budget, the per-address registration limit and the
# per-address connection cap are lifted by the server's own settings (README.md).
ulimit -n "$(ulimit -Hn)"
"${server_cpu[@]}" "$server_bin" --listen 127.0.0.1 --port 0 --data-dir "$data" \
  --log-level warning --message-rate 1000000 --message-burst 1000000 \
  --request-rate 1000000 --request-burst 1000000 --register-rate 1000000 \
  --register-burst 1000000 --max-connections-per-address 1000000 \
  ${NATTER_SERVER_ARGS:-} >"$data/stdout" 2>"$data/server.log" &
server_pid=$!
for _ in $(seq 100); do
  port=$(sed -n 's/.*listening on ws:\/\/[^:]*:\([0-9]*\).*/\1/p' "$data/stdout")
  [[ -n $port ]] && break
  sleep 0.1
done
[[ -n ${port:-} ]] || { echo "server did not start" >&2; cat "$data/server.log" >&2; exit 1; }

load() {
  "${load_cpu[@]}" "$load_bin" --url "ws://127.0.0.1:$port/" --server-pid "$server_pid" \
    --accounts "$data/accounts" "$@"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs);" \
  "server $(basename "$server_bin") pid $server_pid on ${server_cpu[*]:-any core}"
status=0
if (( $# > 0 )); then
  load --header "$@" || status=$?
  exit $status
fi
load --header groups --groups 100 --members 10 --ramp --rate 250 --duration 10 || status=$?
load groups --groups 10 --members 100 --ramp --rate 50 --duration 10 || status=$?
load pairs --pairs 500 --ramp --rate 250 --duration 10 || status=$?
load idle --connections 5000 --users 100 --duration 20 || status=$?
load login-storm --clients 200 --users 50 || status=$?
load reconnect-storm --clients 2000 --users 200 --members 10 --messages 20 \
  --accounts "$data/storm-accounts" || status=$?  # accounts of its own: nothing else to sync
exit $status
