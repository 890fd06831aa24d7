#!/usr/bin/env bash
# Restores a backup made by tools/backup.sh into the running compose stack.
#
#   tools/restore.sh [--project NAME] [--file COMPOSE_FILE]... [--replace] FILE
#
# Into an empty store (started with SEED_SAMPLE_DATA=false, or with no books), or with
# --replace over the current contents. Flyway then brings the schema forward to what the image
# knows. Every check runs before anything is overwritten: the file is a whole Bookshelf backup
# (MANIFEST, size and SHA-256 of the payload), for this store, at a schema version the image
# knows, the database answers, there is room, and the store is empty or --replace is given.
#   H2: books-service restores in-process (maintenance port), then migrates.
#   PostgreSQL: the books-service containers stop, the schema is replaced in one transaction
#   (pg_restore | psql --single-transaction), they start again and migrate.
set -euo pipefail

# shellcheck source=lib/stack.sh
. "$(dirname "$0")/lib/stack.sh"

usage() {
  echo "usage: $0 [--project NAME] [--file COMPOSE_FILE]... [--replace] FILE" >&2
  exit 64
}

replace=false
file=""
while [ $# -gt 0 ]; do
  case "$1" in
    --project | --file) parse_stack_option "$1" "${2:-}"; shift 2 ;;
    --replace) replace=true; shift ;;
    -h | --help) usage ;;
    -*) echo "unknown option $1" >&2; usage ;;
    *) [ -z "$file" ] || usage; file=$1; shift ;;
  esac
done
[ -n "$file" ] || usage
[ -r "$file" ] || die "cannot read $file"

started=$(date +%s.%N)
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT

# 1. The file: a whole Bookshelf backup.
tar -tf "$file" >"$staging/list" 2>/dev/null \
  || die "$file is not a Bookshelf backup (not a tar archive, or truncated): nothing was changed"
grep -qx MANIFEST "$staging/list" \
  || die "$file is not a Bookshelf backup (no MANIFEST): nothing was changed"
tar -xf "$file" -C "$staging" 2>"$staging/tar.err" \
  || die "$file is truncated or damaged ($(tr '\n' ' ' <"$staging/tar.err")): nothing was changed"
manifest() { value "$1" <"$staging/MANIFEST"; }
[ "$(manifest format)" = "$BACKUP_FORMAT" ] \
  || die "$file is not a Bookshelf backup (format '$(manifest format)', expected $BACKUP_FORMAT): nothing was changed"
payload=$(manifest payload)
backup_store=$(manifest store)
backup_version=$(manifest schema_version)
case "$payload" in books.sql.zip | books.pgdump) ;; *) die "$file names an unknown payload '$payload': nothing was changed" ;; esac
[ -f "$staging/$payload" ] || die "$file is truncated: its payload $payload is missing; nothing was changed"
[ "$(stat -c %s "$staging/$payload")" = "$(manifest payload_bytes)" ] \
  || die "$file is truncated: $payload has $(stat -c %s "$staging/$payload") of $(manifest payload_bytes) bytes; nothing was changed"
[ "$(sha256sum "$staging/$payload" | cut -d' ' -f1)" = "$(manifest payload_sha256)" ] \
  || die "$file is damaged: the SHA-256 of $payload does not match its MANIFEST; nothing was changed"
printf '%s' "$backup_version" | grep -Eq '^[0-9]+(\.[0-9]+)*$' \
  || die "$file has no valid schema_version in its MANIFEST: nothing was changed"

# 2. The stack: same store, a schema version the image knows.
detect_store
[ "$backup_store" = "$store" ] \
  || die "$file is a $backup_store backup; this stack runs on $store: nothing was changed"
latest=$(maintenance "$service_container" GET /schema | value latest)
if version_newer "$backup_version" "$latest"; then
  die "$file was taken at schema version $backup_version, newer than this image knows ($latest): restore it with the image that wrote it, or a newer one; nothing was changed"
