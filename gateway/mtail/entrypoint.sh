#!/bin/sh
# Starts mtail on the gateway's metrics socket (docs/adr/0007-gateway-metrics.md); metrics on
# :3903/metrics. GATEWAY_METRICS_SOCKET is the variable the gateway reads too (render-config.sh).
# The gateway tests run this script with the host's mtail (MTAIL_BIN, MTAIL_PROGS, MTAIL_PORT).
set -eu
socket=${GATEWAY_METRICS_SOCKET:-/run/bookshelf-metrics/access.sock}
# A socket left by a previous run (the volume outlives this container) would fail the bind.
rm -f "$socket"
# mtail 3.0.0-rc50 reads one datagram per poll tick (250 ms by default): at 1 ms it keeps up
# with about 550 requests/s sustained, and the socket's queue absorbs bursts beyond that
# (net.unix.max_dgram_qlen, docs/observability.md). A line that finds the queue full is lost.
exec "${MTAIL_BIN:-mtail}" --progs "${MTAIL_PROGS:-/etc/mtail}" --logs "unixgram://$socket" \
  --port "${MTAIL_PORT:-3903}" --poll_interval=1ms --poll_log_interval=0 \
  --emit_prog_label=false --logtostderr "$@"
