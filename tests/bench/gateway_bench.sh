#!/bin/bash
# Gateway overhead benchmark: wrk against (a) an nginx that answers a canned
# chat completion, (b) a second nginx proxying to it with keep-alive, and
# (c) Tollgate proxying to it, at concurrency 1 and 16. Everything runs on
# loopback in a private temp directory; nothing of the system's nginx is used.
#
#   tests/bench/gateway_bench.sh [BUILD_DIR]        (default: ./build)
#   BENCH_SECONDS=10 tests/bench/gateway_bench.sh build
#   BENCH_LOG_BODIES=0 ... request log without bodies (logging itself stays on)
#   BENCH_PERF=1 ...   also records a perf profile of Tollgate at c=16 (BENCH_PERF_C=1: at c=1)
#                      into tests/bench/results/tollgate-c<N>.perf.data
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$repo/build}" && pwd)
tollgate="${TOLLGATE_BINARY:-$build/app/tollgate}"
seconds="${BENCH_SECONDS:-10}"
warmup="${BENCH_WARMUP_SECONDS:-2}"

[ -x "$tollgate" ] || { echo "no tollgate binary at $tollgate (build first)" >&2; exit 2; }

if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get install -y nginx-light wrk
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/tollgate-bench.XXXXXX")
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_http() { # url, what
    for _ in $(seq 200); do
        curl -fsS -o /dev/null --max-time 1 "$1" 2>/dev/null && return 0
        sleep 0.05
    done
    echo "$2 did not answer at $1" >&2
    exit 1
}

port_a=$(free_port)
port_b=$(free_port)
port_t=$(free_port)

# nginx keeps to its own prefix: pid, logs and temp paths inside $work. As
# root the workers would drop to "nobody"; keep them as the current user.
user_line=""
[ "$(id -u)" -ne 0 ] || user_line="user $(id -un) $(id -gn);"

completion='{"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the benchmark upstream."},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}'
models='{"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":1700000000,"owned_by":"bench"}]}'

write_nginx() { # name, server block
    local dir="$work/nginx-$1"
    mkdir -p "$dir/logs" "$dir/tmp"
    cat >"$dir/nginx.conf" <<EOF
$user_line
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    keepalive_requests 1000000;
$2
}
EOF
}

write_nginx a "
    server {
        listen 127.0.0.1:$port_a;
        location = /v1/chat/completions { default_type application/json; return 200 '$completion'; }
        location = /v1/models { default_type application/json; return 200 '$models'; }
        location = /health { return 200 'ok'; }
    }"
write_nginx b "
    upstream a { server 127.0.0.1:$port_a; keepalive 64; }
    server {
        listen 127.0.0.1:$port_b;
        location / {
            proxy_pass http://a;
            proxy_http_version 1.1;
            proxy_set_header Connection \"\";
        }
    }"

for name in a b; do
    nginx -p "$work/nginx-$name" -e "$work/nginx-$name/logs/error.log" -c "$work/nginx-$name/nginx.conf" &
    pids+=($!)
done
nginx_b_pid=$!
wait_http "http://127.0.0.1:$port_a/health" "nginx A"
wait_http "http://127.0.0.1:$port_b/health" "nginx B"

export TG_BENCH_KEY="tg-bench-0123456789abcdef0123456789abcdef0123"
export TG_BENCH_UPSTREAM_KEY="sk-bench-upstream"
# A second key with a budget, tpm and max_parallel (all far above what the run
# uses): its requests go through the reservation and settlement.
export TG_BENCH_BUDGET_KEY="tg-bench-budget-0123456789abcdef0123456789ab"
cat >"$work/cfg.yaml" <<EOF
gateway:
  listen: 127.0.0.1:$port_t
  require_keys: true
providers:
  - name: bench
    kind: openai
    base_url: http://127.0.0.1:$port_a/v1
    api_key: env:TG_BENCH_UPSTREAM_KEY
    sync_interval: 0
models:
  - alias: fast
    provider: bench
    model: gpt-4o-mini
    category: chat
    pricing: { input: 0.15, output: 0.60 }
