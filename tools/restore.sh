#!/usr/bin/env bash
# Restores a backup made by tools/backup.sh into the running compose stack, whichever store
# made it: an H2 backup restores into PostgreSQL and back (the way to move between them).
#
#   tools/restore.sh [--project NAME] [--file COMPOSE_FILE]... [--replace] [--check] FILE
#
# --check runs every check (books-service's included, each line of the file) and changes nothing.
# Into an empty store (started with SEED_SAMPLE_DATA=false, or with no books), or with
# --replace over the current contents. The file is data: books-service reads each line as a
# book and writes it with its own statements and its own database role; nothing in the file is
# ever run. Every check runs before anything is overwritten: here, the file is a whole Bookshelf
# backup (MANIFEST, size and SHA-256 of the payload) at a schema version the image knows, and
# there is room; in books-service, the signature (when BACKUP_SIGNING_KEY_FILE is set) and every
# line. Then books-service replaces the books in one transaction, while the other replicas on
# the same database are stopped.
set -euo pipefail

# shellcheck source=lib/stack.sh
. "$(dirname "$0")/lib/stack.sh"

usage() {
  echo "usage: $0 [--project NAME] [--file COMPOSE_FILE]... [--replace] [--check] FILE" >&2
  exit 64
}

replace=false
check_only=false
file=""
while [ $# -gt 0 ]; do
  case "$1" in
    --project | --file) parse_stack_option "$1" "${2:-}"; shift 2 ;;
    --replace) replace=true; shift ;;
    --check) check_only=true; shift ;;
    -h | --help) usage ;;
    -*) echo "unknown option $1" >&2; usage ;;
    *) [ -z "$file" ] || usage; file=$1; shift ;;
  esac
done
[ -n "$file" ] || usage
[ -r "$file" ] || die "cannot read $file"

started=$(date +%s.%N)
staging=$(mktemp -d)
name="bookshelf-restore-$(date -u +%Y%m%dT%H%M%SZ)-$$"
stopped=()
cleanup() {
  if [ -n "${service_container:-}" ]; then
    maintenance "$service_container" DELETE "/backup?name=$name" >/dev/null 2>&1 || true
  fi
  if [ "${#stopped[@]}" -gt 0 ]; then
    compose start "${stopped[@]}" >/dev/null 2>&1 || say "could not start ${stopped[*]} again: docker compose start ${stopped[*]}"
  fi
  rm -rf "$staging"
}
trap cleanup EXIT

# 1. The file: a whole Bookshelf backup.
tar -tf "$file" >"$staging/list" 2>/dev/null \
  || die "$file is not a Bookshelf backup (not a tar archive, or truncated): nothing was changed"
grep -qx MANIFEST "$staging/list" \
  || die "$file is not a Bookshelf backup (no MANIFEST): nothing was changed"
tar -xf "$file" -C "$staging" MANIFEST 2>"$staging/tar.err" \
  || die "$file is truncated or damaged ($(tr '\n' ' ' <"$staging/tar.err")): nothing was changed"
manifest() { value "$1" <"$staging/MANIFEST"; }
case "$(manifest format)" in
  "$BACKUP_FORMAT") ;;
  bookshelf-backup/1) die "$file is a bookshelf-backup/1 file: it holds SQL, which this version never runs. Restore it with the image that wrote it, then back up again; nothing was changed" ;;
  *) die "$file is not a Bookshelf backup (format '$(manifest format)', expected $BACKUP_FORMAT): nothing was changed" ;;
esac
[ "$(manifest payload)" = books.ndjson ] || die "$file names an unknown payload '$(manifest payload)': nothing was changed"
grep -qx books.ndjson "$staging/list" || die "$file is truncated: its payload books.ndjson is missing; nothing was changed"
tar -xf "$file" -C "$staging" books.ndjson 2>"$staging/tar.err" \
  || die "$file is truncated or damaged ($(tr '\n' ' ' <"$staging/tar.err")): nothing was changed"
[ "$(stat -c %s "$staging/books.ndjson")" = "$(manifest payload_bytes)" ] \
  || die "$file is truncated: books.ndjson has $(stat -c %s "$staging/books.ndjson") of $(manifest payload_bytes) bytes; nothing was changed"