fi
say "$(manifest created) $store backup at schema version $backup_version (image knows up to $latest), $(manifest payload_bytes) bytes"

case "$store" in
  h2)
    name="bookshelf-restore-$(date -u +%Y%m%dT%H%M%SZ)-$$.sql.zip"
    data_dir=$(container_env "$service_container" DATA_DIR)
    data_dir=${data_dir:-/app/data}
    chmod 0644 "$staging/$payload"
    docker cp "$staging/$payload" "$service_container:$data_dir/$name" 2>"$staging/cp.err" \
      || die "cannot copy the backup into $data_dir (no space left?): $(cat "$staging/cp.err"); nothing was changed"
    if ! answer=$(maintenance "$service_container" POST "/restore?name=$name&version=$backup_version&replace=$replace"); then
      maintenance "$service_container" DELETE "/backup?name=$name" >/dev/null || true
      exit 1
    fi
    maintenance "$service_container" DELETE "/backup?name=$name" >/dev/null
    say "H2: restored by books-service; schema now at version $(printf '%s\n' "$answer" | value schema_version)"
    ;;
  postgresql)
    pg_schema_version >/dev/null
    books=$(pg psql -v ON_ERROR_STOP=1 -tAc "SELECT CASE WHEN to_regclass('public.books') IS NULL THEN 0 ELSE (SELECT count(*) FROM books) END") \
      || die "cannot count the books in PostgreSQL: $(pg_isready_text)"
    if [ "$books" -gt 0 ] && [ "$replace" != true ]; then
      die "the store holds $books books: restore over them only with --replace; nothing was changed"
    fi
    # pg_dump's custom format is compressed; a restore writes several times its size.
    need=$(( $(manifest payload_bytes) * 4 + 16 * 1024 * 1024 ))
    free=$(free_bytes /var/lib/postgresql/data "$postgres_container")
    [ "$free" -ge "$need" ] \
      || die "no space for the restore in $postgres_service: $free bytes free, about $need needed; nothing was changed"
    # Every books-service replica on this database stops: no request sees a half-restored store,
    # and each migrates the restored schema when it starts again.
    replicas=()
    for service in $(compose ps --services 2>/dev/null); do
      id=$(running_container "$service")
      [ -n "$id" ] && container_env "$id" DB_URL | grep -q "^jdbc:postgresql://$postgres_service[:/]" && replicas+=("$service")
    done
    say "PostgreSQL: stopping ${replicas[*]}, replacing the schema from the dump in one transaction"
    phase=$(date +%s.%N)
    compose stop "${replicas[@]}" >/dev/null 2>&1
    say "PostgreSQL: ${replicas[*]} stopped in $(seconds_since "$phase") s"
    phase=$(date +%s.%N)
    if ! { printf 'DROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n'; pg pg_restore --no-owner --no-acl -f - <"$staging/$payload"; } \
      | pg psql -q -v ON_ERROR_STOP=1 --single-transaction >"$staging/restore.log" 2>&1; then
      compose start "${replicas[@]}" >/dev/null 2>&1 || true
      die "the restore failed and was rolled back (the store is as it was): $(tail -n 5 "$staging/restore.log")"
    fi
    say "PostgreSQL: dump restored in $(seconds_since "$phase") s"
    phase=$(date +%s.%N)
    compose start "${replicas[@]}" >/dev/null 2>&1
    # Each replica migrates (Flyway) before it listens: wait until they answer again.
    for service in "${replicas[@]}"; do
      id=$(running_container "$service")
      for _ in $(seq 1 120); do
        answer=$(maintenance "$id" GET /schema 2>/dev/null) && break
        sleep 1
      done
      [ -n "${answer:-}" ] || die "$service did not come back within 120 s after the restore: docker logs $id"
    done
    say "PostgreSQL: restored; ${replicas[*]} migrated and answering after $(seconds_since "$phase") s; schema now at version $(pg_schema_version)"
    ;;
esac
say "restore of $file done in $(seconds_since "$started") s"
