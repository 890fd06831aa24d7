#!/bin/sh
# Starts mtail on the gateway's metrics log (docs/adr/0007-gateway-metrics.md); metrics on
# :3903/metrics. GATEWAY_METRICS_LOG is the variable the gateway reads too (render-config.sh).
# The gateway tests and the benchmark run this script with the host's mtail (MTAIL_BIN,
# MTAIL_PROGS, MTAIL_PORT).
set -eu
log=${GATEWAY_METRICS_LOG:-/run/bookshelf-metrics/access.log}
max_bytes=${GATEWAY_METRICS_LOG_MAX_BYTES:-8388608}
# The file lives in memory (tmpfs, emptyDir): keep it small. nginx appends (O_APPEND), so after
# a truncation it writes at the new end, and mtail, seeing the file shrink, reads from the start.
# Lines nginx flushed after mtail's last read (at most 1 s of them) are lost with it, once per
# max_bytes (8 MiB: about 300,000 requests).
(while sleep 30; do
  size=$(stat -c %s "$log" 2>/dev/null || echo 0)
  [ "$size" -le "$max_bytes" ] || truncate -s 0 "$log"
done) &
exec "${MTAIL_BIN:-mtail}" --progs "${MTAIL_PROGS:-/etc/mtail}" --logs "$log" \
  --port "${MTAIL_PORT:-3903}" --emit_prog_label=false --logtostderr "$@"
