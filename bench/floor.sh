#!/usr/bin/env bash
# The framework floor under books-service, in both JIT modes, side by side in one run:
# a bare Jetty 12 handler and a bare Javalin 7 route (bench/floor/, built here against the
# books-service jar, so with the project's own Jetty and Javalin) answer GET /books/{isbn} with
# the very bytes books-service returns; books-service itself answers from its database. Each of
# the three runs C1-only (-XX:TieredStopAtLevel=1) and with full tiered compilation (C2): six
# JVMs (eight with JAR_BEFORE) on CPU 0, wrk on CPU 1. Each JVM first gets a warm-up in slices
# (the warm-up curve: what the first seconds of traffic see), then all alternate in interleaved
# rounds; the table gives the median JVM CPU µs per request, req/s and RSS. See
# docs/performance-costs.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/floor.sh [options]
  -w, --warmup D        warm-up of each JVM before the rounds, in 5 s slices (default 60s)
  -r, --rounds N        interleaved rounds over the six servers (default 5)
  -d, --duration D      wrk duration of each server in each round (default 5s)
  -c, --connections N   concurrent connections (default 32)
      --port-base P     first of 8 consecutive ports on 127.0.0.1 (default 18700)
  -o, --output FILE     also write the report here (default bench/target/floor-<time>.md)
Environment: BASE_FLAGS (default: the image's JVM flags without any -XX:TieredStopAtLevel,
plus -XX:MaxRAM=256m), JAR (default books-service/target/books-service.jar), JAR_BEFORE (another
books-service build, e.g. of an older commit: two more rows, C1 and C2, in the same rounds).
EOF
}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/measure.sh
source "$ROOT/bench/lib/measure.sh"

warmup=60s rounds=5 duration=5s connections=32 port_base=18700 output=""
while [ $# -gt 0 ]; do
  case $1 in
    -w|--warmup) warmup=$2; shift 2 ;;
    -r|--rounds) rounds=$2; shift 2 ;;
    -d|--duration) duration=$2; shift 2 ;;
    -c|--connections) connections=$2; shift 2 ;;
    --port-base) port_base=$2; shift 2 ;;
    -o|--output) output=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "floor: unknown option $1" >&2; usage >&2; exit 64 ;;
  esac
done
fail() { echo "floor: $*" >&2; exit 1; }
log() { echo "floor: $*" >&2; }
[[ $warmup =~ ^[1-9][0-9]*s$ ]] && [ $(( ${warmup%s} % 5 )) = 0 ] || fail "--warmup '$warmup': expected seconds, a multiple of 5 (e.g. 60s)"
[[ $duration =~ ^[1-9][0-9]*[sm]$ ]] || fail "--duration '$duration': expected e.g. 5s"
[[ $rounds =~ ^[1-9]$ ]] || fail "--rounds '$rounds': expected 1-9"
[[ $connections =~ ^[1-9][0-9]{0,3}$ ]] || fail "--connections '$connections': expected 1-9999"
for tool in wrk curl java javac; do command -v "$tool" >/dev/null || fail "$tool not found"; done

jar=${JAR:-$ROOT/books-service/target/books-service.jar}
[ -f "$jar" ] || fail "$jar missing (./mvnw -q -pl books-service -am package -DskipTests)"
# The image's flags, JIT mode removed: each server gets C1 or C2 added below.
base_flags=${BASE_FLAGS:-"-XX:MaxRAM=256m $(image_jvm_flags "$ROOT" | sed 's/ *-XX:TieredStopAtLevel=[0-9]//g')"}
c1_flags="-XX:TieredStopAtLevel=1"
pin_server=() pin_load=()
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then pin_server=(taskset -c 0) pin_load=(taskset -c 1); fi

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for port in $(seq "$port_base" $((port_base + 7))); do
  ! ss -Htln "sport = :$port" | grep -q . || fail "port $port is in use; choose another range with --port-base"
