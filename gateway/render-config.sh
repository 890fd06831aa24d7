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

# "host:port" entries separated by spaces or commas.
upstreams() { # variable name, value
  set -f
  for entry in $(printf '%s' "$2" | tr ',' ' '); do
    matches "$entry" '^([A-Za-z0-9][A-Za-z0-9.-]*|\[[0-9A-Fa-f:.]+\]):[0-9]{1,5}$' \
      || fail "$1='$2' is not valid: expected one or more host:port separated by spaces (e.g. books-service:5000)"
  done
  set +f
  [ -n "$(printf '%s' "$2" | tr -d ', ')" ] || fail "$1 is empty: expected one or more host:port"
}

# Empty (no verifier: no token is accepted) or what "upstreams" accepts.
optional_upstreams() { # variable name, value
  [ -z "$(printf '%s' "$2" | tr -d ', ')" ] || upstreams "$1" "$2"
}

# One nginx "server" line per checked "host:port" entry.
server_lines() { # value
  set -f
  for entry in $(printf '%s' "$1" | tr ',' ' '); do
    printf '    server %s max_fails=1 fail_timeout=10s;\n' "$entry"
  done
  set +f
}

port() { # variable name, value
  matches "$2" '^[0-9]{1,5}$' && [ "$2" -ge 1 ] && [ "$2" -le 65535 ] \
    || fail "$1='$2' is not valid: expected a TCP port 1-65535"
}

rate() {
  matches "$2" '^[1-9][0-9]{0,5}r/[sm]$' \
    || fail "$1='$2' is not valid: expected requests per second or minute, e.g. 50r/s or 30r/m"
}

workers() {
  [ "$2" = auto ] || matches "$2" '^[1-9][0-9]{0,2}$' \
    || fail "$1='$2' is not valid: expected auto or a number"
}

burst() {
  matches "$2" '^[1-9][0-9]{0,5}$' || fail "$1='$2' is not valid: expected a whole number of 1 or more"
}

# Empty (no metrics log) or an absolute path for the file mtail reads.
log_path() {
  [ -z "$2" ] || matches "$2" '^/[A-Za-z0-9._/-]+$' \
    || fail "$1='$2' is not valid: expected empty (no metrics) or an absolute file path, e.g. /run/bookshelf-metrics/access.log"
}

duration() {
  matches "$2" '^[1-9][0-9]{0,5}(ms|s|m)$' \
    || fail "$1='$2' is not valid: expected a duration such as 500ms, 30s or 2m"
}

# The keys file is a secret: report line numbers, never its content. Without one (nothing
# mounted at the default path) the gateway starts with no key at all; with no token verifier
# either, every write gets 401 (the WARNING after the settings says so).
keys_file() {
  if [ ! -e "$2" ] && [ -z "$keys_file_given" ]; then
    no_keys=yes
    return
  fi
  [ -r "$2" ] || fail "$1='$2' is not a readable file"
  bad_lines=$(grep -nEv '^[[:space:]]*(#.*)?$' "$2" \
    | grep -Ev '^[0-9]+:[[:space:]]*[A-Za-z0-9._-]{16,}[[:space:]]+[A-Za-z0-9._-]{1,64};[[:space:]]*$' \
    | cut -d: -f1 | tr '\n' ' ' || true)
  [ -z "$bad_lines" ] \
    || fail "$1='$2' has invalid lines: ${bad_lines}(expected '<key of 16+ A-Za-z0-9._-> <client-name>;')"
  if grep -Eq '^[[:space:]]*bookshelf-local-key[[:space:]]' "$2"; then
    echo "gateway: WARNING the default local API key (bookshelf-local-key) is accepted; mount real keys over $2 outside local runs" >&2
  fi
}

# Optional "host:port" list: empty means the feature is off.
optional_upstreams() { # variable name, value
  [ -z "$2" ] || upstreams "$1" "$2"
}

# Seconds until a bucket with this rate has room for one more request, rounded up.
seconds_per_request() {
  n=${1%r/*}
  case $1 in
    */m) echo $(( (60 + n - 1) / n )) ;;
    *)   echo 1 ;;
  esac
}

# Every setting, once: its default, then the check its value must pass. "setting" also exports
# it and adds it to envsubst's list, so templates see exactly these (and the derived values).
substituted=""
no_keys=""
keys_file_given=${GATEWAY_API_KEYS_FILE:+yes}
setting() { # variable name, check
  eval "value=\$$1"
  "$2" "$1" "$value"
  export "$1"
  substituted="$substituted \${$1}"
}
derived() { # variable name, value: computed from the settings, for the templates only
  eval "$1=\$2"
  export "$1"
  substituted="$substituted \${$1}"
}

