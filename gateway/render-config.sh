#!/bin/sh
# Renders the gateway's nginx config for this environment.
#   render-config.sh SOURCE_DIR RUNTIME_DIR
# Copies SOURCE_DIR (gateway/nginx) into RUNTIME_DIR, the nginx prefix, and turns every
# *.conf.template into *.conf with envsubst on an explicit list of variables, so nginx's own
# $variables survive. Every variable is checked first: a bad value stops the start with a
# message naming it. POSIX sh: runs on the official and the Debian-based nginx images.
set -eu

[ $# -eq 2 ] || { echo "usage: $0 SOURCE_DIR RUNTIME_DIR" >&2; exit 64; }
source_dir=$1
runtime_dir=$2

fail() {
  echo "gateway: $*" >&2
  exit 1
}

matches() { # value, extended regex
  printf '%s\n' "$1" | grep -Eq "$2"
}

# "host:port" entries separated by spaces or commas -> one nginx "server" line each.
servers() { # variable name, value
  lines=""
  set -f
  for entry in $(printf '%s' "$2" | tr ',' ' '); do
    matches "$entry" '^([A-Za-z0-9][A-Za-z0-9.-]*|\[[0-9A-Fa-f:.]+\]):[0-9]{1,5}$' \
      || fail "$1='$2' is not valid: expected one or more host:port separated by spaces (e.g. books-service:5000)"
    lines="${lines}    server ${entry} max_fails=1 fail_timeout=10s;
"
  done
  set +f
  [ -n "$lines" ] || fail "$1 is empty: expected one or more host:port"
  printf '%s' "$lines"
}

port() { # variable name, value
  matches "$2" '^[0-9]{1,5}$' && [ "$2" -ge 1 ] && [ "$2" -le 65535 ] \
    || fail "$1='$2' is not valid: expected a TCP port 1-65535"
}

rate() {
  matches "$2" '^[1-9][0-9]{0,5}r/[sm]$' \
    || fail "$1='$2' is not valid: expected requests per second or minute, e.g. 50r/s or 30r/m"
}

burst() {
  matches "$2" '^[1-9][0-9]{0,5}$' || fail "$1='$2' is not valid: expected a whole number of 1 or more"
}

duration() {
  matches "$2" '^[1-9][0-9]{0,5}(ms|s|m)$' \
    || fail "$1='$2' is not valid: expected a duration such as 500ms, 30s or 2m"
}

# Seconds until a bucket with this rate has room for one more request, rounded up.
seconds_per_request() {
  n=${1%r/*}
  case $1 in
    */m) echo $(( (60 + n - 1) / n )) ;;
    *)   echo 1 ;;
  esac
}

: "${BOOKS_SERVICE_UPSTREAM:=books-service:5000}"
: "${BOOKS_WEB_UPSTREAM:=books-web:3000}"
: "${GATEWAY_PORT:=8080}"
: "${GATEWAY_STATUS_PORT:=8081}"
: "${GATEWAY_WORKER_PROCESSES:=auto}"
: "${GATEWAY_API_KEYS_FILE:=/etc/nginx/secrets/api-keys.map}"
: "${GATEWAY_RATE_LIMIT:=50r/s}"
: "${GATEWAY_RATE_LIMIT_BURST:=100}"
: "${GATEWAY_WRITE_RATE_LIMIT:=10r/s}"
: "${GATEWAY_WRITE_RATE_LIMIT_BURST:=20}"
: "${GATEWAY_PROXY_CONNECT_TIMEOUT:=2s}"
: "${GATEWAY_PROXY_READ_TIMEOUT:=30s}"

BOOKS_SERVICE_SERVERS=$(servers BOOKS_SERVICE_UPSTREAM "$BOOKS_SERVICE_UPSTREAM")
BOOKS_WEB_SERVERS=$(servers BOOKS_WEB_UPSTREAM "$BOOKS_WEB_UPSTREAM")
port GATEWAY_PORT "$GATEWAY_PORT"
port GATEWAY_STATUS_PORT "$GATEWAY_STATUS_PORT"
[ "$GATEWAY_PORT" != "$GATEWAY_STATUS_PORT" ] \
  || fail "GATEWAY_STATUS_PORT='$GATEWAY_STATUS_PORT' must differ from GATEWAY_PORT"
