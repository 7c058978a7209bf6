#!/bin/bash
# Streaming benchmark (see gateway_stream_bench.mjs): 1,000 concurrent SSE
# streams through Tollgate, relay delay per event, RSS, start-up time.
#
#   tests/bench/gateway_stream_bench.sh [BUILD_DIR]     (default: ./build)
#   STREAMS=1000 CHUNKS=20 INTERVAL_MS=200 tests/bench/gateway_stream_bench.sh build
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$repo/build}" && pwd)
# Each stream holds a client socket, a gateway socket pair and an upstream socket.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
exec node "$here/gateway_stream_bench.mjs" "$build/app/tollgate" "$build/tests/tollgate-fake-upstream"
