#!/usr/bin/env bash
# Bookshelf benchmark: the gateway's cost and the service's speed, side by side, in one run.
# Starts the real processes on 127.0.0.1 (books-service and books-web jars, nginx with the
# gateway's real config, the seed's naive config, a static-file ceiling), drives them with wrk,
# stops everything it started and prints a markdown table. See docs/performance.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/run.sh [options]
  -d, --duration D      wrk duration of each row in each round (default 5s; wrk syntax: 5s, 1m)
  -r, --rounds N        rounds over all rows, interleaved; each row keeps its best round (default 3)
  -c, --connections N   concurrent connections (default 32)
  -t, --threads N       wrk threads (default 1)
  -w, --warmup D        JVM warm-up per path before the rows (default 20s: C2 needs ~25 s of load)
  -s, --starts N        books-service starts for the startup median (default 5)
      --no-pin          do not pin servers and wrk to separate cores
      --port-base P     first of 11 consecutive ports on 127.0.0.1 (default 18400)
  -o, --output FILE     also write the report here (default bench/target/report-<time>.md)
  -h, --help
Environment: BENCH_JAVA_OPTS (JVM flags of both services), NGINX_BIN, BENCH_KEEP=1 (keep the
work directory with all logs).
EOF
}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
# shellcheck source=lib/measure.sh
source "$BENCH/lib/measure.sh"

duration=5s rounds=3 connections=32 threads=1 warmup=20s starts=5 pin=1 port_base=18400 output=""
while [ $# -gt 0 ]; do
  case $1 in
    -d|--duration) duration=$2; shift 2 ;;
    -c|--connections) connections=$2; shift 2 ;;
    -r|--rounds) rounds=$2; shift 2 ;;
    -t|--threads) threads=$2; shift 2 ;;
    -w|--warmup) warmup=$2; shift 2 ;;
    -s|--starts) starts=$2; shift 2 ;;
    --no-pin) pin=0; shift ;;
    --port-base) port_base=$2; shift 2 ;;
    -o|--output) output=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench: unknown option $1" >&2; usage >&2; exit 64 ;;
  esac
done

fail() { echo "bench: $*" >&2; exit 1; }
log() { echo "bench: $*" >&2; }

[[ $duration =~ ^[1-9][0-9]*[sm]$ ]] || fail "--duration '$duration': expected e.g. 10s or 1m"
[[ $warmup =~ ^[1-9][0-9]*[sm]$ ]] || fail "--warmup '$warmup': expected e.g. 10s"
[[ $rounds =~ ^[1-8]$ ]] || fail "--rounds '$rounds': expected 1-8"
[[ $connections =~ ^[1-9][0-9]{0,3}$ ]] || fail "--connections '$connections': expected 1-9999"
[[ $threads =~ ^[1-9][0-9]?$ ]] || fail "--threads '$threads': expected 1-99"
[ "$threads" -le "$connections" ] || fail "--threads must not exceed --connections"
[[ $starts =~ ^[1-9][0-9]?$ ]] || fail "--starts '$starts': expected 1-99"
[[ $port_base =~ ^[0-9]+$ ]] && [ "$port_base" -ge 1024 ] && [ "$port_base" -le 65500 ] \
  || fail "--port-base '$port_base': expected 1024-65500"

NGINX_BIN=${NGINX_BIN:-$(command -v nginx || echo /usr/sbin/nginx)}
for tool in wrk curl java envsubst "$NGINX_BIN"; do
  command -v "$tool" >/dev/null || fail "$tool not found (Debian: apt-get install wrk curl nginx-light gettext-base openjdk-17-jre-headless)"
done
ncpu=$(nproc)
if [ "$pin" = 1 ] && { [ "$ncpu" -lt 2 ] || ! command -v taskset >/dev/null; }; then
  log "fewer than 2 CPUs or no taskset: not pinning"
  pin=0