done
use_work_dir floor
log "work directory $work"
javac -d "$work/classes" -cp "$jar" "$ROOT"/bench/floor/*.java

names=() ports=() srv_pids=()
start() { # name, port, JIT flags, what (service | JettyFloor | JavalinFloor | a jar)
  local name=$1 port=$2 jit=$3 what=$4 cmd
  if [ "$what" = service ]; then
    cmd=(-jar "$jar")
  elif [[ $what == *.jar ]]; then
    cmd=(-jar "$what")
  else
    cmd=(-cp "$jar:$work/classes" "$what" "$port" "$work/book.json")
  fi
  # shellcheck disable=SC2086
  PORT=$port DATA_DIR=$work/$name LOG_FORMAT=json "${pin_server[@]}" \
    java $base_flags $jit "${cmd[@]}" >"$work/$name.log" 2>&1 &
  pids+=($!)
  local deadline=$((SECONDS + 90))
  until curl -sf -o /dev/null "http://127.0.0.1:$port/books/$book"; do
    kill -0 "${pids[-1]}" 2>/dev/null || { cat "$work/$name.log" >&2; fail "$name exited"; }
    [ $SECONDS -lt $deadline ] || fail "$name did not answer within 90 s"
    sleep 0.1
  done
  names+=("$name") ports+=("$port") srv_pids+=("${pids[-1]}")
}

book=9781788395540
# books-service first: its answer is the body the floor servers send.
start "books-service C1" "$port_base" "$c1_flags" service
curl -sf "http://127.0.0.1:$port_base/books/$book" >"$work/book.json"
start "books-service C2" $((port_base + 1)) "" service
start "bare Javalin 7 C1" $((port_base + 2)) "$c1_flags" JavalinFloor
start "bare Javalin 7 C2" $((port_base + 3)) "" JavalinFloor
start "bare Jetty 12 C1" $((port_base + 4)) "$c1_flags" JettyFloor
start "bare Jetty 12 C2" $((port_base + 5)) "" JettyFloor
if [ -n "${JAR_BEFORE:-}" ]; then
  [ -f "$JAR_BEFORE" ] || fail "JAR_BEFORE $JAR_BEFORE missing"
  start "books-service before C1" $((port_base + 6)) "$c1_flags" "$JAR_BEFORE"
  start "books-service before C2" $((port_base + 7)) "" "$JAR_BEFORE"
fi
log "${#names[@]} servers up; body $(stat -c %s "$work/book.json") bytes"

wrk_get() { # port, duration -> wrk report on stdout
  "${pin_load[@]}" wrk -t1 -c "$connections" -d "$2" --latency "http://127.0.0.1:$1/books/$book"
}
slice() { # index, duration -> "µs/req req/s p99"
  local pid=${srv_pids[$1]} t0 t1 requests rps p99 _
  t0=$(proc_ticks "$pid")
  wrk_get "${ports[$1]}" "$2" >"$work/slice.txt"
  t1=$(proc_ticks "$pid")
  read -r requests rps _ p99 _ < <(parse_wrk "$work/slice.txt")
  echo "$(( (t1 - t0) * 1000000 / CLK_TCK / requests )) $rps $p99"
}

# Warm-up: the books-services first get a few thousand books (as in bench/run.sh), then every
# server gets GETs in 5 s slices; each slice's CPU per request is the warm-up curve.
for i in "${!names[@]}"; do
  [[ ${names[$i]} == books-service* ]] || continue
  "${pin_load[@]}" wrk -t1 -c "$connections" -d10s -s "$ROOT/bench/wrk/post-books.lua" \
    "http://127.0.0.1:${ports[$i]}/books" -- $((i + 1)) >/dev/null
done
curve=()
for i in "${!names[@]}"; do
  log "warm-up ${names[$i]} ($warmup in 5 s slices)"
  line="| ${names[$i]} |"
  for _ in $(seq $(( ${warmup%s} / 5 ))); do
    read -r us _ _ < <(slice "$i" 5s)
    line+=" $us"
  done
  curve+=("$line |")
done

declare -A us_of rps_of p99_of
for round in $(seq "$rounds"); do
  for i in "${!names[@]}"; do
    read -r us rps p99 < <(slice "$i" "$duration")
    log "round $round: ${names[$i]} $us µs/req, $rps req/s, p99 $p99 ms"
    us_of[$i]+="$us " rps_of[$i]+="$rps " p99_of[$i]+="$p99 "
  done
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a / b }'; }
report() {
  echo "## Framework floor, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  echo "GET /books/$book, $(stat -c %s "$work/book.json") bytes; wrk 1 thread, $connections connections; \
each JVM warmed up $warmup, then $rounds interleaved rounds of $duration (median); \
$([ ${#pin_server[@]} -gt 0 ] && echo "servers on CPU 0, wrk on CPU 1" || echo "not pinned"). \
JVM: $(java -version 2>&1 | head -1), flags \`$base_flags\`, C1 = \`$c1_flags\`, C2 = tiered (default). \
Load average before/after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| server | JVM CPU µs/req (rounds) | req/s | p99 ms | RSS after (peak) |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  local i
  declare -g -A med
  for i in "${!names[@]}"; do
    # shellcheck disable=SC2086
    med[$i]=$(median ${us_of[$i]})
    # shellcheck disable=SC2086
    echo "| ${names[$i]} | ${med[$i]} (${us_of[$i]% }) | $(median ${rps_of[$i]}) | $(printf '%s\n' ${p99_of[$i]} | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }') \
| $(( $(rss_kib "${srv_pids[$i]}") / 1024 )) MiB ($(( $(peak_rss_kib "${srv_pids[$i]}") / 1024 )) MiB) |"
  done
  echo
  echo "| by CPU per request | C1 | C2 |"
  echo "| --- | ---: | ---: |"
  echo "| Javalin ÷ Jetty (what Javalin adds) | $(ratio "${med[2]}" "${med[4]}") | $(ratio "${med[3]}" "${med[5]}") |"
  echo "| books-service ÷ Javalin (what Bookshelf adds) | $(ratio "${med[0]}" "${med[2]}") | $(ratio "${med[1]}" "${med[3]}") |"
  echo "| books-service − Javalin, µs | $(( med[0] - med[2] )) | $(( med[1] - med[3] )) |"
  echo "| C1 ÷ C2, books-service / Javalin / Jetty | $(ratio "${med[0]}" "${med[1]}") / $(ratio "${med[2]}" "${med[3]}") / $(ratio "${med[4]}" "${med[5]}") | |"
  if [ ${#names[@]} -gt 6 ]; then
    echo "| books-service before ÷ now | $(ratio "${med[6]}" "${med[0]}") | $(ratio "${med[7]}" "${med[1]}") |"
  fi
  echo
  echo "Warm-up curve: JVM CPU µs per request in each 5 s slice of $connections-connection load on a fresh JVM (books-services after 10 s of POSTs)."
  echo
  echo "| server | µs/req per 5 s slice |"
  echo "| --- | --- |"
  printf '%s\n' "${curve[@]}"
}
mkdir -p "$ROOT/bench/target"
output=${output:-$ROOT/bench/target/floor-$(date +%Y%m%d-%H%M%S).md}
report | tee "$output"
log "report written to $output"
