# Sourced by bench/run.sh (which sets server_cpu, the core pinning of the server side): a private PostgreSQL and Redis for runs against a server on PostgreSQL
# or a cluster of nodes (docs/scaling.md), in the run's temp dir, stopped by its cleanup. Like the
# tests' engines (tests/support), but with fsync left on: the figures compare with SQLite's
# synchronous=FULL.

# Runs a PostgreSQL program on the server side's core, as the unprivileged postgres user when we
# are root (initdb refuses root).
pg_run() {
  local bin=$1 as=()
  shift
  (( EUID == 0 )) && as=(runuser -u postgres --)
  "${server_cpu[@]}" "${as[@]}" "$pg_bin/$bin" "$@"
}

# start_postgres DIR PORT: sets pg_url and pg_data; fails when initdb cannot be found.
start_postgres() {
  local dir=$1 port=$2
  pg_bin=$(dirname "$(command -v initdb 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)")
  [[ -x $pg_bin/initdb ]] || { echo "PostgreSQL's initdb not found" >&2; return 1; }
  mkdir -p "$dir"
  (( EUID == 0 )) && chown postgres "$dir"
  pg_data=$dir/data
  pg_run initdb -D "$pg_data" -U natter --auth=trust -E UTF8 --no-locale >/dev/null
  pg_run pg_ctl -D "$pg_data" -l "$dir/postgres.log" -w start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir" >/dev/null
  pg_url=postgres://natter@127.0.0.1:$port/postgres
}

stop_postgres() {
  [[ -n ${pg_data:-} ]] && pg_run pg_ctl -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
}

# start_redis DIR PORT: sets redis_pid and redis_url.
start_redis() {
  local dir=$1 port=$2
  mkdir -p "$dir"
  "${server_cpu[@]}" redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --save '' --appendonly no \
    >"$dir/redis.log" 2>&1 &
  redis_pid=$!
  redis_url=redis://127.0.0.1:$port
  for _ in $(seq 50); do
    redis-cli -p "$port" ping 2>/dev/null | grep -q PONG && return 0
    sleep 0.1
  done
  echo "redis-server did not start" >&2
  return 1
}

# A free TCP port on 127.0.0.1 (bound and released by Python, else a random high port).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' \
    2>/dev/null || echo $((20000 + RANDOM % 20000))
}
