#!/usr/bin/env bash
# Gateway CPU per request without (A) and with (B) the RED metrics line (docs/performance-costs.md,
# docs/adr/0007-gateway-metrics.md): the same config twice, side by side in one run of
# compare-gateway.sh; B writes its metrics log, which a running mtail reads
# (gateway/mtail/entrypoint.sh on the host's mtail). Then mtail's own CPU per counted request and how many of B's requests it counted.
#   bench/gateway-metrics.sh [PATH]        (PATH default /books/9781788395540)
# Environment: as compare-gateway.sh (ROUNDS, CONNECTIONS, PORT_BASE).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/measure.sh
source "$ROOT/bench/lib/measure.sh"
command -v mtail >/dev/null || { echo "needs mtail (apt-get install mtail)" >&2; exit 1; }
base=${PORT_BASE:-18500} mtail_port=$(( ${PORT_BASE:-18500} + 9 ))

use_work_dir gateway-metrics
chmod 755 "$work"
log=$work/access.log
(GATEWAY_METRICS_LOG=$log MTAIL_PROGS=$ROOT/gateway/mtail/gateway.mtail MTAIL_PORT=$mtail_port \
  exec sh "$ROOT/gateway/mtail/entrypoint.sh" --address 127.0.0.1 >"$work/mtail.log" 2>&1) &
pids+=($!)
mtail_pid=${pids[-1]}
until curl -sf -o /dev/null "http://127.0.0.1:$mtail_port/metrics"; do sleep 0.1; done
mtail_before=$(proc_ticks "$mtail_pid")

B_ENV="GATEWAY_METRICS_LOG=$log" "$ROOT/bench/compare-gateway.sh" "$ROOT/gateway/nginx" "$ROOT/gateway/nginx" "$@" \
  | tee "$work/compare.out"

sleep 2 # nginx flushes its buffer within 1 s, mtail polls every 250 ms
counted=$(curl -s "http://127.0.0.1:$mtail_port/metrics" \
  | awk '/^bookshelf_gateway_requests_total/ { n += $NF } END { printf "%d", n }')
ticks=$(( $(proc_ticks "$mtail_pid") - mtail_before ))
hz=$(getconf CLK_TCK)
echo "mtail: counted $counted lines; CPU $(( ticks * 1000000 / hz )) µs in all," \
  "$(awk -v t="$ticks" -v hz="$hz" -v n="$counted" 'BEGIN { printf "%.1f", n ? t * 1e6 / hz / n : 0 }') µs per counted line"
served=$(awk '/^B served/ { print $3 }' "$work/compare.out")
echo "B served $served requests; mtail counted $counted ($(awk -v c="$counted" -v s="$served" 'BEGIN { printf "%.1f", s ? 100 * c / s : 0 }') %)"
