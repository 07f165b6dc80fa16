#!/usr/bin/env bash
# Builds natter-server and the tests with sanitizers and runs them under ctest.
#   tests/sanitize/run_sanitized.sh [address|thread] [ctest -R regex]
# address: ASan + UBSan in build-asan/; thread: TSan in build-tsan/. Without a regex every
# registered test runs (the desktop client is not built: its GUI tests need no sanitizing of Qt).
# Only the test executables the regex selects (plus natter-server) are built.
set -euo pipefail

kind=${1:-address}
regex=${2:-}
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/tests/sanitize"
case "$kind" in
  address) build="$root/build-asan" ;;
  thread) build="$root/build-tsan" ;;
  *) echo "usage: $0 [address|thread] [ctest-regex]" >&2; exit 2 ;;
esac
jobs=${NATTER_JOBS:-2}

export CMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER:-ccache}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNATTER_WERROR=ON \
  -DNATTER_SANITIZE="$kind" -DNATTER_BUILD_CLIENT=OFF -DNATTER_BUILD_BENCH=OFF >/dev/null

ctest_args=(--test-dir "$build" --output-on-failure)
if [[ -n "$regex" ]]; then
  ctest_args+=(-R "$regex")
  mapfile -t targets < <(ctest --test-dir "$build" -N -R "$regex" | sed -n 's/^ *Test *#[0-9]*: //p')
  cmake --build "$build" -j"$jobs" --target natter-server "${targets[@]}"
else
  cmake --build "$build" -j"$jobs"
fi

# Sanitizer reports abort the process (halt_on_error), so ctest marks the test failed. Reports go
# to files: test programs start natter-server as a child (it inherits these settings) and keep its
# stderr only in a temporary directory.
logs="$build/sanitizer-logs"
rm -rf "$logs" && mkdir -p "$logs"
common="halt_on_error=1:print_stacktrace=1:log_path=$logs/report"
suppressions() { [[ -f "$here/$1" ]] && echo ":suppressions=$here/$1"; return 0; }
if [[ "$kind" == address ]]; then
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
ctest "${ctest_args[@]}" || status=$?
mapfile -t reports < <(find "$logs" -type f -name 'report*' | sort)
for report in "${reports[@]}"; do
  echo "=== $report"
  head -n 40 "$report"
done
echo "sanitizer ($kind): ctest exit $status, ${#reports[@]} report file(s) in $logs"
exit $(( status != 0 || ${#reports[@]} != 0 ))