keys:
  - name: bench
    key: env:TG_BENCH_KEY
  - name: bench-budget
    key: env:TG_BENCH_BUDGET_KEY
    budget: { usd: 1000000, period: monthly, soft_usd: 900000 }
    tpm: 1000000000
    max_parallel: 1000
EOF
"$tollgate" --headless --config "$work/cfg.yaml" --data-dir "$work/data" >"$work/tollgate.log" 2>&1 &
tollgate_pid=$!
pids+=($tollgate_pid)
wait_http "http://127.0.0.1:$port_t/health" "Tollgate"
if [ "${BENCH_LOG_BODIES:-1}" = 0 ]; then
    # Request log without bodies: a setting, so restart once after changing it.
    kill "$tollgate_pid"
    wait "$tollgate_pid" || true
    sqlite3 "$work/data/tollgate.db" "INSERT OR REPLACE INTO settings(key, value) VALUES ('log/bodies', 'false')"
    "$tollgate" --headless --data-dir "$work/data" >>"$work/tollgate.log" 2>&1 &
    tollgate_pid=$!
    pids+=($tollgate_pid)
    wait_http "http://127.0.0.1:$port_t/health" "Tollgate"
fi
curl -fsS --max-time 5 -H "Authorization: Bearer $TG_BENCH_KEY" -H 'Content-Type: application/json' \
    -d '{"model":"fast","messages":[{"role":"user","content":"Say hello."}]}' \
    "http://127.0.0.1:$port_t/v1/chat/completions" >/dev/null \
    || { echo "Tollgate does not answer a chat completion; its log:" >&2; cat "$work/tollgate.log" >&2; exit 1; }

cat >"$work/post.lua" <<'EOF'
wrk.method = "POST"
wrk.body = '{"model":"fast","messages":[{"role":"user","content":"Say hello."}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TG_BENCH_KEY")
EOF

sed -e 's/TG_BENCH_KEY/TG_BENCH_BUDGET_KEY/' "$work/post.lua" >"$work/post-budget.lua"

# wrk prints latencies as 123.45us / 1.23ms / 1.02s; convert to ms.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0
        if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n *= 1; else if (v ~ /s$/) n *= 1000
        printf "%.3f", n }'
}

# CPU time (user + system, all threads) of a process in milliseconds.
cpu_ms() {
    awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$1/stat"
}

declare -A rps p50 p99 cpu_us
run() { # label, port, threads, connections[, wrk script]
    local url="http://127.0.0.1:$2/v1/chat/completions" out cpu_pid="" cpu_before=0 script="${5:-$work/post.lua}"
    wrk -t"$3" -c"$4" -d"${warmup}s" -s "$script" "$url" >/dev/null
    local perf_pid=""
    if [ "${BENCH_PERF:-0}" = 1 ] && [ "$1" = tollgate ] && [ "$4" = "${BENCH_PERF_C:-16}" ]; then
        mkdir -p "$here/results"
        perf record -F 999 --call-graph dwarf,16384 -p "$tollgate_pid" -o "$here/results/tollgate-c${4}.perf.data" -- sleep "$seconds" \
            >/dev/null 2>&1 &
        perf_pid=$!
    fi
    case $1 in
    tollgate | tollgate-budget) cpu_pid=$tollgate_pid ;;
    nginx) cpu_pid=$(pgrep -P "$nginx_b_pid" | head -1) ;;
    esac
    [ -z "$cpu_pid" ] || cpu_before=$(cpu_ms "$cpu_pid")
    out=$(wrk -t"$3" -c"$4" -d"${seconds}s" --latency -s "$script" "$url")
    [ -z "$perf_pid" ] || wait "$perf_pid" || true
    cpu_us[$1,$4]="–"
    if [ -n "$cpu_pid" ]; then
        local requests
        requests=$(awk '/requests in/ { print $1 }' <<<"$out")
        cpu_us[$1,$4]=$(awk -v c=$(( $(cpu_ms "$cpu_pid") - cpu_before )) -v n="$requests" \
            'BEGIN { printf "%.1f", (n > 0 ? c * 1000 / n : 0) }')
    fi
    if grep -q "Non-2xx" <<<"$out"; then
        echo "$1 at c=$4 answered errors:" >&2
        echo "$out" >&2
        exit 1
    fi
    rps[$1,$4]=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")
    p50[$1,$4]=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
    p99[$1,$4]=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
    echo "  $1 c=$4: ${rps[$1,$4]} req/s, p50 ${p50[$1,$4]} ms, p99 ${p99[$1,$4]} ms, CPU ${cpu_us[$1,$4]} µs/request" >&2
}

