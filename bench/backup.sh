#!/usr/bin/env bash
# Backup and restore times and sizes at several store sizes, on both compose stores, with the
# tools operators use (tools/backup.sh, tools/restore.sh). Rows are loaded with SQL, not POSTs:
# PostgreSQL through psql in its container, H2 through H2's Shell on the stopped volume.
#
#   bench/backup.sh [ROWS...]          default: 10000 100000; BENCH_STORES="h2 postgresql"
#
# Images: BOOKSHELF_IMAGE_TAG (default the project version), POSTGRES_IMAGE as for compose.
# Prints one line per store and size: rows, backup seconds and bytes, restore seconds (into a
# stack recreated empty, as after a lost volume). Figures: docs/operations.md.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
sizes=("${@:-10000}")
[ $# -gt 0 ] || sizes=(10000 100000)
export BOOKSHELF_PORT=${BOOKSHELF_PORT:-28499}
tag=${BOOKSHELF_IMAGE_TAG:-0.1.0-SNAPSHOT}
work=$(mktemp -d /tmp/bookshelf-bench-backup.XXXXXX)
project=""
compose_files=()
cleanup() {
  [ -z "$project" ] || compose down -v >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

compose() {
  if docker compose version >/dev/null 2>&1; then docker compose -p "$project" "${compose_files[@]}" "$@"
  else docker-compose -p "$project" "${compose_files[@]}" "$@"; fi
}

wait_ready() {
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$BOOKSHELF_PORT/books?limit=1" >/dev/null && return
    sleep 1
  done
  echo "the stack did not answer within 120 s" >&2
  exit 1
}

now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN {printf "%.1f", e - s}'; }

# Valid ISBN-13s (979 + 9 digits + check digit, computed in SQL that H2 and PostgreSQL share):
# the service checks the digit of every ISBN it reads.
books_sql() { # rows, range function yielding x
  local sum="" i
  for i in $(seq 1 12); do
    sum+="${sum:++ }CAST(SUBSTRING(s, $i, 1) AS INTEGER) * $(( i % 2 == 1 ? 1 : 3 )) "
  done
  echo "INSERT INTO books (isbn, title, author, publication_year, version, created_at, updated_at)
        SELECT s || CAST(MOD(10 - MOD($sum, 10), 10) AS VARCHAR), 'Bench title ' || x, 'Bench Author ' || MOD(x, 997),
               2000 + MOD(x, 25), 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
        FROM (SELECT x, '979' || LPAD(CAST(x AS VARCHAR), 9, '0') AS s FROM $2) t"
}

load_rows() { # store rows
  case "$1" in
    postgresql)
      compose exec -T postgres sh -c 'psql -q -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$POSTGRES_DB"' \
        <<<"$(books_sql "$2" "generate_series(1, $2) AS g(x)");"
      ;;
    h2)
      # H2 admits one process: load while books-service is stopped, with the jar in its image.
      compose stop books-service >/dev/null 2>&1
      docker run --rm --user 10001:10001 -v "${project}_books-data:/app/data" --entrypoint java \
        "${BOOKSHELF_IMAGE_REGISTRY:-}books-service:$tag" -cp '/app/libs/*' org.h2.tools.Shell \
        -url "jdbc:h2:file:/app/data/books" -user sa -password "" \
        -sql "$(books_sql "$2" "(SELECT X AS x FROM SYSTEM_RANGE(1, $2))")" >/dev/null
      compose start books-service >/dev/null 2>&1
      ;;
  esac
}

printf '%-11s %8s %10s %12s %11s\n' store rows backup_s backup_bytes restore_s
for store in ${BENCH_STORES:-h2 postgresql}; do
  project="bookshelf-bench-backup-$store"
  compose_files=(-f docker-compose.yml)
  [ "$store" = h2 ] || compose_files+=(-f docker-compose.postgres.yml)
  tool_args=(--project "$project")
  for f in "${compose_files[@]}"; do [ "$f" = -f ] || tool_args+=(--file "$f"); done
  for rows in "${sizes[@]}"; do
    compose down -v >/dev/null 2>&1 || true
    SEED_SAMPLE_DATA=false compose up -d >/dev/null 2>&1
    wait_ready
    load_rows "$store" "$rows"
    wait_ready
    started=$(now)
    file=$(tools/backup.sh "${tool_args[@]}" "$work" 2>"$work/backup.log" | tail -n 1) \
      || { cat "$work/backup.log" >&2; exit 1; }
    backup_s=$(since "$started")
    bytes=$(stat -c %s "$file")
    compose down -v >/dev/null 2>&1
    SEED_SAMPLE_DATA=false compose up -d >/dev/null 2>&1
    wait_ready
    started=$(now)
    tools/restore.sh "${tool_args[@]}" "$file" >"$work/restore.log" 2>&1 \
      || { cat "$work/restore.log" >&2; exit 1; }
    wait_ready
    restore_s=$(since "$started")
    restored=$(curl -s "http://127.0.0.1:$BOOKSHELF_PORT/books?limit=1&q=Bench%20title%20$rows" | grep -c '"979' || true)
    [ "$restored" -ge 1 ] || { echo "$store $rows: the last row is missing after the restore" >&2; exit 1; }
    printf '%-11s %8d %10s %12d %11s\n' "$store" "$rows" "$backup_s" "$bytes" "$restore_s"
    # Where a PostgreSQL restore's time goes (replicas stopped, dump restored, replicas back).
    sed -n 's/^restore.sh: PostgreSQL: \(.* in [0-9.]* s\|.*after [0-9.]* s\).*/  \1/p' "$work/restore.log"
    rm -f "$file"
  done
  compose down -v >/dev/null 2>&1
done