: "${BOOKS_SERVICE_UPSTREAM:=books-service:5000}";                 setting BOOKS_SERVICE_UPSTREAM upstreams
: "${BOOKS_WEB_UPSTREAM:=books-web:3000}";                         setting BOOKS_WEB_UPSTREAM upstreams
: "${GATEWAY_PORT:=8080}";                                         setting GATEWAY_PORT port
: "${GATEWAY_STATUS_PORT:=8081}";                                  setting GATEWAY_STATUS_PORT port
: "${GATEWAY_WORKER_PROCESSES:=auto}";                             setting GATEWAY_WORKER_PROCESSES workers
: "${GATEWAY_API_KEYS_FILE:=/etc/nginx/secrets/api-keys.map}";     setting GATEWAY_API_KEYS_FILE keys_file
: "${TOKEN_VERIFIER_UPSTREAM:=}";                                  setting TOKEN_VERIFIER_UPSTREAM optional_upstreams
: "${GATEWAY_RATE_LIMIT:=50r/s}";                                  setting GATEWAY_RATE_LIMIT rate
: "${GATEWAY_RATE_LIMIT_BURST:=100}";                              setting GATEWAY_RATE_LIMIT_BURST burst
: "${GATEWAY_WRITE_RATE_LIMIT:=10r/s}";                            setting GATEWAY_WRITE_RATE_LIMIT rate
: "${GATEWAY_WRITE_RATE_LIMIT_BURST:=20}";                         setting GATEWAY_WRITE_RATE_LIMIT_BURST burst
: "${GATEWAY_PROXY_CONNECT_TIMEOUT:=2s}";                          setting GATEWAY_PROXY_CONNECT_TIMEOUT duration
: "${GATEWAY_PROXY_SEND_TIMEOUT:=30s}";                            setting GATEWAY_PROXY_SEND_TIMEOUT duration
: "${GATEWAY_PROXY_READ_TIMEOUT:=30s}";                            setting GATEWAY_PROXY_READ_TIMEOUT duration
: "${IDENTITY_UPSTREAM:=}";                                         setting IDENTITY_UPSTREAM optional_upstreams
: "${GATEWAY_METRICS_LOG:=}";                                      setting GATEWAY_METRICS_LOG log_path

[ "$GATEWAY_PORT" != "$GATEWAY_STATUS_PORT" ] \
  || fail "GATEWAY_STATUS_PORT='$GATEWAY_STATUS_PORT' must differ from GATEWAY_PORT"

derived BOOKS_SERVICE_SERVERS "$(server_lines "$BOOKS_SERVICE_UPSTREAM")"
derived BOOKS_WEB_SERVERS "$(server_lines "$BOOKS_WEB_UPSTREAM")"
# /auth/ is proxied to the identity provider only when one is configured (nginx/identity/).
derived IDENTITY_SERVERS "$(server_lines "$IDENTITY_UPSTREAM")"
derived IDENTITY_MODE "$([ -n "$IDENTITY_UPSTREAM" ] && echo enabled || echo disabled)"
if [ -n "$(printf '%s' "$TOKEN_VERIFIER_UPSTREAM" | tr -d ', ')" ]; then
  derived TOKEN_VERIFIER_SERVERS "$(server_lines "$TOKEN_VERIFIER_UPSTREAM")"
  derived TOKEN_VERIFIER_ENABLED 1
else
  # nginx needs a server in every pool; this one is never asked (TOKEN_VERIFIER_ENABLED=0).
  derived TOKEN_VERIFIER_SERVERS "    server 127.0.0.1:9 down;"
  derived TOKEN_VERIFIER_ENABLED 0
fi
if [ -n "$no_keys" ] && [ "$TOKEN_VERIFIER_ENABLED" = 0 ]; then
  echo "gateway: WARNING no API key file is mounted at $GATEWAY_API_KEYS_FILE and no TOKEN_VERIFIER_UPSTREAM is set: every write (POST, PUT, DELETE) is refused with 401. Mount a key file there (one '<key> <client-name>;' per line, see gateway/README.md), set GATEWAY_API_KEYS_FILE, or set TOKEN_VERIFIER_UPSTREAM." >&2
elif [ -n "$no_keys" ]; then
  echo "gateway: no API key file is mounted at $GATEWAY_API_KEYS_FILE: writes need an access token (verified by $TOKEN_VERIFIER_UPSTREAM)" >&2
fi
api_wait=$(seconds_per_request "$GATEWAY_RATE_LIMIT")
write_wait=$(seconds_per_request "$GATEWAY_WRITE_RATE_LIMIT")
if [ -n "$GATEWAY_METRICS_LOG" ]; then
  derived GATEWAY_METRICS_ACCESS_LOG "access_log $GATEWAY_METRICS_LOG bookshelf_metrics buffer=64k flush=1s;"
else
  derived GATEWAY_METRICS_ACCESS_LOG "# off: GATEWAY_METRICS_LOG is empty"
fi
derived GATEWAY_RETRY_AFTER_SECONDS $(( api_wait > write_wait ? api_wait : write_wait ))

mkdir -p "$runtime_dir"
cp -R "$source_dir"/. "$runtime_dir"/
if [ -n "$no_keys" ]; then
  GATEWAY_API_KEYS_FILE=$runtime_dir/no-api-keys.map
  echo "# No key file was mounted: no key is accepted." >"$GATEWAY_API_KEYS_FILE"
fi
for template in "$runtime_dir"/*.template "$runtime_dir"/*/*.template; do
  [ -e "$template" ] || continue
  envsubst "$substituted" <"$template" >"${template%.template}"
  rm -f "$template"
done
