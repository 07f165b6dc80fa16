#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-fuzz/ and runs each for a while.
#   tests/fuzz/run_fuzzers.sh [--seconds N | --hour] [--parallel] [target...]
# Targets: codec validation server_frames websocket_frames (default: all). Default time: 30 s per target.
# --parallel runs the targets at the same time (each for the given time, at nice 10) instead of
# one after another: an hour of fuzzing in all is `--seconds 1200 --parallel` in 20 minutes.
# Each run starts from a copy of tests/fuzz/corpus/<target> (the seeds stay untouched); new inputs
# are kept in build-fuzz/fuzz-corpus/<target>, crashes in build-fuzz/fuzz-artifacts/.
# Prints, per target: total executions, executions/s, and libFuzzer's coverage (cov: edges,
# ft: features) at the end. Exits non-zero when a target crashed or broke an invariant.
set -euo pipefail

seconds=30
parallel=0
targets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --hour) seconds=3600 ;;
    --seconds) seconds=$2; shift ;;
    --parallel) parallel=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) targets+=("$1") ;;
  esac
  shift
done
[[ ${#targets[@]} -gt 0 ]] || targets=(codec validation server_frames websocket_frames)

root=$(cd "$(dirname "$0")/../.." && pwd)
build="$root/build-fuzz"
export CMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER:-ccache}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNATTER_WERROR=ON \
  -DCMAKE_CXX_COMPILER=clang++ -DNATTER_FUZZ=ON -DNATTER_BUILD_CLIENT=OFF \
  -DNATTER_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j"${NATTER_JOBS:-2}" --target "${targets[@]/#/fuzz_}"

# Leaks are real findings here: every input runs in the same process.
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:print_stacktrace=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
mkdir -p "$build/fuzz-artifacts" "$build/fuzz-logs"

# Fuzzes one target and writes its summary line to fuzz-logs/<target>.summary; fails on a crash.
fuzz_target() {
  local target=$1 work="$build/fuzz-corpus/$1" log="$build/fuzz-logs/$1.log" status=0
  mkdir -p "$work"
  "${launcher[@]}" "$build/tests/fuzz/fuzz_$target" "$work" "$root/tests/fuzz/corpus/$target" \
    -max_total_time="$seconds" -max_len=8192 -print_final_stats=1 -timeout=10 \
    -artifact_prefix="$build/fuzz-artifacts/$target-" >"$log" 2>&1 || status=$?
  local last execs rate cov ft result=ok
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  [[ $status -eq 0 ]] || result="FAILED (exit $status; see $log)"
  printf '%-14s %4ss  execs %-10s execs/s %-7s cov %-6s ft %-6s corpus %-5s %s\n' \
    "$target" "$seconds" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" \
    "$(find "$work" -type f | wc -l)" "$result" >"$build/fuzz-logs/$target.summary"
  return "$status"
}

failed=0
launcher=(env)
if [[ $parallel -eq 1 ]]; then
  launcher=(nice -n 10)
  pids=()
  for target in "${targets[@]}"; do
    fuzz_target "$target" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
else
  for target in "${targets[@]}"; do fuzz_target "$target" || failed=1; done
fi
for target in "${targets[@]}"; do cat "$build/fuzz-logs/$target.summary"; done
exit $failed
