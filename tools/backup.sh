#!/usr/bin/env bash
# Backs up the running compose stack's books database into one file in DIR, while the stack
# serves and takes writes, and prints that file's path as its last line.
#
#   tools/backup.sh [--project NAME] [--file COMPOSE_FILE]... DIR
#
# --project and --file are compose's -p and -f: the same as for `docker compose up`. The store
# is read from the running books-service: H2 (the default stack) is backed up by books-service
# itself (H2's SCRIPT in one transaction, over its loopback-only maintenance port, reached with
# docker exec); PostgreSQL (docker-compose.postgres.yml) with pg_dump -Fc in its container.
# The file is a tar: MANIFEST (store, Flyway schema version, payload size and SHA-256) and the
# payload. Restore with tools/restore.sh. docs/operations.md has the whole story.
set -euo pipefail

# shellcheck source=lib/stack.sh
. "$(dirname "$0")/lib/stack.sh"

usage() {
  echo "usage: $0 [--project NAME] [--file COMPOSE_FILE]... DIR" >&2
  exit 64
}

dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --project | --file) parse_stack_option "$1" "${2:-}"; shift 2 ;;
    -h | --help) usage ;;
    -*) echo "unknown option $1" >&2; usage ;;
    *) [ -z "$dir" ] || usage; dir=$1; shift ;;
  esac
done
[ -n "$dir" ] || usage
mkdir -p "$dir" 2>/dev/null || die "cannot create the backup directory $dir"
[ -w "$dir" ] || die "cannot write to the backup directory $dir"

detect_store
started=$(date +%s.%N)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT

case "$store" in
  h2)
    payload=books.sql.zip
    name="bookshelf-backup-$stamp-$$.sql.zip"
    say "H2: online backup (SCRIPT) by books-service $(docker inspect -f '{{.Name}}' "$service_container" | tr -d /)"
    answer=$(maintenance "$service_container" POST "/backup?name=$name")
    schema_version=$(printf '%s\n' "$answer" | value schema_version)
    in_container=$(printf '%s\n' "$answer" | value file)
    if ! docker cp "$service_container:$in_container" "$staging/$payload" 2>"$staging/cp.err"; then
      maintenance "$service_container" DELETE "/backup?name=$name" >/dev/null || true
      die "cannot copy the backup out of the container: $(cat "$staging/cp.err")"
    fi
    maintenance "$service_container" DELETE "/backup?name=$name" >/dev/null
    ;;
  postgresql)
    payload=books.pgdump
    schema_version=$(pg_schema_version)
    say "PostgreSQL: pg_dump -Fc in $(docker inspect -f '{{.Name}}' "$postgres_container" | tr -d /)"
    pg pg_dump -Fc >"$staging/$payload" 2>"$staging/dump.err" \
      || die "pg_dump failed (unreachable database or no space in $staging?): $(cat "$staging/dump.err") $(pg_isready_text)"
    ;;
esac

bytes=$(stat -c %s "$staging/$payload")
[ "$bytes" -gt 0 ] || die "the $store backup came out empty"
cat >"$staging/MANIFEST" <<MANIFEST
format=$BACKUP_FORMAT
store=$store
schema_version=$schema_version
payload=$payload
payload_bytes=$bytes
payload_sha256=$(sha256sum "$staging/$payload" | cut -d' ' -f1)
created=$stamp
project=${project:-default}
MANIFEST

# Written beside its final name and renamed, so DIR never holds a half-written backup.
file="$dir/bookshelf-${project:-default}-$store-$stamp.tar"
free=$(free_bytes "$dir")
[ "$free" -gt $((bytes + 65536)) ] || die "no space in $dir: $free bytes free, the backup needs $((bytes + 65536))"
if ! tar -cf "$file.partial" -C "$staging" MANIFEST "$payload" 2>"$staging/tar.err"; then
  rm -f "$file.partial"
  die "cannot write $file (no space left?): $(cat "$staging/tar.err")"
fi
mv "$file.partial" "$file"
say "$store backup at schema version $schema_version: $(stat -c %s "$file") bytes in $(seconds_since "$started") s"
echo "$file"
