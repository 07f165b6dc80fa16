#!/usr/bin/env bash
# Runs natter-load against a fresh natter-server and prints one table (bench/README.md).
#
#   bench/run.sh                      the default suite (docs/performance.md)
#   bench/run.sh groups --groups 100 --members 10 --ramp     one natter-load command line
#
# Environment: BUILD (build directory, default build), NATTER_SERVER (server binary, default
# $NATTER_TEST_SERVER_BINARY as the sanitizer runs set it, else $BUILD/server/natter-server),
# NATTER_SERVER_ARGS (more server flags), KEEP_DATA=1 (keep the
# temp data dir), DATABASE=postgres (a private PostgreSQL instead of SQLite), NODES=N (N nodes on
# that PostgreSQL and a private Redis; the connections spread over them; needs DATABASE=postgres).
# The server side gets core 0 and the generator core 1 when there are two or more.
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

nodes=${NODES:-1} database=${DATABASE:-sqlite}
if (( nodes > 1 )) && [[ $database != postgres ]]; then
  echo "NODES=$nodes needs DATABASE=postgres (nodes share one database)" >&2
  exit 1
fi
source "$here/bench/engines.sh"

data=$(mktemp -d)
chmod 711 "$data"  # PostgreSQL runs as its own user
node_pids=() redis_pid=
cleanup() {
  for pid in "${node_pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  [[ -n $redis_pid ]] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null || true
  stop_postgres
  [[ ${KEEP_DATA:-0} == 1 ]] && echo "data kept in $data" >&2 || rm -rf "$data"
}
trap cleanup EXIT

# The benchmark's simulated users send and register far faster than people: the per-user message
# rate, the per-connection request budget, the per-address registration limit and the
# per-address connection cap are lifted by the server's own settings (README.md).
ulimit -n "$(ulimit -Hn)"
engine_args=()
if [[ $database == postgres ]]; then
  start_postgres "$data/postgres" "$(free_port)"
  engine_args+=(--database "$pg_url")
fi
if (( nodes > 1 )); then
  start_redis "$data/redis" "$(free_port)"
  engine_args+=(--redis "$redis_url")
fi

# start_node N: one node in $data/node-N; appends its pid and URL. One after the other: the first
# one migrates the schema.
urls=()
start_node() {
  local dir=$data/node-$1 port=
  mkdir -p "$dir"
  "${server_cpu[@]}" "$server_bin" --listen 127.0.0.1 --port 0 --data-dir "$dir" \
    --log-level warning --message-rate 1000000 --message-burst 1000000 \
    --request-rate 1000000 --request-burst 1000000 --register-rate 1000000 \
    --register-burst 1000000 --max-connections-per-address 1000000 \
    "${engine_args[@]}" ${NATTER_SERVER_ARGS:-} >"$dir/stdout" 2>"$dir/server.log" &
  node_pids+=($!)
  for _ in $(seq 100); do
    port=$(sed -n 's/.*listening on ws:\/\/[^:]*:\([0-9]*\).*/\1/p' "$dir/stdout")
    [[ -n $port ]] && break
    sleep 0.1
  done
  [[ -n $port ]] || { echo "node $1 did not start" >&2; cat "$dir/server.log" >&2; exit 1; }
  urls+=("ws://127.0.0.1:$port/")
}
for n in $(seq "$nodes"); do start_node "$n"; done
server_pid=${node_pids[0]}

# natter-load's server columns add up every server-side process: the nodes, and PostgreSQL (its
# postmaster and the backends of the nodes' connections, alive for the whole run) and Redis.
server_side_pids() {
  local pids=("${node_pids[@]}") postmaster
  if [[ -n ${pg_data:-} ]]; then
    postmaster=$(head -1 "$pg_data/postmaster.pid")
    pids+=("$postmaster" $(pgrep -P "$postmaster"))
  fi
  [[ -n $redis_pid ]] && pids+=("$redis_pid")
  (IFS=,; echo "${pids[*]}")
}

load() {
  "${load_cpu[@]}" "$load_bin" --url "$(IFS=,; echo "${urls[*]}")" \
    --server-pid "$(server_side_pids)" --accounts "$data/accounts" "$@"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs);" \
  "server $(basename "$server_bin"), $nodes node(s) on $database${redis_pid:+ + redis}, pids $(server_side_pids)" \
  "on ${server_cpu[*]:-any core}"
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
