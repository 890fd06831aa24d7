#!/usr/bin/env bash
# Logical backup and restore at scale: books-service's own work (the maintenance port's
# POST /backup and POST /restore --replace), on H2 and on PostgreSQL, at 10 k, 100 k and 1 M
# generated books, with the JVM's peak RSS during each. The service runs from its jar with the
# image's JVM flags under -XX:MaxRAM=256m (as in its 512 MiB container); PostgreSQL from
# PG_BIN. tools/backup.sh and tools/restore.sh add docker exec/cp, tar and sha256sum on top
# (about a second per call plus a pass over the file), and a restore on the PostgreSQL variant
# adds stopping and starting the second replica. Prints a markdown table; docs/operations.md.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: bench/backup.sh [--stores h2,postgres] [--sizes 10000,100000,1000000] [--port-base P]
Environment: BENCH_JAVA_OPTS (JVM flags), PG_BIN (default /usr/lib/postgresql/15/bin).
USAGE
}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/measure.sh
source "$ROOT/bench/lib/measure.sh"
stores=h2,postgres sizes=10000,100000,1000000 port_base=18750
while [ $# -gt 0 ]; do
  case $1 in
    --stores) stores=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --port-base) port_base=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 64 ;;
  esac
done
fail() { echo "bench/backup: $*" >&2; exit 1; }
log() { echo "bench/backup: $(date +%H:%M:%S) $*" >&2; }
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
export PATH=$PG_BIN:$PATH
for tool in curl java; do command -v "$tool" >/dev/null || fail "$tool is not installed"; done
if [[ $stores == *postgres* ]]; then
  [ -x "$PG_BIN/postgres" ] || fail "no PostgreSQL in PG_BIN=$PG_BIN (Debian: apt-get install postgresql-15)"
fi
java_opts=${BENCH_JAVA_OPTS:-"-XX:MaxRAM=256m $(image_jvm_flags "$ROOT")"}
read -r -a java_flags <<<"$java_opts"
jar=$ROOT/books-service/target/books-service.jar
generator=$ROOT/books-service/src/test/resources/generated-books.sql
[ -f "$jar" ] || fail "no $jar: ./mvnw -pl books-service -am package -DskipTests"
p_service=$port_base p_maintenance=$((port_base + 1)) p_pg=$((port_base + 2))

use_work_dir backup
chmod 755 "$work"
as_postgres=()
if [ "$(id -u)" = 0 ]; then as_postgres=(setpriv --reuid=postgres --regid=postgres --init-groups); fi
pg_pid="" service_pid=""
trap 'stop_pid "$service_pid"; [ -z "$pg_pid" ] || pids+=("$pg_pid"); stop_and_clean' EXIT