fi
# Servers share core 0, wrk gets core 1: the load generator never steals the servers' CPU,
# and every server sees one CPU, like a container with a 1-CPU limit.
server_cpu=0 load_cpu=1
# Prefixes, not functions: "prefix cmd &" must give $! = the server's own pid (taskset execs).
on_server_cpu=() on_load_cpu=()
if [ "$pin" = 1 ]; then
  on_server_cpu=(taskset -c "$server_cpu") on_load_cpu=(taskset -c "$load_cpu")
fi

# The image's JVM flags (parent pom, Jib), with MaxRAM standing in for a 256 MiB container limit.
java_opts=${BENCH_JAVA_OPTS:-"-XX:MaxRAM=256m $(image_jvm_flags "$ROOT")"}
read -r -a java_flags <<<"$java_opts"

service_jar=$ROOT/books-service/target/books-service.jar
web_jar=$ROOT/books-web/target/books-web.jar
if [ ! -f "$service_jar" ] || [ ! -f "$web_jar" ]; then
  log "jars missing: building books-service and books-web (tests skipped)"
  (cd "$ROOT" && ./mvnw -q -pl books-service,books-web -am package -DskipTests)
fi

p_static=$port_base p_service=$((port_base + 1)) p_web=$((port_base + 2))
p_gateway=$((port_base + 3)) p_gateway_status=$((port_base + 4))
p_nolog=$((port_base + 5)) p_nolog_status=$((port_base + 6)) p_naive=$((port_base + 7))
p_start=$((port_base + 8)) p_web_start=$((port_base + 9))
for port in $(seq "$port_base" $((port_base + 10))); do
  if ss -Htln "sport = :$port" | grep -q .; then
    fail "port $port is in use; choose another range with --port-base"
  fi
done

work=$(mktemp -d /tmp/bookshelf-bench.XXXXXX)
chmod 755 "$work" # nginx workers run unprivileged when started by root
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [ "${BENCH_KEEP:-0}" = 1 ]; then log "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop() { # pid: TERM and wait, for processes this script started
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 150); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
}

await_http() { # url, seconds, what
  local deadline=$((SECONDS + $2))
  until curl -sf -o /dev/null "$1"; do
    [ $SECONDS -lt $deadline ] || fail "$3 did not answer $1 within $2 s (logs in $work; BENCH_KEEP=1 keeps them)"
    sleep 0.05
  done
}

start_service() { # port, log file, extra JVM flags...
  local port=$1 logfile=$2
  shift 2
  PORT=$port DATA_DIR=$work/data LOG_FORMAT=json SEED_SAMPLE_DATA=true \
    "${on_server_cpu[@]}" java "${java_flags[@]}" "$@" -jar "$service_jar" >"$logfile" 2>&1 &
  echo $!
}

start_nginx() { # prefix dir, config, access log (stdout) file
  "${on_server_cpu[@]}" "$NGINX_BIN" -p "$1/" -c "$2" -e stderr >"$3" 2>"$1/error.log" &
  echo $!
}

render_template() { # template, output
  sed -e "s|@STATIC_PORT@|$p_static|g" -e "s|@SERVICE_PORT@|$p_service|g" \
    -e "s|@WEB_PORT@|$p_web|g" -e "s|@NAIVE_PORT@|$p_naive|g" -e "s|@STATIC_ROOT@|$work/static|g" \
    "$1" >"$2"
}

