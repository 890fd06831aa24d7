#!/usr/bin/env bash
# A/B of two gateway config directories (e.g. gateway/nginx and an edited copy, or another
# commit's: each is rendered by the render-config.sh beside it, else this checkout's): both nginx
# instances proxy to one books-service; short wrk runs alternate A, B, A, B… and the median
# nginx worker CPU µs per request of each is printed. Alternating cancels most of the drift
# of a shared machine, so differences of a few µs show.
#   bench/compare-gateway.sh A_DIR B_DIR [PATH]      (PATH default /books/9781788395540)
# Environment: ROUNDS (6), CONNECTIONS (32), PORT_BASE (18500); A_ENV, B_ENV: extra gateway
# settings for one side, "NAME=value ..." (bench/gateway-metrics.sh: the metrics socket).
set -euo pipefail

[ $# -ge 2 ] || { sed -n '2,7p' "$0" >&2; exit 64; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/measure.sh
source "$ROOT/bench/lib/measure.sh"
a_dir=$(cd "$1" && pwd) b_dir=$(cd "$2" && pwd) path=${3:-/books/9781788395540}
rounds=${ROUNDS:-6} connections=${CONNECTIONS:-32} base=${PORT_BASE:-18500}
service_port=$base a_port=$((base + 1)) b_port=$((base + 3))
pin_server=() pin_load=()
if [ "$(nproc)" -ge 2 ]; then pin_server=(taskset -c 0) pin_load=(taskset -c 1); fi

use_work_dir compare
chmod 755 "$work"

PORT=$service_port DATA_DIR=$work/data LOG_FORMAT=json "${pin_server[@]}" \
  java -XX:MaxRAM=256m -XX:TieredStopAtLevel=1 -Xss512k \
  -jar "$ROOT/books-service/target/books-service.jar" >"$work/service.log" 2>&1 &
pids+=($!)
until curl -sf -o /dev/null "http://127.0.0.1:$service_port/health/ready"; do sleep 0.1; done

render_script() { # config dir: its own renderer when it has one beside it
  if [ -f "$1/../render-config.sh" ]; then echo "$1/../render-config.sh"; else echo "$ROOT/gateway/render-config.sh"; fi
}

start_gateway() { # source dir, port, runtime dir, extra settings
  # shellcheck disable=SC2086 # the extra settings are words by design
  env ${4:-} BOOKS_SERVICE_UPSTREAM=127.0.0.1:$service_port BOOKS_WEB_UPSTREAM=127.0.0.1:$service_port \
  GATEWAY_PORT=$2 GATEWAY_STATUS_PORT=$(($2 + 1)) GATEWAY_WORKER_PROCESSES=1 \
  GATEWAY_API_KEYS_FILE=$ROOT/config/api-keys.map \
  GATEWAY_RATE_LIMIT=999999r/s GATEWAY_RATE_LIMIT_BURST=999999 \
  GATEWAY_WRITE_RATE_LIMIT=999999r/s GATEWAY_WRITE_RATE_LIMIT_BURST=999999 \
    sh "$(render_script "$1")" "$1" "$3" 2>/dev/null
  "${pin_server[@]}" nginx -p "$3/" -c "$3/nginx.conf" -e stderr >"$3.access.log" 2>"$3.error.log" &
  pids+=($!)
}
start_gateway "$a_dir" "$a_port" "$work/a" "${A_ENV:-}"
a_pid=${pids[-1]}
start_gateway "$b_dir" "$b_port" "$work/b" "${B_ENV:-}"
b_pid=${pids[-1]}
for port in "$a_port" "$b_port"; do
  until curl -s -o /dev/null "http://127.0.0.1:$port$path"; do sleep 0.1; done
  "${pin_load[@]}" wrk -t1 -c "$connections" -d5s "http://127.0.0.1:$port$path" >/dev/null
done

ab_rounds "$rounds" "$(nginx_workers "$a_pid")" "http://127.0.0.1:$a_port$path" \
  "$(nginx_workers "$b_pid")" "http://127.0.0.1:$b_port$path" \
  "${pin_load[@]}" wrk -t1 -c "$connections" -d3s
echo "median nginx CPU per request: A $(median "${AB_A[@]}") µs, B $(median "${AB_B[@]}") µs ($path)"
# Every request B's nginx answered, warm-up included (stub_status), for scripts that check
# what a side effect of B saw (bench/gateway-metrics.sh).
echo "B served $(curl -s "http://127.0.0.1:$((b_port + 1))/nginx_status" | awk 'NR == 3 { print $3 }') requests"
