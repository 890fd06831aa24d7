#!/bin/sh
# Runs inside the image at build time: starts the app as its entrypoint would, with
# -XX:ArchiveClassesAtExit, waits until /health/ready answers 200, requests each training path
# once, stops it with SIGTERM (so the archive also holds the shutdown classes) and points the
# image's argfile, /app/cds/jvm.args, at the archive.
#
# usage: train.sh CDS_DIR "PATH..."
set -euf  # -f: the training paths hold "?", which must not glob

cds_dir=$1
paths=$2
work=/tmp/cds-train
port=18080
mkdir -p "$work"

fail() {
  echo "app-cds: $*" >&2
  echo "app-cds: the app's output follows" >&2
  cat "$work/app.log" >&2 || true
  exit 1
}

# One HTTP/1.0 GET with bash's /dev/tcp (no curl in a JRE image); prints the status code.
http_status() {
  bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 0
    printf "GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n" "$2" >&3
    head -n 1 <&3 | cut -d " " -f 2' http_status "$port" "$1" 2>/dev/null || true
}

command -v bash >/dev/null || fail "the base image has no bash; it is needed for the training requests"

# The same class path and main class as Jib's entrypoint; a dynamic archive is only valid for
# that class path. -XX:TieredStopAtLevel=1 keeps the training short; the archive holds classes,
# not compiled code, so it serves the image's full tiered JIT as well.
# LOG_FORMAT=json as compose and Kubernetes run it, so the JSON encoder's classes are archived.
env PORT="$port" DATA_DIR="$work/data" LOG_FORMAT=json \
  java -XX:ArchiveClassesAtExit="$cds_dir/app.jsa" -XX:TieredStopAtLevel=1 \
    -cp @/app/jib-classpath-file "$(cat /app/jib-main-class-file)" >"$work/app.log" 2>&1 &
pid=$!

# 300 s: under qemu emulation (another platform than the host's) the JVM starts ~8x slower.
deadline=$(($(date +%s) + 300))
until [ "$(http_status /health/ready)" = 200 ]; do
  kill -0 "$pid" 2>/dev/null || fail "the app exited before it was ready"
  [ "$(date +%s)" -le "$deadline" ] || fail "not ready after 300 s"
  sleep 0.1
done

for path in $paths; do
  status=$(http_status "$path")
  case "$status" in
    2??|3??) ;;
    *) kill "$pid"; fail "GET $path answered '$status' during training" ;;
  esac
done

kill -TERM "$pid"
wait "$pid" || true
[ -s "$cds_dir/app.jsa" ] || fail "the JVM wrote no archive to $cds_dir/app.jsa"

# -Xshare:auto: a stale archive (another JVM build) is skipped, not fatal. JVM warnings go to
# stderr so that stdout stays one JSON log line per event.
printf '%s\n' "-XX:SharedArchiveFile=$cds_dir/app.jsa" -Xshare:auto -Xlog:disable \
  -Xlog:all=warning:stderr >"$cds_dir/jvm.args"
chmod 644 "$cds_dir/app.jsa" "$cds_dir/jvm.args"
echo "app-cds: $(du -k "$cds_dir/app.jsa" | cut -f 1) kB archive from $(echo $paths | wc -w) training requests"
