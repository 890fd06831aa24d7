#!/usr/bin/env bash
# A/B of two sets of JVM flags, or two builds, of books-service: both run side by side on CPU 0 (each on
# its own fresh H2 database), get the same warm-up (POSTs, then the measured path), then short
# wrk runs alternate A, B, A, B… The median JVM CPU µs per request of each and the RSS after
# all of it are printed. Alternating cancels most of the drift of a shared machine.
#   bench/compare-jvm.sh "FLAGS_A" "FLAGS_B" [PATH]      (PATH default /books/9781788395540)
# Both get the image's flags first (override with BASE_FLAGS). Environment: ROUNDS (6),
# CONNECTIONS (32), PORT_BASE (18600), WARMUP (40s of the path after 10 s of POSTs: C2 needs
# ~25 s of load, bench/floor.sh shows the curve), JAR_A and JAR_B (default: the built jar for
# both; e.g. JAR_A=/tmp/before.jar to measure a code change with the same flags "" "").
set -euo pipefail

[ $# -ge 2 ] || { sed -n '2,10p' "$0" >&2; exit 64; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/measure.sh
source "$ROOT/bench/lib/measure.sh"
jar=$ROOT/books-service/target/books-service.jar
jar_a=${JAR_A:-$jar} jar_b=${JAR_B:-$jar}
for j in "$jar_a" "$jar_b"; do
  [ -f "$j" ] || { echo "compare-jvm: $j missing (the build's: ./mvnw -q -pl books-service -am package -DskipTests)" >&2; exit 1; }
done
for tool in wrk curl java; do
  command -v "$tool" >/dev/null || { echo "compare-jvm: $tool not found" >&2; exit 1; }
done
flags_a=$1 flags_b=$2 path=${3:-/books/9781788395540}
base_flags=${BASE_FLAGS:-"-XX:MaxRAM=256m $(image_jvm_flags "$ROOT")"}
rounds=${ROUNDS:-6} connections=${CONNECTIONS:-32} base=${PORT_BASE:-18600} warmup=${WARMUP:-40s}
pin_server=() pin_load=()
if [ "$(nproc)" -ge 2 ]; then pin_server=(taskset -c 0) pin_load=(taskset -c 1); fi

use_work_dir compare-jvm

start() { # name, port, flags, jar
  # shellcheck disable=SC2086
  PORT=$2 DATA_DIR=$work/$1 LOG_FORMAT=json "${pin_server[@]}" \
    java $base_flags $3 -jar "$4" >"$work/$1.log" 2>&1 &
  pids+=($!)
  until curl -sf -o /dev/null "http://127.0.0.1:$2/health/ready"; do
    kill -0 "${pids[-1]}" 2>/dev/null || { cat "$work/$1.log" >&2; exit 1; }
    sleep 0.1
  done
}
start a "$base" "$flags_a" "$jar_a"
a_pid=${pids[-1]}
start b "$((base + 1))" "$flags_b" "$jar_b"
b_pid=${pids[-1]}

for port in "$base" "$((base + 1))"; do
  "${pin_load[@]}" wrk -t1 -c "$connections" -d10s -s "$ROOT/bench/wrk/post-books.lua" \
    "http://127.0.0.1:$port/books" -- 1 >/dev/null
  "${pin_load[@]}" wrk -t1 -c "$connections" -d "$warmup" "http://127.0.0.1:$port$path" >/dev/null
done

ab_rounds "$rounds" "$a_pid" "http://127.0.0.1:$base$path" "$b_pid" "http://127.0.0.1:$((base + 1))$path" \
  "${pin_load[@]}" wrk -t1 -c "$connections" -d3s
echo
echo "| | flags | JVM CPU µs/req (median of $rounds) | RSS after (peak) |"
echo "| --- | --- | ---: | ---: |"
echo "| A | \`${flags_a:-(none)}\` | $(median "${AB_A[@]}") | $(( $(rss_kib "$a_pid") / 1024 )) MiB ($(( $(peak_rss_kib "$a_pid") / 1024 )) MiB) |"
echo "| B | \`${flags_b:-(none)}\` | $(median "${AB_B[@]}") | $(( $(rss_kib "$b_pid") / 1024 )) MiB ($(( $(peak_rss_kib "$b_pid") / 1024 )) MiB) |"
echo
echo "Base flags: \`$base_flags\`; path $path; $connections connections; A: $jar_a, B: $jar_b."