[ "$GATEWAY_WORKER_PROCESSES" = auto ] || matches "$GATEWAY_WORKER_PROCESSES" '^[1-9][0-9]{0,2}$' \
  || fail "GATEWAY_WORKER_PROCESSES='$GATEWAY_WORKER_PROCESSES' is not valid: expected auto or a number"
rate GATEWAY_RATE_LIMIT "$GATEWAY_RATE_LIMIT"
burst GATEWAY_RATE_LIMIT_BURST "$GATEWAY_RATE_LIMIT_BURST"
rate GATEWAY_WRITE_RATE_LIMIT "$GATEWAY_WRITE_RATE_LIMIT"
burst GATEWAY_WRITE_RATE_LIMIT_BURST "$GATEWAY_WRITE_RATE_LIMIT_BURST"
duration GATEWAY_PROXY_CONNECT_TIMEOUT "$GATEWAY_PROXY_CONNECT_TIMEOUT"
duration GATEWAY_PROXY_READ_TIMEOUT "$GATEWAY_PROXY_READ_TIMEOUT"

# The keys file is a secret: report line numbers, never its content.
[ -r "$GATEWAY_API_KEYS_FILE" ] \
  || fail "GATEWAY_API_KEYS_FILE='$GATEWAY_API_KEYS_FILE' is not a readable file"
bad_lines=$(grep -nEv '^[[:space:]]*(#.*)?$' "$GATEWAY_API_KEYS_FILE" \
  | grep -Ev '^[0-9]+:[[:space:]]*[A-Za-z0-9._-]{16,}[[:space:]]+[A-Za-z0-9._-]{1,64};[[:space:]]*$' \
  | cut -d: -f1 | tr '\n' ' ' || true)
[ -z "$bad_lines" ] \
  || fail "GATEWAY_API_KEYS_FILE='$GATEWAY_API_KEYS_FILE' has invalid lines: ${bad_lines}(expected '<key of 16+ A-Za-z0-9._-> <client-name>;')"
if grep -Eq '^[[:space:]]*bookshelf-local-key[[:space:]]' "$GATEWAY_API_KEYS_FILE"; then
  echo "gateway: WARNING the default local API key (bookshelf-local-key) is accepted; mount real keys over $GATEWAY_API_KEYS_FILE outside local runs" >&2
fi

api_wait=$(seconds_per_request "$GATEWAY_RATE_LIMIT")
write_wait=$(seconds_per_request "$GATEWAY_WRITE_RATE_LIMIT")
GATEWAY_RETRY_AFTER_SECONDS=$(( api_wait > write_wait ? api_wait : write_wait ))

export BOOKS_SERVICE_SERVERS BOOKS_WEB_SERVERS GATEWAY_PORT GATEWAY_STATUS_PORT \
  GATEWAY_WORKER_PROCESSES GATEWAY_API_KEYS_FILE GATEWAY_RATE_LIMIT GATEWAY_RATE_LIMIT_BURST \
  GATEWAY_WRITE_RATE_LIMIT GATEWAY_WRITE_RATE_LIMIT_BURST GATEWAY_PROXY_CONNECT_TIMEOUT \
  GATEWAY_PROXY_READ_TIMEOUT GATEWAY_RETRY_AFTER_SECONDS

variables='${BOOKS_SERVICE_SERVERS} ${BOOKS_WEB_SERVERS} ${GATEWAY_PORT} ${GATEWAY_STATUS_PORT}
${GATEWAY_WORKER_PROCESSES} ${GATEWAY_API_KEYS_FILE} ${GATEWAY_RATE_LIMIT} ${GATEWAY_RATE_LIMIT_BURST}
${GATEWAY_WRITE_RATE_LIMIT} ${GATEWAY_WRITE_RATE_LIMIT_BURST} ${GATEWAY_PROXY_CONNECT_TIMEOUT}
${GATEWAY_PROXY_READ_TIMEOUT} ${GATEWAY_RETRY_AFTER_SECONDS}'

mkdir -p "$runtime_dir"
cp -R "$source_dir"/. "$runtime_dir"/
for template in "$runtime_dir"/*.template "$runtime_dir"/*/*.template; do
  [ -e "$template" ] || continue
  envsubst "$variables" <"$template" >"${template%.template}"
  rm -f "$template"
done
