#!/usr/bin/env bash
# Builds natter-server and the tests with sanitizers and runs them under ctest.
#   tests/sanitize/run_sanitized.sh [address|thread|address-server|thread-server] [ctest -R regex]
# address: ASan + UBSan in build-asan/; thread: TSan in build-tsan/. Everything is built (desktop
# client included) and, without a regex, every registered test runs: the whole suite.
# address-server / thread-server: only natter-server is sanitized (build-asan/ or build-tsan/); the
# suite of the ordinary build/ runs against it (NATTER_TEST_SERVER_BINARY). Much cheaper to build,
# and every test that starts the server drives the sanitized one; the test programs themselves
# (and the desktop client's code in them) are not instrumented.
# Prints at the end: tests run, passed, failed, sanitizer report files, wall time.
set -euo pipefail

kind=${1:-address}
regex=${2:-}
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/tests/sanitize"
case "$kind" in
  address|address-server) sanitize=address; build="$root/build-asan" ;;
  thread|thread-server) sanitize=thread; build="$root/build-tsan" ;;
  *) echo "usage: $0 [address|thread|address-server|thread-server] [ctest-regex]" >&2; exit 2 ;;
esac
jobs=${NATTER_JOBS:-2}
started=$(date +%s)

# -O1: the usual optimisation for sanitizers (readable stacks, far faster to build than -O2).
export CMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER:-ccache}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNATTER_WERROR=ON \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" -DNATTER_SANITIZE="$sanitize" \
  -DNATTER_BUILD_BENCH=OFF >/dev/null

ctest_args=(--output-on-failure)
[[ -z "$regex" ]] || ctest_args+=(-R "$regex")
if [[ "$kind" == *-server ]]; then
  cmake --build "$build" -j"$jobs" --target natter-server
  export NATTER_TEST_SERVER_BINARY="$build/server/natter-server"
  export NATTER_TEST_TIME_FACTOR=${NATTER_TEST_TIME_FACTOR:-3}
  suite="$root/build"
  cmake -S "$root" -B "$suite" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNATTER_WERROR=ON \
    >/dev/null
else
  suite="$build"
fi
ctest_args+=(--test-dir "$suite")
if [[ -n "$regex" ]]; then
  mapfile -t targets < <(ctest --test-dir "$suite" -N -R "$regex" | sed -n 's/^ *Test *#[0-9]*: //p')
  cmake --build "$suite" -j"$jobs" --target natter-server "${targets[@]}"
else
  cmake --build "$suite" -j"$jobs"
fi

# Sanitizer reports abort the process (halt_on_error), so ctest marks the test failed. Reports go
# to files: test programs start natter-server as a child (it inherits these settings) and keep its
# stderr only in a temporary directory.
logs="$build/sanitizer-logs"
rm -rf "$logs" && mkdir -p "$logs"
common="halt_on_error=1:print_stacktrace=1:log_path=$logs/report"
suppressions() { [[ -f "$here/$1" ]] && echo ":suppressions=$here/$1"; return 0; }
if [[ "$sanitize" == address ]]; then
  export ASAN_OPTIONS="$common:detect_leaks=1:detect_stack_use_after_return=1"
  export UBSAN_OPTIONS="$common"
  export LSAN_OPTIONS="print_suppressions=0$(suppressions lsan.supp)"
else
  # Qt and glib are not built with TSan: their own locking (futexes) is invisible to it, so races
  # it "sees" inside them (thread start handshakes, event-loop wakeup fds) are noise. Report races
  # only where instrumented code (ours) touches the memory.
  export TSAN_OPTIONS="$common:second_deadlock_stack=1:ignore_noninstrumented_modules=1$(suppressions tsan.supp)"
fi

status=0
ctest_log="$build/sanitized-ctest.log"
ctest_started=$(date +%s)
ctest "${ctest_args[@]}" 2>&1 | tee "$ctest_log" || status=$?
finished=$(date +%s)
mapfile -t reports < <(find "$logs" -type f -name 'report*' | sort)
for report in "${reports[@]}"; do
  echo "=== $report"
  head -n 40 "$report"
done
summary=$(grep -E '^[0-9]+% tests passed' "$ctest_log" | tail -n 1 || true)
echo "sanitizer ($kind): $summary; ${#reports[@]} report file(s) in $logs;" \
  "ctest $((finished - ctest_started)) s, with the build $((finished - started)) s wall"
exit $(( status != 0 || ${#reports[@]} != 0 ))
