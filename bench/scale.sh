#!/usr/bin/env bash
# Bookshelf at scale: books-service on H2 (the embedded default) and on PostgreSQL with 10 k,
# 100 k and 1 M books, loaded in bulk by the generator the tests use
# (books-service/src/test/resources/generated-books.sql), then every kind of request the API
# serves measured with wrk: latency, JVM (and PostgreSQL) CPU per request, startup to ready and
# RSS at each size. Each store keeps its database from one size to the next: only the new rows
# are loaded. Prints a markdown table; see docs/performance-at-scale.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/scale.sh [options]
      --stores LIST     h2,postgres (default both)
      --sizes LIST      books per step, ascending (default 10000,100000,1000000)
  -d, --duration D      wrk duration of each row (default 5s)
  -c, --connections N   wrk connections (default 4: the cost of a request, not a queue)
  -w, --warmup D        JIT warm-up per request kind at each size (default 3s)
      --no-pin          do not pin the servers to CPU 0 and wrk to CPU 1
      --port-base P     first of 3 consecutive ports on 127.0.0.1 (default 18700)
  -o, --output FILE     also write the report here (default bench/target/scale-<time>.md)
  -h, --help
Environment: BENCH_JAVA_OPTS (JVM flags of books-service), PG_BIN (PostgreSQL's bin directory,
default /usr/lib/postgresql/15/bin), BENCH_KEEP=1 (keep the work directory). books-service
reads its own variables from the environment too, e.g. DB_STATEMENT_TIMEOUT_MS=0 to measure
without the statement timeout.
EOF
}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
# shellcheck source=lib/measure.sh
source "$BENCH/lib/measure.sh"

stores=h2,postgres sizes=10000,100000,1000000 duration=5s connections=4 warmup=3s pin=1
port_base=18700 output=""
while [ $# -gt 0 ]; do
  case $1 in
    --stores) stores=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    -d|--duration) duration=$2; shift 2 ;;
    -c|--connections) connections=$2; shift 2 ;;
    -w|--warmup) warmup=$2; shift 2 ;;
    --no-pin) pin=0; shift ;;
    --port-base) port_base=$2; shift 2 ;;
    -o|--output) output=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "scale: unknown option $1" >&2; usage >&2; exit 64 ;;
  esac
done

fail() { echo "scale: $*" >&2; exit 1; }
log() { echo "scale: $(date +%H:%M:%S) $*" >&2; }

