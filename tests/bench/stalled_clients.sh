#!/bin/bash
# What clients that never read cost the gateway: N streaming requests through
# a headless Tollgate in front of a paced tollgate-fake-upstream whose streams
# are far longer than any buffer, none of them read; prints the gateway's
# VmRSS once it stops growing. Loopback only, temp directory, bounded waits.
#
#   tests/bench/stalled_clients.sh [BUILD_DIR]            (default: ./build)
#   N=150 tests/bench/stalled_clients.sh build
#   TOLLGATE=/path/to/other/tollgate tests/bench/stalled_clients.sh build   (compare two builds)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$repo/build}" && pwd)
n=${N:-1000}
tollgate=${TOLLGATE:-$build/app/tollgate}
upstream_bin=$build/tests/tollgate-fake-upstream
client_bin=$build/tests/bench/stalled_clients
for bin in "$tollgate" "$upstream_bin" "$client_bin"; do
    [[ -x $bin ]] || { echo "missing $bin (build tollgate, tollgate-fake-upstream and stalled_clients)" >&2; exit 2; }
done
# Each client holds a client socket, a gateway socket and an upstream socket pair.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

work=$(mktemp -d "${TMPDIR:-/tmp}/tollgate-stalled-XXXXXX")
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

upstream_key=sk-stalled-bench
gateway_key=tg-stalled-bench-0123456789abcdef0123456789abcdef
# Streams of ~3 GB each if anyone read them: nobody will.
"$upstream_bin" --port 0 --models gpt-4o-mini --key "$upstream_key" --stream-paced \
    --stream-repeat 20000000 >"$work/upstream.out" &
pids+=($!)
for _ in $(seq 100); do
    grep -q '^listening' "$work/upstream.out" 2>/dev/null && break
    sleep 0.05
done
upstream_port=$(awk '/^listening/ {print $2}' "$work/upstream.out")
[[ -n $upstream_port ]] || { echo "fake upstream did not start" >&2; exit 1; }

# A port that was free a moment ago (Node is there for the SDK tests anyway).
gateway_port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
cat >"$work/cfg.yaml" <<YAML
gateway:
  listen: 127.0.0.1:$gateway_port
  require_keys: true
providers:
  - name: endless
    kind: openai
    base_url: http://127.0.0.1:$upstream_port/v1
    api_key: env:TG_UPSTREAM_KEY
    sync_interval: 0
models:
  - alias: stream
    provider: endless
    model: gpt-4o-mini
    category: chat
keys:
  - name: bench
    key: env:TG_KEY
YAML
TG_KEY=$gateway_key TG_UPSTREAM_KEY=$upstream_key "$tollgate" --headless --config "$work/cfg.yaml" \
    --data-dir "$work/data" 2>"$work/gateway.err" &
gateway_pid=$!
pids+=("$gateway_pid")
for _ in $(seq 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$gateway_port") 2>/dev/null && break
    kill -0 "$gateway_pid" 2>/dev/null || { cat "$work/gateway.err" >&2; exit 1; }
    sleep 0.05
done
sleep 1 # let the idle RSS settle

echo "tollgate: $tollgate"
"$client_bin" "$gateway_port" "$gateway_pid" "$gateway_key" stream "$n"