render_gateway() { # runtime dir, port, status port
  BOOKS_SERVICE_UPSTREAM=127.0.0.1:$p_service BOOKS_WEB_UPSTREAM=127.0.0.1:$p_web \
  GATEWAY_PORT=$2 GATEWAY_STATUS_PORT=$3 GATEWAY_WORKER_PROCESSES=1 \
  GATEWAY_API_KEYS_FILE=$ROOT/config/api-keys.map \
  GATEWAY_RATE_LIMIT=999999r/s GATEWAY_RATE_LIMIT_BURST=999999 \
  GATEWAY_WRITE_RATE_LIMIT=999999r/s GATEWAY_WRITE_RATE_LIMIT_BURST=999999 \
    sh "$ROOT/gateway/render-config.sh" "$ROOT/gateway/nginx" "$1" 2>>"$work/render.log"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
log "work directory $work; servers on CPU $([ "$pin" = 1 ] && echo "$server_cpu, wrk on CPU $load_cpu" || echo "any")"

# --- start everything -------------------------------------------------------------------
log "starting books-service and books-web"
service_pid=$(start_service "$p_service" "$work/books-service.log")
pids+=("$service_pid")
PORT=$p_web LOG_FORMAT=json "${on_server_cpu[@]}" java "${java_flags[@]}" -jar "$web_jar" >"$work/books-web.log" 2>&1 &
web_pid=$!
pids+=("$web_pid")
await_http "http://127.0.0.1:$p_service/health/ready" 180 books-service
await_http "http://127.0.0.1:$p_web/health/ready" 180 books-web

log "starting nginx: gateway (real config), gateway without access log, naive, static"
render_gateway "$work/gateway" "$p_gateway" "$p_gateway_status"
gateway_pid=$(start_nginx "$work/gateway" "$work/gateway/nginx.conf" "$work/gateway/access.log")
pids+=("$gateway_pid")
# A copy of the real config whose only change is "access_log off", to price the JSON log.
render_gateway "$work/gateway-nolog" "$p_nolog" "$p_nolog_status"
sed -i 's|^access_log .*|access_log off;|' "$work/gateway-nolog/log_format.conf"
nolog_pid=$(start_nginx "$work/gateway-nolog" "$work/gateway-nolog/nginx.conf" /dev/null)
pids+=("$nolog_pid")
mkdir -p "$work/naive" "$work/static/books"
render_template "$BENCH/nginx/naive.conf.template" "$work/naive/nginx.conf"
naive_pid=$(start_nginx "$work/naive" "$work/naive/nginx.conf" /dev/null)
pids+=("$naive_pid")

book=9781788395540
key=bookshelf-local-key
await_http "http://127.0.0.1:$p_gateway/healthz" 20 gateway
await_http "http://127.0.0.1:$p_nolog/healthz" 20 "gateway (no log)"
await_http "http://127.0.0.1:$p_naive/books/$book" 20 "naive nginx"

run_wrk() { # report file, wrk arguments...
  local report=$1
  shift
  "${on_load_cpu[@]}" wrk -t "$threads" -c "$connections" --latency "$@" >"$report" 2>&1 \
    || fail "wrk failed: $(cat "$report")"
}

# JVM warm-up (JIT) and data: POSTs fill the database with a few thousand books, so lists
# page through real rows; then reads on every path.
log "warming up ($warmup per path)"
run_wrk "$work/warm-post.txt" -d "$warmup" -s "$BENCH/wrk/post-books.lua" \
  "http://127.0.0.1:$p_service" -- 90
for url in "http://127.0.0.1:$p_service/books/$book" "http://127.0.0.1:$p_service/books?limit=20" \
  "http://127.0.0.1:$p_gateway/books/$book" "http://127.0.0.1:$p_gateway/books?limit=20"; do
  run_wrk "$work/warm.txt" -d "$warmup" "$url"
done

# The ceiling serves the very bodies books-service returns.
curl -sf "http://127.0.0.1:$p_service/books/$book" >"$work/static/books/$book"
curl -sf "http://127.0.0.1:$p_service/books?limit=20" >"$work/static/list-20.json"
chmod -R a+rX "$work/static"
render_template "$BENCH/nginx/static.conf.template" "$work/static.conf"
mkdir -p "$work/static-prefix"
static_pid=$(start_nginx "$work/static-prefix" "$work/static.conf" /dev/null)
pids+=("$static_pid")
await_http "http://127.0.0.1:$p_static/books/$book" 20 "static nginx"

asset=$(curl -sf "http://127.0.0.1:$p_gateway/" | grep -o '/assets/index-[A-Za-z0-9_-]*\.js' | head -1)
[ -n "$asset" ] || fail "no /assets/index-*.js in books-web's index.html"

# --- the rows -----------------------------------------------------------------------------
# Per row: the round with the most requests/s (the least disturbed on a shared machine).
best_rps=() best_line=() best_cpu=() best_nginx=()
row_no=0

# One measured row: wrk against url; CPU of the given nginx master's workers and of the JVMs
# over the row; "other load" = busy CPU of the machine not spent by this benchmark.
measure() { # label, nginx master pid or -, url, extra wrk args...
  local label=$1 master=$2 url=$3
  shift 3
  row_no=$((row_no + 1))
  local workers="" report=$work/row-$row_no.txt
  [ "$master" = - ] || workers=$(nginx_workers "$master")
  local all_nginx
  all_nginx=$(for m in "$gateway_pid" "$nolog_pid" "$naive_pid" "$static_pid"; do nginx_workers "$m"; done)
  # shellcheck disable=SC2086
  local n0 j0 a0 m0 c0 t0
  n0=$(ticks_of $workers) j0=$(ticks_of "$service_pid" "$web_pid")
  # bash `times` must run in this shell: a subshell has no finished children of its own.
  times >"$work/times.txt"
  a0=$(ticks_of $all_nginx) m0=$(machine_busy_ticks) c0=$(children_ticks <"$work/times.txt") t0=$(date +%s%N)
  log "round $round/$rounds, row $row_no: $label"
  # wrk wants its options, then the URL, then the script's arguments after "--".
  local opts=() script_args=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
  [ $# -gt 0 ] && script_args=("$@")
  run_wrk "$report" -d "$duration" "${opts[@]}" "$url" "${script_args[@]}"
  local n1 j1 a1 m1 c1 t1
  n1=$(ticks_of $workers) j1=$(ticks_of "$service_pid" "$web_pid")
  times >"$work/times.txt"
  a1=$(ticks_of $all_nginx) m1=$(machine_busy_ticks) c1=$(children_ticks <"$work/times.txt") t1=$(date +%s%N)
  local requests rps p50 p99 errors transfer
  read -r requests rps p50 p99 errors transfer < <(parse_wrk "$report")
  local nginx_us="–" jvm_us other
  if [ "$master" != - ] && [ "$requests" -gt 0 ]; then
    nginx_us=$(( (n1 - n0) * 1000000 / CLK_TCK / requests ))
  fi
  jvm_us=$([ "$requests" -gt 0 ] && echo $(( (j1 - j0) * 1000000 / CLK_TCK / requests )) || echo "–")
  other=$(awk -v busy=$((m1 - m0)) -v ours=$(( (j1 - j0) + (a1 - a0) + (c1 - c0) )) \
    -v ns=$((t1 - t0)) -v hz="$CLK_TCK" -v n="$ncpu" \
    'BEGIN { o = (busy - ours) / (ns / 1e9 * hz * n) * 100; printf "%d%%", (o < 0 ? 0 : o) }')
  if [ "$rps" -ge "${best_rps[$row_no]:--1}" ]; then
    best_rps[$row_no]=$rps
    best_cpu[$row_no]=$(( ${nginx_us/–/0} + ${jvm_us/–/0} ))
    best_nginx[$row_no]=$nginx_us
    best_line[$row_no]="| $label | $rps | $p50 | $p99 | $errors | $nginx_us | $jvm_us | $transfer | $other |"
  fi
}

post=(-s "$BENCH/wrk/post-books.lua")
svc=http://127.0.0.1:$p_service gw=http://127.0.0.1:$p_gateway naive=http://127.0.0.1:$p_naive
all_rows() {
  row_no=0
  measure "1. ceiling: nginx static file, book JSON" "$static_pid" "http://127.0.0.1:$p_static/books/$book"
  measure "1. ceiling: nginx static file, list JSON (20 books)" "$static_pid" "http://127.0.0.1:$p_static/list-20.json"
  measure "2. direct: GET /books/{isbn}" - "$svc/books/$book"
  measure "2. direct: GET /books?limit=20" - "$svc/books?limit=20"
  measure "2. direct: POST /books" - "$svc" "${post[@]}" -- $((round * 10 + 1))
  measure "3. gateway: GET /books/{isbn}" "$gateway_pid" "$gw/books/$book"
  measure "3. gateway: GET /books?limit=20" "$gateway_pid" "$gw/books?limit=20"
  measure "3. gateway: POST /books (API key)" "$gateway_pid" "$gw" "${post[@]}" -- $((round * 10 + 2)) "$key"
  measure "4. naive: GET /books/{isbn}" "$naive_pid" "$naive/books/$book"
  measure "4. naive: GET /books?limit=20" "$naive_pid" "$naive/books?limit=20"
  measure "4. naive: POST /books" "$naive_pid" "$naive" "${post[@]}" -- $((round * 10 + 3))
  measure "3b. gateway, access log off: GET /books/{isbn}" "$nolog_pid" "http://127.0.0.1:$p_nolog/books/$book"
  measure "5. books-web asset through the gateway (br)" "$gateway_pid" "$gw$asset" -H "Accept-Encoding: gzip, br"
  measure "5. books-web asset direct (br)" - "http://127.0.0.1:$p_web$asset" -H "Accept-Encoding: gzip, br"
}
for round in $(seq "$rounds"); do all_rows; done

rss_after=$(( $(rss_kib "$service_pid") / 1024 ))
rss_peak=$(( $(peak_rss_kib "$service_pid") / 1024 ))
web_rss=$(( $(rss_kib "$web_pid") / 1024 ))
log_lines=$(wc -l <"$work/gateway/access.log")
log_bytes=$(stat -c %s "$work/gateway/access.log")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- startup ------------------------------------------------------------------------------
# The load instance stops; each start below opens the same database (now thousands of books),
# i.e. a restart. Measured from the fork of the JVM to the first 200 of /health/ready.
stop "$service_pid"
startup_ms() { # result array name, extra JVM flags...
  local into=$1 t0 pid
  shift
  t0=$(date +%s%N)
  pid=$(start_service "$p_start" "$work/start.log" "$@")
  pids+=("$pid")
  await_http "http://127.0.0.1:$p_start/health/ready" 120 "books-service (startup run)"
  eval "$into+=($(( ($(date +%s%N) - t0) / 1000000 )))"
  stop "$pid"
}
log "startup: $starts starts with the image flags"
plain=()
for _ in $(seq "$starts"); do startup_ms plain; done
# AppCDS: one training run records the classes it loads, later starts map them from the archive.
log "startup: training run for an AppCDS archive, then $starts starts with it"
jsa=$work/books-service.jsa
t_pid=$(start_service "$p_start" "$work/train.log" -XX:ArchiveClassesAtExit="$jsa")
pids+=("$t_pid")
await_http "http://127.0.0.1:$p_start/health/ready" 60 "books-service (training run)"
curl -sf -o /dev/null "http://127.0.0.1:$p_start/books?limit=20"
curl -sf -o /dev/null "http://127.0.0.1:$p_start/books/$book"
curl -s -o /dev/null "http://127.0.0.1:$p_start/books/0000000000"
curl -s -o /dev/null -H 'Content-Type: application/json' -d '{"isbn":"9780306406157","title":"CDS","author":"training"}' "http://127.0.0.1:$p_start/books"
stop "$t_pid"
[ -s "$jsa" ] || fail "no AppCDS archive written (see $work/train.log)"
cds=()
for _ in $(seq "$starts"); do startup_ms cds -XX:SharedArchiveFile="$jsa"; done

# --- images -------------------------------------------------------------------------------
version=$(awk -F'[<>]' '/<version>/ { print $3; exit }' "$ROOT/pom.xml")
images=()
mb() { awk -v b="$1" 'BEGIN { printf (b < 1e6 ? "%.0f kB" : "%.1f MB"), (b < 1e6 ? b / 1e3 : b / 1e6) }'; }
if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  for image in books-service books-web books-gateway; do
    ref="$image:$version"
    size=$(docker image inspect -f '{{.Size}}' "$ref" 2>/dev/null) || { images+=("| $ref | not built | | |"); continue; }
    base=$(docker image inspect -f '{{index .Config.Labels "org.opencontainers.image.base.name"}}' "$ref")
    base=${base#docker://}
    base_size=$(docker image inspect -f '{{.Size}}' "$base" 2>/dev/null || echo 0)
    images+=("| $ref | $(mb "$size") | $(mb $((size - base_size))) | $base |")
  done
fi

# --- report -------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0 ? "%.2f×" : "–"), a / b }'; }
# A ratio of req/s and the same ratio from CPU cost (server CPU µs per request, nginx + JVM):
# the second one holds when the machine is shared, the first one is what a client sees.
ratios() { # row a, row b
  echo "$(ratio "${best_rps[$1]}" "${best_rps[$2]}") | $(ratio "${best_cpu[$2]}" "${best_cpu[$1]}")"
}
report() {
  echo "## Bookshelf benchmark, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  echo "Machine: $ncpu CPUs ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr)."
  echo "Load average (1/5/15 min) before: $load_before; after the rows: $load_after."
  echo "wrk: $threads thread(s), $connections connections, $rounds interleaved rounds of $duration per row (best round shown), warm-up $warmup per path; \
pinning: $([ "$pin" = 1 ] && echo "servers on CPU $server_cpu, wrk on CPU $load_cpu" || echo off)."
  echo "JVM: $(java -version 2>&1 | head -1), flags \`$java_opts\`. nginx: $("$NGINX_BIN" -v 2>&1 | sed 's/.*: //'), 1 worker each."
  echo
  echo "| row | req/s | p50 ms | p99 ms | errors | nginx CPU µs/req | JVM CPU µs/req | transfer/s | other load |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${best_line[@]}"
  echo
  echo "| ratio | by req/s | by server CPU per request | target |"
  echo "| --- | ---: | ---: | --- |"
  echo "| gateway ÷ naive, GET /books/{isbn} | $(ratios 6 9) | ≥ 2× |"
  echo "| gateway ÷ naive, GET /books?limit=20 | $(ratios 7 10) | ≥ 2× |"
  echo "| gateway ÷ naive, POST /books | $(ratios 8 11) | ≥ 2× |"
  echo "| gateway ÷ direct, GET /books/{isbn} | $(ratios 6 3) | |"
  echo "| gateway with access log ÷ without, GET /books/{isbn} | $(ratios 6 12) | |"
  echo "| gateway nginx CPU µs per proxied request: GET book / list / POST | ${best_nginx[6]} / ${best_nginx[7]} / ${best_nginx[8]} | (access log: $(( best_nginx[6] - best_nginx[12] )) µs of it) | ≤ 30 µs |"
  echo "| direct GET /books/{isbn} ÷ static ceiling | $(ratios 3 1) | ≥ 0.6× |"
  echo "| direct GET /books?limit=20 ÷ static ceiling (list) | $(ratios 4 2) | |"
  echo
  echo "| books-service | value | target |"
  echo "| --- | ---: | --- |"
  echo "| startup to /health/ready 200, image flags (median of $starts) | $(median "${plain[@]}") ms (runs: ${plain[*]}) | ≤ 1000 ms |"
  echo "| startup, image flags + AppCDS archive (median of $starts) | $(median "${cds[@]}") ms (runs: ${cds[*]}) | ≤ 1000 ms |"
  echo "| RSS after the load (peak during it) | $rss_after MiB ($rss_peak MiB) | ≤ 128 MiB |"
  echo "| books-web RSS after the load | $web_rss MiB | |"
  echo "| gateway access log written during the run | $log_lines lines, $((log_bytes / log_lines)) bytes/line | |"
  if [ ${#images[@]} -gt 0 ]; then
    echo
    echo "| image | total | app layers (total − base) | base |"
    echo "| --- | ---: | ---: | --- |"
    printf '%s\n' "${images[@]}"
  fi
}
mkdir -p "$BENCH/target"
output=${output:-$BENCH/target/report-$(date +%Y%m%d-%H%M%S).md}
report | tee "$output"
log "report written to $output"
