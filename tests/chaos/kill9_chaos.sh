#!/usr/bin/env bash
# Builds natter-server and the chaos program in build/ and runs it (docs/testing.md):
#   tests/chaos/kill9_chaos.sh [--clients N] [--kills K] [--seed S] [--max-seconds T]
# Defaults: 20 clients, 20 kills, seed 1, at most 300 s. Prints one summary line; exits non-zero on
# any lost, doubled or misordered message or wrong unread count.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build="${NATTER_BUILD_DIR:-$root/build}"
export CMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER:-ccache}
[[ -f "$build/CMakeCache.txt" ]] ||
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"${NATTER_JOBS:-2}" --target natter-server kill9_chaos >/dev/null
exec "$build/tests/chaos/kill9_chaos" "$@"
