#!/usr/bin/env bash
# Startup of the Java images as built, with their AppCDS archive and without it, side by side:
# N interleaved starts of each, as compose runs them (1 CPU, 256 MiB, read-only root). Prints a
# markdown table. Needs Docker and the images (./mvnw package -DskipTests). See
# docs/performance.md.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: bench/image-startup.sh [-s|--starts N] [IMAGE...]
  IMAGE       default: books-service:<version> books-web:<version> (the build's tags)
  --starts N  starts of each variant, interleaved (default 5)
USAGE
}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/measure.sh
source "$ROOT/bench/lib/measure.sh"

fail() { echo "image-startup: $*" >&2; exit 1; }

starts=5 images=()
while [ $# -gt 0 ]; do
  case $1 in
    -s|--starts) starts=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) usage >&2; fail "unknown option $1" ;;
    *) images+=("$1"); shift ;;
  esac
done
[[ $starts =~ ^[1-9][0-9]?$ ]] || fail "--starts '$starts': expected 1-99"
for tool in docker curl; do
  command -v "$tool" >/dev/null || fail "$tool not found"
done
docker info >/dev/null 2>&1 || fail "no Docker daemon answers"
if [ ${#images[@]} -eq 0 ]; then
  version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$ROOT/pom.xml" | head -n 1)
  images=("books-service:$version" "books-web:$version")
fi
for image in "${images[@]}"; do
  docker image inspect "$image" >/dev/null 2>&1 || fail "no image $image (build: ./mvnw package -DskipTests)"
done

work=$(mktemp -d)
container=""
cleanup() {
  [ -z "$container" ] || docker rm -f "$container" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
# "Without": the entrypoint's argfile replaced by one that keeps only the logging flags, so the
# JVM runs with the JDK's default CDS archive but not the app's. Everything else is identical.
printf '%s\n' -Xlog:disable -Xlog:all=warning:stderr >"$work/no-app-cds.args"
chmod 644 "$work/no-app-cds.args"

# "WALL JVM": milliseconds from `docker start` to the first 200 of /health/ready (polled every
# 20 ms), and from JVM launch to the app's "ready" log line as the app measured it (JVM start
# time from the runtime MXBean), which leaves out Docker's own start-up.
start_ms() { # image, extra docker run args...
  local image=$1 port t0 t1 jvm
  shift
  container=$(docker create --cpus 1 --memory 256m --read-only --tmpfs /tmp \
    --tmpfs /app/data:mode=1777 -p 127.0.0.1::8080 -e PORT=8080 "$@" "$image")
  t0=$(date +%s%N)
  docker start "$container" >/dev/null
  port=$(docker port "$container" 8080/tcp | head -n 1 | sed 's/.*://')
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null; do
    if [ $(( ($(date +%s%N) - t0) / 1000000 )) -gt 60000 ]; then
      docker logs "$container" >&2
      fail "$image not ready after 60 s"
    fi
    sleep 0.02
  done
  t1=$(date +%s%N)
  # The app flushes its log every 100 ms: wait for the line rather than read too early.
  for _ in $(seq 50); do
    jvm=$(docker logs "$container" 2>&1 | sed -n 's/.*(\([0-9]*\) ms after JVM start).*/\1/p' | head -n 1)
    [ -z "$jvm" ] || break
    sleep 0.05
  done
  docker rm -f "$container" >/dev/null
  container=""
  echo "$(( (t1 - t0) / 1000000 )) ${jvm:-0}"
}

rows=()
for image in "${images[@]}"; do
  [ -n "$(docker image inspect -f '{{index .Config.Labels "org.bookshelf.app-cds"}}' "$image")" ] \
    || fail "$image has no AppCDS archive (label org.bookshelf.app-cds): only the Java images have one; build them with ./mvnw package"
  with_wall=() with_jvm=() without_wall=() without_jvm=()
  start_ms "$image" >/dev/null # first start pays for page cache and image layers; not counted
  for _ in $(seq "$starts"); do
    read -r wall jvm < <(start_ms "$image")
    with_wall+=("$wall") with_jvm+=("$jvm")
    read -r wall jvm < <(start_ms "$image" -v "$work/no-app-cds.args:/app/cds/jvm.args:ro")
    without_wall+=("$wall") without_jvm+=("$jvm")
  done
  for figure in wall jvm; do
    declare -n w_runs=with_$figure wo_runs=without_$figure
    w=$(median "${w_runs[@]}") wo=$(median "${wo_runs[@]}")
    label=$([ "$figure" = wall ] && echo "docker start → /health/ready 200" || echo "JVM launch → ready log line")
    rows+=("| $image | $label | $w ms (${w_runs[*]}) | $wo ms (${wo_runs[*]}) | $(awk -v a="$w" -v b="$wo" 'BEGIN { printf "%.2f×", a / b }') |")
    unset -n w_runs wo_runs
  done
done

echo "Machine: $(nproc) CPUs, load average before: $(cut -d ' ' -f 1-3 /proc/loadavg). Docker $(docker version -f '{{.Server.Version}}')."
echo "Containers as compose runs them (1 CPU, 256 MiB, read-only root); median of $starts interleaved starts (runs in brackets)."
echo
echo "| image | measured | with AppCDS | without | with ÷ without |"
echo "| --- | --- | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
