# Shared by tools/backup.sh and tools/restore.sh (sourced, not run): the running compose stack,
# its store, and the backup file format. Bash; needs docker, docker compose or docker-compose,
# tar, sha256sum, df on the host, nothing extra in the images. No SQL passes through them.
#
# A backup file is one tar archive of two members, written by books-service itself on either
# store (its maintenance port) and restorable into either:
#   MANIFEST      key=value lines: format=bookshelf-backup/2, schema_version, books (count),
#                 payload=books.ndjson, payload_bytes, payload_sha256, created, source_store,
#                 and signature=hmac-sha256:<hex> when BACKUP_SIGNING_KEY_FILE is set
#   books.ndjson  one JSON object per book (the API's fields plus version), in ISBN order

readonly BACKUP_FORMAT=bookshelf-backup/2

die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

say() {
  echo "$(basename "$0"): $*" >&2
}

# Options shared by both scripts: --project NAME, --file FILE (repeatable). Sets compose_args.
compose_args=()
project=""
parse_stack_option() { # option value; returns 1 when the option is not a stack option
  case "$1" in
    --project) [ -n "${2:-}" ] || die "--project needs a NAME"; project=$2; compose_args+=(-p "$2") ;;
    --file) [ -n "${2:-}" ] || die "--file needs a COMPOSE_FILE"; [ -r "$2" ] || die "no compose file '$2'"; compose_args+=(-f "$2") ;;
    *) return 1 ;;
  esac
}

compose() {
  if docker compose version >/dev/null 2>&1; then
    docker compose "${compose_args[@]}" "$@"
  elif command -v docker-compose >/dev/null 2>&1; then
    docker-compose "${compose_args[@]}" "$@"
  else
    die "neither 'docker compose' nor 'docker-compose' is installed"
  fi
}

# The running container of a service, or nothing.
running_container() { # service
  local id
  for id in $(compose ps -q "$1" 2>/dev/null); do
    if [ "$(docker inspect -f '{{.State.Running}}' "$id" 2>/dev/null)" = true ]; then
      echo "$id"
      return
    fi
  done
}

container_env() { # container variable
  docker inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$1" | sed -n "s/^$2=//p" | head -n 1
}

# A request to books-service's maintenance port (127.0.0.1 inside its container only), through
# docker exec and bash's /dev/tcp: the images have no curl. Prints the key=value answer; fails
# with its error= line.
maintenance() { # container method path
  local answer status
  answer=$(docker exec "$1" bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/${MAINTENANCE_PORT:-5001}" 2>/dev/null \
      || { echo "error=books-service answers on no maintenance port (MAINTENANCE_PORT=${MAINTENANCE_PORT:-5001}; is it 0, or is the image older than the backup tools?)"; exit 3; }
    printf "%s %s HTTP/1.0\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n" "$0" "$1" >&3
    read -r _ code _ <&3
    while IFS= read -r line <&3 && [ -n "${line%$'"'"'\r'"'"'}" ]; do :; done
    while IFS= read -r line <&3 || [ -n "$line" ]; do printf "%s\n" "$line"; done
    [ "$code" = 200 ] || exit 4' "$2" "$3" 2>&1) && status=0 || status=$?
  if [ "$status" -ne 0 ]; then
    local error
    error=$(printf '%s\n' "$answer" | sed -n 's/^error=//p')
    die "${error:-books-service did not answer the maintenance request ($2 $3): $answer}"
  fi
  printf '%s\n' "$answer"
}

value() { # key, key=value text on stdin
  sed -n "s/^$1=//p" | head -n 1
}

# Finds the store from the running stack: books-service's own answer (its DB_URL), and for
# PostgreSQL the compose service its DB_URL names. Sets service_container, store, and for
# PostgreSQL postgres_service and postgres_container.
detect_store() {
  service_container=$(running_container books-service)
  [ -n "$service_container" ] \
    || die "no running books-service in compose project ${project:-(default)}: start the stack (docker compose up -d) or pass --project/--file as for compose"
  store=$(maintenance "$service_container" GET /schema | value store)
  case "$store" in
    h2) ;;
    postgresql)
      local url
      url=$(container_env "$service_container" DB_URL)
      postgres_service=$(printf '%s' "$url" | sed -n 's#^jdbc:postgresql://\([^:/?]*\).*#\1#p')
      postgres_container=$(running_container "$postgres_service")
      [ -n "$postgres_container" ] \
        || die "books-service uses PostgreSQL at '$postgres_service' (DB_URL=$url), but no such compose service runs in this project: unreachable database"
      ;;
    *) die "books-service runs on a store these tools do not handle: $store" ;;
  esac
}

pg_isready_text() {
  docker exec "$postgres_container" pg_isready -h 127.0.0.1 2>&1 || true
}

# Free bytes where a path lives (inside a container when one is given).
free_bytes() { # path [container]
  local kb
  if [ -n "${2:-}" ]; then
    kb=$(docker exec "$2" df -Pk "$1" 2>/dev/null | awk 'NR==2 {print $4}')
  else
    kb=$(df -Pk "$1" 2>/dev/null | awk 'NR==2 {print $4}')
  fi
  echo $(( ${kb:-0} * 1024 ))
}

seconds_since() { # start, as date +%s.%N
  awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}'
}

# Version a newer than b (Flyway versions: dot-separated numbers)?
version_newer() { # a b
  [ "$1" != "$2" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | tail -n 1)" = "$1" ]
}