stop_pid() { [ -z "$1" ] && return 0; kill -TERM "$1" 2>/dev/null || true; while kill -0 "$1" 2>/dev/null; do sleep 0.1; done; }
psql_run() { local db=$1; shift; psql -h 127.0.0.1 -p "$p_pg" -U bookshelf -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
start_postgres() {
  mkdir -p "$work/pg"
  [ ${#as_postgres[@]} = 0 ] || chown postgres "$work/pg"
  "${as_postgres[@]}" "$PG_BIN/initdb" -D "$work/pg/data" -U bookshelf --auth=trust --locale=C.UTF-8 >"$work/pg/initdb.log" 2>&1 \
    || fail "initdb failed: $(cat "$work/pg/initdb.log")"
  "${as_postgres[@]}" "$PG_BIN/postgres" -D "$work/pg/data" -p "$p_pg" -k "$work/pg" -c listen_addresses=127.0.0.1 \
    >"$work/pg/postgres.log" 2>&1 &
  pg_pid=$!
  until psql_run postgres -c 'SELECT 1' >/dev/null 2>&1; do sleep 0.2; done
  psql_run postgres -c 'CREATE DATABASE books' >/dev/null
}
start_service() { # store
  local -a env=(DATA_DIR="$work/data")
  [ "$1" = h2 ] || env+=(DB_URL="jdbc:postgresql://127.0.0.1:$p_pg/books" DB_USER=bookshelf)
  env "${env[@]}" PORT="$p_service" MAINTENANCE_PORT="$p_maintenance" SEED_SAMPLE_DATA=false LOG_FORMAT=json \
    java "${java_flags[@]}" -jar "$jar" >>"$work/service.log" 2>&1 &
  service_pid=$!
  local deadline=$((SECONDS + 120))
  until curl -sf -o /dev/null "http://127.0.0.1:$p_maintenance/schema"; do
    [ $SECONDS -lt $deadline ] || fail "books-service did not start: $(tail -n 5 "$work/service.log")"
    sleep 0.1
  done
}
load_books() { # store, from, to
  local rows script=$work/load.sql
  if [ "$1" = postgres ]; then rows="SELECT generate_series($2, $3) AS n"; else rows="SELECT X AS n FROM SYSTEM_RANGE($2, $3)"; fi
  { sed "s/@ROWS@/$rows/" "$generator"; echo ";"; } >"$script"
  if [ "$1" = postgres ]; then
    psql_run books -f "$script" >/dev/null
  else # H2 admits one process: load while books-service is stopped
    java -cp "$jar" org.h2.tools.RunScript -url "jdbc:h2:file:$work/data/books" -user sa -script "$script"
  fi
}
# One maintenance call, timed, with the JVM's peak RSS reset before it (clear_refs 5).
timed() { # method path -> "seconds peak_MiB"; the answer in $work/answer
  echo 5 >"/proc/$service_pid/clear_refs" 2>/dev/null || true
  local started
  started=$(date +%s.%N)
  curl -sf -X "$1" -o "$work/answer" "http://127.0.0.1:$p_maintenance$2" || fail "$1 $2: $(cat "$work/answer" 2>/dev/null)"
  awk -v s="$started" -v e="$(date +%s.%N)" -v k="$(peak_rss_kib "$service_pid")" 'BEGIN {printf "%.1f %d", e - s, k / 1024}'
}

IFS=, read -r -a store_list <<<"$stores"
IFS=, read -r -a size_list <<<"$sizes"
echo "| store | books | backup | payload | backup peak RSS | restore --replace | restore peak RSS |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for store in "${store_list[@]}"; do
  rm -rf "$work/data" && mkdir -p "$work/data"
  [ "$store" = h2 ] || [ -n "$pg_pid" ] || start_postgres
  start_service "$store" # migrates
  loaded=0
  for size in "${size_list[@]}"; do
    if [ "$store" = h2 ]; then stop_pid "$service_pid"; fi
    log "$store: loading books $((loaded + 1))..$size"
    load_books "$store" $((loaded + 1)) "$size"
    loaded=$size
    if [ "$store" = h2 ]; then start_service h2; fi
    read -r backup_s backup_mib <<<"$(timed POST "/backup?name=bench")"
    grep -qx "books=$size" "$work/answer" || fail "$store: the backup holds $(sed -n 's/^books=//p' "$work/answer") books, expected $size"
    payload_mib=$(awk -v b="$(sed -n 's/^bytes=//p' "$work/answer")" 'BEGIN {printf "%.1f", b / 1048576}')
    read -r restore_s restore_mib <<<"$(timed POST "/restore?name=bench&replace=true")"
    grep -qx "restored=$size" "$work/answer" || fail "$store: restored $(cat "$work/answer")"
    curl -sf -X DELETE -o /dev/null "http://127.0.0.1:$p_maintenance/backup?name=bench"
    echo "| $store | $size | $backup_s s | $payload_mib MiB | $backup_mib MiB | $restore_s s | $restore_mib MiB |"
  done
  stop_pid "$service_pid"
  service_pid=""
done