echo "Measuring ${seconds}s per run (after ${warmup}s warm-up)..." >&2
for c in 1 16; do
    threads=1
    [ "$c" -eq 1 ] || threads=2
    run direct "$port_a" "$threads" "$c"
    run nginx "$port_b" "$threads" "$c"
    run tollgate "$port_t" "$threads" "$c"
done
# The same at c=16 with the budgeted key, right after the unbudgeted run
# (the machine is noisy: compare the two of one run).
run tollgate-budget "$port_t" 2 16 "$work/post-budget.lua"

rss_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$tollgate_pid/status")

echo
echo "| path | c | req/s | p50 ms | p99 ms | proxy CPU µs/request |"
echo "|---|---|---|---|---|---|"
for c in 1 16; do
    for label in direct nginx tollgate; do
        case $label in
        direct) name="(a) direct to nginx A" ;;
        nginx) name="(b) nginx B proxy_pass → A" ;;
        tollgate) name="(c) Tollgate → A" ;;
        esac
        echo "| $name | $c | ${rps[$label,$c]} | ${p50[$label,$c]} | ${p99[$label,$c]} | ${cpu_us[$label,$c]} |"
    done
done
echo
added_p50=$(awk -v t="${p50[tollgate,1]}" -v d="${p50[direct,1]}" 'BEGIN { printf "%.3f", t - d }')
added_p99=$(awk -v t="${p99[tollgate,1]}" -v d="${p99[direct,1]}" 'BEGIN { printf "%.3f", t - d }')
nginx_added_p50=$(awk -v t="${p50[nginx,1]}" -v d="${p50[direct,1]}" 'BEGIN { printf "%.3f", t - d }')
nginx_added_p99=$(awk -v t="${p99[nginx,1]}" -v d="${p99[direct,1]}" 'BEGIN { printf "%.3f", t - d }')
ratio=$(awk -v t="${rps[tollgate,16]}" -v n="${rps[nginx,16]}" 'BEGIN { printf "%.0f", 100 * t / n }')
verdict() { awk -v v="$1" -v limit="$2" -v dir="$3" 'BEGIN {
    ok = (dir == "le") ? (v <= limit) : (v >= limit); print ok ? "met" : "missed" }'; }
echo "| measure | value | target | |"
echo "|---|---|---|---|"
echo "| Tollgate added p50 at c=1 (c − a) | $added_p50 ms | ≤ 0.1 ms | $(verdict "$added_p50" 0.1 le) |"
echo "| Tollgate added p99 at c=1 (c − a) | $added_p99 ms | ≤ 0.5 ms | $(verdict "$added_p99" 0.5 le) |"
echo "| nginx proxy added p50 / p99 at c=1 (b − a) | $nginx_added_p50 / $nginx_added_p99 ms | (reference) | |"
echo "| Tollgate / nginx proxy throughput at c=16 | $ratio % | ≥ 50 % | $(verdict "$ratio" 50 ge) |"
budget_ratio=$(awk -v b="${rps[tollgate-budget,16]}" -v t="${rps[tollgate,16]}" 'BEGIN { printf "%.0f", 100 * b / t }')
echo "| Budgeted key / unbudgeted key throughput at c=16 | $budget_ratio % (${rps[tollgate-budget,16]} / ${rps[tollgate,16]} req/s) | ≥ 90 % | $(verdict "$budget_ratio" 90 ge) |"
echo "| Tollgate peak RSS during the run | $((rss_kb / 1024)) MB | | |"
# Logging was on throughout: show what the request log holds afterwards.
sleep 1.5
echo
"$tollgate" usage --since 1d --data-dir "$work/data" 2>/dev/null || true
exit 0
