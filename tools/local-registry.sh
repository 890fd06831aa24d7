#!/usr/bin/env bash
# A local image registry (Debian's docker-registry, CNCF distribution 2.x) that serves the
# air-gapped stand-ins as multi-arch images, the way Docker Hub serves the public bases: Jib,
# `docker build` and Testcontainers then pull a platform from a manifest list here exactly as
# they do from Docker Hub (docs/platforms.md).
#
#   tools/local-registry.sh start    # idempotent: does nothing when the registry answers
#   tools/local-registry.sh stop     # stops the registry this script started
#   tools/local-registry.sh status   # exit 0 when it answers
#
# Plain HTTP on loopback only: Docker trusts 127.0.0.0/8 registries without TLS by default;
# Jib needs jib.allowInsecureRegistries (the offline-bases profile sets it).
#
# Environment: BOOKSHELF_REGISTRY (host:port, default localhost:5000), BOOKSHELF_REGISTRY_DATA
# (storage, default /var/lib/bookshelf-registry), BOOKSHELF_REGISTRY_RUN (pid + log directory,
# default /tmp/bookshelf-registry).
set -euo pipefail

readonly REGISTRY=${BOOKSHELF_REGISTRY:-localhost:5000}
readonly DATA=${BOOKSHELF_REGISTRY_DATA:-/var/lib/bookshelf-registry}
readonly RUN=${BOOKSHELF_REGISTRY_RUN:-/tmp/bookshelf-registry}
readonly CONFIG=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/offline-images/registry.yml

die() { printf 'local-registry: error: %s\n' "$*" >&2; exit 1; }

answers() { curl -fs -m 3 -o /dev/null "http://$REGISTRY/v2/" 2>/dev/null; }

start() {
  if answers; then echo "local-registry: $REGISTRY answers"; return; fi
  command -v docker-registry >/dev/null \
    || die "docker-registry is not installed: apt-get install docker-registry"
  mkdir -p "$DATA" "$RUN"
  # The Debian package's own service needs systemd and htpasswd; this one needs neither.
  REGISTRY_HTTP_ADDR="127.0.0.1:${REGISTRY##*:}" REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY="$DATA" \
    setsid docker-registry serve "$CONFIG" >"$RUN/registry.log" 2>&1 </dev/null &
  echo $! >"$RUN/registry.pid"
  for _ in $(seq 1 50); do
    answers && { echo "local-registry: started on $REGISTRY (pid $(cat "$RUN/registry.pid"), data $DATA)"; return; }
    sleep 0.2
  done
  tail -n 20 "$RUN/registry.log" >&2
  die "the registry did not answer on http://$REGISTRY/v2/ within 10 s (log above)"
}

stop() {
  [ -f "$RUN/registry.pid" ] || { echo "local-registry: not started by this script"; return; }
  kill "$(cat "$RUN/registry.pid")" 2>/dev/null || true
  rm -f "$RUN/registry.pid"
  echo "local-registry: stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) answers ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