[ "$(sha256sum "$staging/books.ndjson" | cut -d' ' -f1)" = "$(manifest payload_sha256)" ] \
  || die "$file is damaged: the SHA-256 of books.ndjson does not match its MANIFEST; nothing was changed"
backup_version=$(manifest schema_version)
printf '%s' "$backup_version" | grep -Eq '^[0-9]+(\.[0-9]+)*$' \
  || die "$file has no valid schema_version in its MANIFEST: nothing was changed"

# 2. The stack: a schema version the image knows, and room.
detect_store
latest=$(maintenance "$service_container" GET /schema | value latest)
if version_newer "$backup_version" "$latest"; then
  die "$file was taken at schema version $backup_version, newer than this image knows ($latest): restore it with the image that wrote it, or a newer one; nothing was changed"
fi
say "$(manifest created) $(manifest source_store) backup of $(manifest books) books at schema version $backup_version, into $store (image knows up to $latest)"
if [ "$store" = postgresql ]; then
  # Old and new rows live side by side until the commit, and indexes add to them.
  need=$(( $(manifest payload_bytes) * 3 + 16 * 1024 * 1024 ))
  free=$(free_bytes /var/lib/postgresql/data "$postgres_container")
  [ "$free" -ge "$need" ] \
    || die "no space for the restore in $postgres_service: $free bytes free, about $need needed; nothing was changed"
fi
data_dir=$(container_env "$service_container" DATA_DIR)
data_dir=${data_dir:-/app/data}
chmod 0644 "$staging/books.ndjson" "$staging/MANIFEST"
docker cp "$staging/books.ndjson" "$service_container:$data_dir/$name.books.ndjson" 2>"$staging/cp.err" \
  && docker cp "$staging/MANIFEST" "$service_container:$data_dir/$name.manifest" 2>>"$staging/cp.err" \
  || die "cannot copy the backup into $data_dir (no space left?): $(cat "$staging/cp.err"); nothing was changed"

# 3. books-service checks the whole file (signature, every line, --replace) and writes nothing.
answer=$(maintenance "$service_container" POST "/check?name=$name&replace=$replace")
warning=$(printf '%s\n' "$answer" | value warning)
[ -z "$warning" ] || say "warning: $warning"
if [ "$check_only" = true ]; then
  say "$file: $(printf '%s\n' "$answer" | value checked) books, every check passed (--check: nothing was changed)"
  exit 0
fi

# 4. The other replicas on this database stop: no write lands on them mid-restore, and no
# request there sees the store while it changes. books-service restores and keeps serving.
if [ "$store" = postgresql ]; then
  for service in $(compose ps --services 2>/dev/null); do
    [ "$service" != books-service ] || continue
    id=$(running_container "$service")
    [ -n "$id" ] && container_env "$id" DB_URL | grep -q "^jdbc:postgresql://$postgres_service[:/]" && stopped+=("$service")
  done
  if [ "${#stopped[@]}" -gt 0 ]; then
    phase=$(date +%s.%N)
    compose stop "${stopped[@]}" >/dev/null 2>&1
    say "stopped ${stopped[*]} in $(seconds_since "$phase") s"
  fi
fi

phase=$(date +%s.%N)
answer=$(maintenance "$service_container" POST "/restore?name=$name&replace=$replace")
say "$store: $(printf '%s\n' "$answer" | value restored) books restored in one transaction in $(seconds_since "$phase") s"

if [ "${#stopped[@]}" -gt 0 ]; then
  phase=$(date +%s.%N)
  compose start "${stopped[@]}" >/dev/null 2>&1
  for service in "${stopped[@]}"; do
    id=$(running_container "$service")
    back=""
    for _ in $(seq 1 120); do
      back=$(maintenance "$id" GET /schema 2>/dev/null) && break
      sleep 1
    done
    [ -n "$back" ] || die "$service did not come back within 120 s after the restore: docker logs $id"
  done
  say "${stopped[*]} answering again after $(seconds_since "$phase") s"
  stopped=()
fi
say "restore of $file done in $(seconds_since "$started") s"
