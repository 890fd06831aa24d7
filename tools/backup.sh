#!/usr/bin/env bash
# Backs up the running compose stack's books into one file in DIR, while the stack serves and
# takes writes, and prints that file's path as its last line.
#
#   tools/backup.sh [--project NAME] [--file COMPOSE_FILE]... DIR
#
# --project and --file are compose's -p and -f: the same as for `docker compose up`. On either
# store (H2, the default stack, or PostgreSQL, docker-compose.postgres.yml) books-service writes
# the backup itself, over its loopback-only maintenance port reached with docker exec: every
# book as one JSON line, read in one snapshot, and a MANIFEST (count, size, SHA-256, schema
# version; signed when BACKUP_SIGNING_KEY_FILE is mounted). The file restores into either store
# with tools/restore.sh. docs/operations.md has the whole story.
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
name="bookshelf-backup-$stamp-$$"
cleanup() {
  maintenance "$service_container" DELETE "/backup?name=$name" >/dev/null 2>&1 || true
  rm -rf "$staging"
}
trap cleanup EXIT

say "$store: books-service $(docker inspect -f '{{.Name}}' "$service_container" | tr -d /) writes the backup (one snapshot, as data)"
answer=$(maintenance "$service_container" POST "/backup?name=$name")
for member in payload manifest; do
  in_container=$(printf '%s\n' "$answer" | value "$member")
  target=$staging/$([ "$member" = payload ] && echo books.ndjson || echo MANIFEST)
  docker cp "$service_container:$in_container" "$target" 2>"$staging/cp.err" \
    || die "cannot copy the backup out of the container: $(cat "$staging/cp.err")"
done
books=$(printf '%s\n' "$answer" | value books)
schema_version=$(printf '%s\n' "$answer" | value schema_version)
signed=$(printf '%s\n' "$answer" | value signed)
bytes=$(stat -c %s "$staging/books.ndjson")
[ "$bytes" = "$(value payload_bytes <"$staging/MANIFEST")" ] \
  || die "the copy of the payload has $bytes bytes, its MANIFEST says $(value payload_bytes <"$staging/MANIFEST")"

# Written beside its final name and renamed, so DIR never holds a half-written backup.
file="$dir/bookshelf-${project:-default}-$store-$stamp.tar"
free=$(free_bytes "$dir")
[ "$free" -gt $((bytes + 65536)) ] || die "no space in $dir: $free bytes free, the backup needs $((bytes + 65536))"
if ! tar -cf "$file.partial" -C "$staging" MANIFEST books.ndjson 2>"$staging/tar.err"; then
  rm -f "$file.partial"
  die "cannot write $file (no space left?): $(cat "$staging/tar.err")"
fi
mv "$file.partial" "$file"
[ "$signed" = true ] || say "the backup is not signed (no BACKUP_SIGNING_KEY_FILE): a restore cannot tell it from a tampered copy"
say "$store backup of $books books at schema version $schema_version: $(stat -c %s "$file") bytes in $(seconds_since "$started") s"
echo "$file"