[[ $stores =~ ^(h2|postgres)(,(h2|postgres))?$ ]] || fail "--stores '$stores': expected h2, postgres or both"
[[ $sizes =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || fail "--sizes '$sizes': expected e.g. 10000,100000"
[ "$(tr ',' '\n' <<<"$sizes")" = "$(tr ',' '\n' <<<"$sizes" | sort -n -u)" ] || fail "--sizes must ascend"
[[ $duration =~ ^[1-9][0-9]*[sm]$ ]] || fail "--duration '$duration': expected e.g. 5s"
[[ $warmup =~ ^[1-9][0-9]*[sm]$ ]] || fail "--warmup '$warmup': expected e.g. 3s"
[[ $connections =~ ^[1-9][0-9]{0,3}$ ]] || fail "--connections '$connections': expected 1-9999"
[[ $port_base =~ ^[0-9]+$ ]] && [ "$port_base" -ge 1024 ] && [ "$port_base" -le 65500 ] \
  || fail "--port-base '$port_base': expected 1024-65500"

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
for tool in wrk curl java; do
  command -v "$tool" >/dev/null || fail "$tool not found (Debian: apt-get install wrk curl openjdk-17-jre-headless)"
done
if [[ $stores == *postgres* ]]; then
  [ -x "$PG_BIN/postgres" ] && [ -x "$PG_BIN/initdb" ] || fail "no PostgreSQL in PG_BIN=$PG_BIN (Debian: apt-get install postgresql-15)"
  command -v psql >/dev/null || fail "psql not found (Debian: apt-get install postgresql-client)"
fi
ncpu=$(nproc)
if [ "$pin" = 1 ] && { [ "$ncpu" -lt 2 ] || ! command -v taskset >/dev/null; }; then pin=0; fi
# As bench/run.sh: the servers (books-service and PostgreSQL) share CPU 0, like a 1-CPU box; wrk gets CPU 1.
on_server_cpu=() on_load_cpu=()
if [ "$pin" = 1 ]; then on_server_cpu=(taskset -c 0) on_load_cpu=(taskset -c 1); fi

java_opts=${BENCH_JAVA_OPTS:-"-XX:MaxRAM=256m $(image_jvm_flags "$ROOT")"}
read -r -a java_flags <<<"$java_opts"
jar=$ROOT/books-service/target/books-service.jar
generator=$ROOT/books-service/src/test/resources/generated-books.sql
if [ ! -f "$jar" ]; then
  log "jar missing: building books-service (tests skipped)"
  (cd "$ROOT" && ./mvnw -q -pl books-service -am package -DskipTests)
fi

p_service=$port_base p_pg=$((port_base + 1))
for port in "$p_service" "$p_pg"; do
  ! ss -Htln "sport = :$port" | grep -q . || fail "port $port is in use; choose another range with --port-base"
done

use_work_dir scale
chmod 755 "$work" # PostgreSQL runs as its own user when this runs as root
pg_pid=""
cleanup() {
  [ -z "$pg_pid" ] || pids+=("$pg_pid")
  if [ "${BENCH_KEEP:-0}" = 1 ]; then
    local keep=$work
    work=$(mktemp -d) # stop_and_clean removes this empty one instead
    log "work directory kept: $keep"
  fi
  stop_and_clean
}
trap cleanup EXIT
trap 'exit 130' INT TERM

await_http() { # url, seconds, what
  local deadline=$((SECONDS + $2))
  until curl -sf -o /dev/null "$1"; do
    [ $SECONDS -lt $deadline ] || fail "$3 did not answer $1 within $2 s (logs in $work; BENCH_KEEP=1 keeps them)"
    sleep 0.05
  done
}

stop_pid() { # pid
  kill -TERM "$1" 2>/dev/null || true
  while kill -0 "$1" 2>/dev/null; do sleep 0.1; done
}

# --- the stores ---------------------------------------------------------------------------
# PostgreSQL refuses to run as root: then it runs as the postgres user (setpriv execs, so $! is
# the postmaster itself).
as_postgres=()
if [ "$(id -u)" = 0 ]; then as_postgres=(setpriv --reuid=postgres --regid=postgres --init-groups); fi

start_postgres() {
  mkdir -p "$work/pg"
  [ ${#as_postgres[@]} = 0 ] || chown postgres "$work/pg"
  "${as_postgres[@]}" "$PG_BIN/initdb" -D "$work/pg/data" -U bookshelf --auth=trust --locale=C.UTF-8 \
    >"$work/pg/initdb.log" 2>&1 || fail "initdb failed: $(cat "$work/pg/initdb.log")"
  "${on_server_cpu[@]}" "${as_postgres[@]}" "$PG_BIN/postgres" -D "$work/pg/data" -p "$p_pg" \
    -k "$work/pg" -c listen_addresses=127.0.0.1 >"$work/pg/postgres.log" 2>&1 &
  pg_pid=$!
  until psql_run postgres -c 'SELECT 1' >/dev/null 2>&1; do
    kill -0 "$pg_pid" 2>/dev/null || fail "PostgreSQL did not start: $(cat "$work/pg/postgres.log")"
    sleep 0.2
  done
  psql_run postgres -c 'CREATE DATABASE books' >/dev/null
}
psql_run() { # database, psql arguments...
  local db=$1
  shift
  psql -h 127.0.0.1 -p "$p_pg" -U bookshelf -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"
}
h2_sql() { # SQL script file: run on the H2 file while books-service is stopped
  java -cp "$jar" org.h2.tools.RunScript -url "jdbc:h2:file:$work/h2/books" -user sa -script "$1"
}

service_env() { # store
  if [ "$1" = postgres ]; then
    echo "DB_URL=jdbc:postgresql://127.0.0.1:$p_pg/books DB_USER=bookshelf"
  else
    echo "DATA_DIR=$work/h2"
  fi
}

service_pid=""
start_service() { # store, log file
  local -a env
  read -r -a env <<<"$(service_env "$1")"
  env "${env[@]}" PORT="$p_service" LOG_FORMAT=json SEED_SAMPLE_DATA=false \
    "${on_server_cpu[@]}" java "${java_flags[@]}" -jar "$jar" >"$2" 2>&1 &
  service_pid=$!
  pids+=("$service_pid")
}

# Books n = from..to from the generator, then fresh planner statistics; on PostgreSQL a VACUUM
# too, which also merges the GIN indexes' pending lists: autovacuum would do both within a minute,
# spending seconds of CPU in the middle of the measured rows.
load_books() { # store, from, to
  local rows analyze script=$work/load.sql
  if [ "$1" = postgres ]; then
    rows="SELECT generate_series($2, $3) AS n" analyze="VACUUM (ANALYZE) books;"
  else
    rows="SELECT X AS n FROM SYSTEM_RANGE($2, $3)" analyze="ANALYZE TABLE books;"
  fi
  { sed "s/@ROWS@/$rows/" "$generator"; echo ";"; echo "$analyze"; } >"$script"
  if [ "$1" = postgres ]; then psql_run books -f "$script" >/dev/null; else h2_sql "$script" >/dev/null; fi
}

store_mb() { # store
  if [ "$1" = postgres ]; then
    psql_run books -At -c "SELECT pg_total_relation_size('books') / 1000000"
  else
    echo $(( $(stat -c %s "$work/h2/books.mv.db") / 1000000 ))
  fi
}

isbn_of() { # n: the generator's ISBN of book n
  awk -v n="$1" 'BEGIN { t = sprintf("979%09d", n); s = 0
    for (i = 1; i <= 12; i++) s += substr(t, i, 1) * (i % 2 ? 1 : 3)
    printf "%s%d\n", t, (10 - s % 10) % 10 }'
}

# --- one measured row -------------------------------------------------------------------
rows_out=()
db_pids() { [ -z "$pg_pid" ] && return 0; echo "$pg_pid $(pgrep -P "$pg_pid" | tr '\n' ' ')"; }
measure() { # store, size, label, url, extra wrk args...
  local store=$1 size=$2 label=$3 url=$4 report=$work/row.txt
  shift 4
  local opts=() script_args=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
  [ $# -gt 0 ] && script_args=("$@")
  local pg0 j0 d0 m0 c0 t0 pg1 j1 d1 m1 c1 t1
  pg0=$(db_pids)
  # shellcheck disable=SC2086
  j0=$(ticks_of "$service_pid") d0=$(ticks_of $pg0) m0=$(machine_busy_ticks) t0=$(date +%s%N)
  times >"$work/times.txt"
  c0=$(children_ticks <"$work/times.txt")
  "${on_load_cpu[@]}" wrk -t1 -c "$connections" -d "$duration" --latency "${opts[@]}" "$url" "${script_args[@]}" \
    >"$report" 2>&1 || fail "wrk failed: $(cat "$report")"
  # Backends that ended during the row are missed; the pool keeps its connections, so none should.
  pg1=$(db_pids)
  # shellcheck disable=SC2086
  j1=$(ticks_of "$service_pid") d1=$(ticks_of $pg1) m1=$(machine_busy_ticks) t1=$(date +%s%N)
  times >"$work/times.txt"
  c1=$(children_ticks <"$work/times.txt")
  local requests rps p50 p99 errors _
  read -r requests rps p50 p99 errors _ < <(parse_wrk "$report")
  if [ "$requests" = 0 ]; then # possible without the bound: a search outlasting the row
    rows_out+=("| $store | $size | $label | 0 | – | – | – | – | – | – |")
    log "$store $size $label: no request completed within $duration"
    return
  fi
  local jvm_us=$(( (j1 - j0) * 1000000 / CLK_TCK / requests )) db_us="–" other
  [ -z "$pg_pid" ] || db_us=$(( (d1 - d0) * 1000000 / CLK_TCK / requests ))
  other=$(awk -v busy=$((m1 - m0)) -v ours=$(( (j1 - j0) + (d1 - d0) + (c1 - c0) )) \
    -v ns=$((t1 - t0)) -v hz="$CLK_TCK" -v n="$ncpu" \
    'BEGIN { o = (busy - ours) / (ns / 1e9 * hz * n) * 100; printf "%d%%", (o < 0 ? 0 : o) }')
  rows_out+=("| $store | $size | $label | $rps | $p50 | $p99 | $errors | $jvm_us | $db_us | $other |")
  log "$store $size $label: $rps req/s, p50 $p50 ms, p99 $p99 ms, $errors non-2xx, JVM $jvm_us µs/req, PostgreSQL $db_us µs/req"
}

# --- per store, per size ----------------------------------------------------------------
sizes_out=()
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
svc=http://127.0.0.1:$p_service
store_no=0
for store in ${stores//,/ }; do
  store_no=$((store_no + 1))
  log "$store: creating the schema (books-service migrates an empty database)"
  [ "$store" = postgres ] && start_postgres
  start_service "$store" "$work/$store-migrate.log"
  await_http "$svc/health/ready" 120 "books-service ($store)"
  stop_pid "$service_pid"
  loaded=0 size_no=0
  for size in ${sizes//,/ }; do
    size_no=$((size_no + 1))
    log "$store: loading books $((loaded + 1))..$size"
    t0=$(date +%s%N)
    load_books "$store" $((loaded + 1)) "$size"
    load_s=$(awk -v ns=$(( $(date +%s%N) - t0 )) 'BEGIN { printf "%.0f", ns / 1e9 }')
    loaded=$size
    t0=$(date +%s%N)
    start_service "$store" "$work/$store-$size.log"
    await_http "$svc/health/ready" 300 "books-service ($store, $size books)"
    ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))

    deep=$(isbn_of $(( size * 9 / 10 )))
    post_row=$((store_no * 10 + size_no)) # post-books.lua: a new ISBN range per row, 978…
    # Searches draw a new value per request (bench/wrk/query-param.lua) except the frequent word.
    q=$BENCH/wrk/query-param.lua
    kinds=(
      "GET /books/{isbn}|$svc|-s|$BENCH/wrk/get-generated.lua|--|$size"
      "first page|$svc/books?limit=20"
      "deep page (after=, 90 %)|$svc/books?limit=20&after=$deep"
      "q hit (\`volume <n>\`, random n)|$svc|-s|$q|--|q|volume %d|$size"
      "q frequent (\`kubernetes\`, 1 in 7 books)|$svc/books?limit=20&q=kubernetes"
      "q miss (\`zzyzx<n>\`)|$svc|-s|$q|--|q|zzyzx%d|$size"
      "author hit (\`Author <n>\`, 1 in 5000 books)|$svc|-s|$q|--|author|Author %04d|4999"
      "author miss (\`Nobody <n>\`)|$svc|-s|$q|--|author|Nobody %d|$size"
      "POST /books|$svc/books|-s|$BENCH/wrk/post-books.lua|--|$post_row"
    )
    log "$store $size: warming up ($warmup per request kind)"
    for kind in "${kinds[@]}"; do
      IFS='|' read -r -a k <<<"$kind"
      [[ ${k[0]} == POST* ]] && k[5]=$((post_row + 50)) # its own ISBNs, kept apart from the row's
      "${on_load_cpu[@]}" wrk -t1 -c "$connections" -d "$warmup" "${k[@]:1}" >/dev/null 2>&1 || true
    done
    for kind in "${kinds[@]}"; do
      IFS='|' read -r -a k <<<"$kind"
      measure "$store" "$size" "${k[@]}"
    done
    rss=$(( $(rss_kib "$service_pid") / 1024 ))
    sizes_out+=("| $store | $size | $load_s s | $ready_ms ms | $rss MiB | $(store_mb "$store") MB |")
    stop_pid "$service_pid"
  done
  if [ -n "$pg_pid" ]; then stop_pid "$pg_pid"; pg_pid=""; fi
done

# --- report -------------------------------------------------------------------------------
report() {
  echo "## Bookshelf at scale, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  echo "Machine: $ncpu CPUs ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(uname -sr); load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "wrk: 1 thread, $connections connections, $duration per row after $warmup of warm-up per request kind; \
pinning: $([ "$pin" = 1 ] && echo "books-service and PostgreSQL on CPU 0, wrk on CPU 1" || echo off)."
  echo "JVM: $(java -version 2>&1 | head -1), flags \`$java_opts\`.$([[ $stores == *postgres* ]] && echo " PostgreSQL: $("$PG_BIN/postgres" --version | sed 's/.* //'), default settings.")"
  echo "DB_STATEMENT_TIMEOUT_MS: ${DB_STATEMENT_TIMEOUT_MS:-the default}. non-2xx: answers other than 2xx (503 = over the statement timeout)."
  echo
  echo "| store | books | request | req/s | p50 ms | p99 ms | non-2xx | JVM CPU µs/req | PostgreSQL CPU µs/req | other load |"
  echo "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${rows_out[@]}"
  echo
  echo "| store | books | bulk load of the new rows | ready (JVM start → /health/ready 200) | RSS after the rows | table + indexes on disk |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${sizes_out[@]}"
}
mkdir -p "$BENCH/target"
output=${output:-$BENCH/target/scale-$(date +%Y%m%d-%H%M%S).md}
report | tee "$output"
log "report written to $output"
