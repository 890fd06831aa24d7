#!/bin/sh
# Renders the gateway's nginx config for this environment.
#   render-config.sh [--check] SOURCE_DIR RUNTIME_DIR
# Copies SOURCE_DIR (gateway/nginx) into RUNTIME_DIR, the nginx prefix, turns the route
# declarations (SOURCE_DIR/apis/*.api) into pools, locations and maps, and turns every
# *.conf.template into *.conf with envsubst on an explicit list of variables, so nginx's own
# $variables survive. Every variable and declaration is checked first: a bad value stops the
# start with a message naming it. --check (the image build's "nginx -t") points every upstream
# at a loopback placeholder, since the real names do not resolve there. POSIX sh: runs on the
# official and the Debian-based nginx images.
set -eu

check_only=""
if [ "${1:-}" = --check ]; then
  check_only=yes
  shift
fi
[ $# -eq 2 ] || { echo "usage: $0 [--check] SOURCE_DIR RUNTIME_DIR" >&2; exit 64; }
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

# Optional "host:port" list: empty (or only separators) means the part is off (enabled, below).
optional_upstreams() { # variable name, value
  [ "$(enabled "$2")" = 0 ] || upstreams "$1" "$2"
}

# 1 when an upstream list names a server, 0 when it is empty: the one switch of every optional
# upstream (the token verifier, the identity provider).
enabled() { # value
  if [ -n "$(printf '%s' "$1" | tr -d ', ')" ]; then echo 1; else echo 0; fi
}

# One upstream pool. Shared by all workers (zone): a server one worker found dead, or alive
# again, is so for all. keepalive_timeout stays below Jetty's 30 s idle timeout, so nginx, not
# the service, closes an idle connection and never reuses a dead one. An optional pool left
# empty gets a placeholder marked down (nginx needs a server), which is never asked.
pool() { # pool name, value, idle connections kept per worker
  printf 'upstream %s {\n    zone %s 64k;\n' "$1" "$1"
  if [ "$(enabled "$2")" = 1 ]; then
    server_lines "$2"
  else
    printf '    server 127.0.0.1:9 down;\n'
  fi
  printf '    keepalive %s;\n    keepalive_timeout 20s;\n    keepalive_requests 1000;\n}\n' "$3"
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

if [ -n "$check_only" ]; then TOKEN_VERIFIER_UPSTREAM=127.0.0.1:9; fi
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
: "${GATEWAY_METRICS_LOG:=}";                                      setting GATEWAY_METRICS_LOG log_path
: "${GATEWAY_CONNECTIONS_PER_CLIENT:=64}";                         setting GATEWAY_CONNECTIONS_PER_CLIENT burst
: "${GATEWAY_CLIENT_TIMEOUT:=10s}";                                setting GATEWAY_CLIENT_TIMEOUT duration

[ "$GATEWAY_PORT" != "$GATEWAY_STATUS_PORT" ] \
  || fail "GATEWAY_STATUS_PORT='$GATEWAY_STATUS_PORT' must differ from GATEWAY_PORT"

# Connections per worker from the open-file limit (each connection is a descriptor; 64 are kept
# for logs, the cache and the config), at most 4096.
open_files=$(ulimit -n)
case $open_files in
  unlimited) worker_connections=4096 ;;
  *) worker_connections=$(( open_files - 64 < 4096 ? open_files - 64 : 4096 )) ;;
esac
[ "$worker_connections" -ge 256 ] \
  || fail "the open-file limit ($open_files) leaves $worker_connections connections per worker, fewer than 256: raise it (docker run --ulimit nofile=4096)"
derived GATEWAY_WORKER_CONNECTIONS "$worker_connections"

derived TOKEN_VERIFIER_POOL "$(pool token_verifier "$TOKEN_VERIFIER_UPSTREAM" 16)"
derived TOKEN_VERIFIER_ENABLED "$(enabled "$TOKEN_VERIFIER_UPSTREAM")"

# --- The routes: one declaration per API (nginx/apis/*.api, gateway/README.md "Routes") --------
# Each declaration becomes its pool, its locations, its methods' check, its Allow header, its
# metrics labels and, for writes, the pool @write proxies to; the templates hold the rest.
methods_known="GET HEAD POST PUT DELETE PATCH OPTIONS"
nl='
'
api_pools=""; api_method_maps=""; api_allow=""; api_labels=""; api_write_pools=""; api_locations=""
catch_all_label=other
catch_all_allow="GET, HEAD"

declaration_fail() { fail "$declaration:$line_no: $*"; }

checked_methods() { # field, methods
  [ -n "$2" ] || declaration_fail "$1: expected one or more of $methods_known"
  for method in $2; do
    case " $methods_known " in
      *" $method "*) ;;
      *) declaration_fail "$1: unknown method '$method' (expected some of $methods_known)" ;;
    esac
  done
}

has_writes() { # methods
  case " $1 " in *" POST "* | *" PUT "* | *" DELETE "*) return 0 ;; *) return 1 ;; esac
}

allow_header() { # methods -> "GET, HEAD, POST"
  printf '%s' "$1" | sed 's/ /, /g'
}

method_map() { # variable, methods
  printf 'map $request_method $%s {\n    default 0;\n' "$1"
  for method in $2; do printf '    %s 1;\n' "$method"; done
  printf '}\n'
}

# The body every declared location shares: the method check, writes to @write, the read policy.
location_body() { # method variable, methods
  printf '        if ($%s = 0) {\n            return 405;\n        }\n' "$1"
  if has_writes "$2"; then
    printf '        if ($bookshelf_write) {\n            return 418;\n        }\n'
  fi
  if [ "$limit" = api ]; then
    printf '        limit_req zone=bookshelf_api burst=%s nodelay;\n' "$GATEWAY_RATE_LIMIT_BURST"
  fi
  printf '        proxy_next_upstream %s;\n        proxy_next_upstream_tries 2;\n        proxy_pass http://%s;\n' "$retry" "$api"
}

read_declaration() { # file
  declaration=$1
  api=$(basename "$1" .api)
  line_no=0
  matches "$api" '^[a-z][a-z0-9_]{0,30}$' \
    || declaration_fail "the file name must be a short lowercase word (a-z, 0-9, _) and .api"
  path=""; upstream_variable=""; upstream_default=""; keepalive=16; collection=""; item=""
  prefix=""; custom=""; documents=""; limit=none; retry="error timeout"; label=""; reads=""
  writes=""; locations_on=""; locations_off=""
  while IFS= read -r line || [ -n "$line" ]; do
    line_no=$((line_no + 1))
    set -f
    # shellcheck disable=SC2086 # split into words on purpose
    set -- $line
    set +f
    [ $# -gt 0 ] || continue
    case $1 in '#'*) continue ;; esac
    field=$1
    shift
    case $field in
      path)
        [ $# -eq 1 ] && matches "$1" '^/([a-z0-9][a-z0-9_-]*)?$' \
          || declaration_fail "path: expected one path such as /books (lowercase, no trailing /)"
        path=$1 ;;
      upstream)
        [ $# -ge 1 ] && [ $# -le 2 ] && matches "$1" '^[A-Z][A-Z0-9_]*_UPSTREAM$' \
          || declaration_fail "upstream: expected a variable name ending in _UPSTREAM, then its default host:port (none: optional)"
        upstream_variable=$1
        upstream_default=${2:-} ;;
      keepalive)
        [ $# -eq 1 ] && matches "$1" '^[1-9][0-9]{0,3}$' \
          || declaration_fail "keepalive: expected the idle connections kept per worker, e.g. 16"
        keepalive=$1 ;;
      collection) checked_methods "$field" "$*"; collection=$* ;;
      item) checked_methods "$field" "$*"; item=$* ;;
      prefix) checked_methods "$field" "$*"; prefix=$* ;;
      custom) checked_methods "$field" "$*"; custom=$* ;;
      documents)
        for document in "$@"; do
          matches "$document" '^/[A-Za-z0-9_-]+(\.[a-z]+)?$' \
            || declaration_fail "documents: '$document' is not a path such as /openapi.json"
        done
        documents=$* ;;
      reads)
        [ "$*" = public ] || declaration_fail "reads: only 'public' is supported" ;;
      writes)
        [ "$*" = credential ] \
          || declaration_fail "writes: only 'credential' is supported (an API key or an access token, docs/auth.md)"
        writes=credential ;;
      limit)
        [ "$*" = api ] || [ "$*" = none ] \
          || declaration_fail "limit: expected api (the zone GATEWAY_RATE_LIMIT sets) or none"
        limit=$* ;;
      retry)
        for condition in "$@"; do
          case $condition in
            error | timeout | invalid_header | http_502 | http_503 | http_504) ;;
            *) declaration_fail "retry: '$condition' is not one of error timeout invalid_header http_502 http_503 http_504" ;;
          esac
        done
        retry=$* ;;
      label)
        [ $# -eq 1 ] && matches "$1" '^[a-z][a-z0-9_]{0,30}$' \
          || declaration_fail "label: expected one lowercase word, the metrics route label"
        label=$1 ;;
      locations)
        [ $# -ge 1 ] && [ $# -le 2 ] \
          || declaration_fail "locations: expected the file with its locations, then the one used when its upstream is empty"
        locations_on=$1
        locations_off=${2:-} ;;
      *)
        declaration_fail "unknown field '$field' (expected path, upstream, keepalive, collection, item, prefix, custom, documents, reads, writes, limit, retry, label, locations)" ;;
    esac
  done <"$declaration"
  line_no=end
  [ -n "$path" ] || declaration_fail "no path"
  [ -n "$upstream_variable" ] || declaration_fail "no upstream"
  [ -n "$label" ] || declaration_fail "no label"
  kinds=$(printf '%s' "${collection:+c}${prefix:+p}${custom:+x}")
  case $kinds in
    c) [ -n "$item" ] || declaration_fail "collection without item: declare the methods of /path/..." ;;
    p) [ "$path" = / ] || declaration_fail "prefix is for the catch-all / only" ;;
    x) [ -n "$locations_on" ] || declaration_fail "custom needs locations" ;;
    *) declaration_fail "expected exactly one of collection (with item), prefix or custom" ;;
  esac
  if has_writes "$collection $item $prefix"; then
    [ "$writes" = credential ] || declaration_fail "it accepts writes (POST, PUT, DELETE): say 'writes credential'"
    [ "$kinds" = c ] || declaration_fail "only a collection accepts writes"
  fi
}

render_declaration() {
  if [ -n "$check_only" ]; then
    eval "$upstream_variable=127.0.0.1:9"
  else
    eval ": \"\${$upstream_variable:=\$upstream_default}\""
  fi
  if [ -n "$upstream_default" ]; then
    setting "$upstream_variable" upstreams
  else
    setting "$upstream_variable" optional_upstreams
  fi
  eval "servers=\$$upstream_variable"
  api_pools="$api_pools$(pool "$api" "$servers" "$keepalive")$nl"
  header="$nl    # $api ($(basename "$declaration"))$nl"
  case $kinds in
    c)
      api_method_maps="$api_method_maps$(method_map "bookshelf_${api}_collection" "$collection")$nl"
      api_method_maps="$api_method_maps$(method_map "bookshelf_${api}_item" "$item")$nl"
      api_allow="$api_allow    \"$path\" \"$(allow_header "$collection")\";$nl"
      api_allow="$api_allow    \"~^$path/\" \"$(allow_header "$item")\";$nl"
      api_labels="$api_labels    \"~^1:$path(/|\$)\" ${label}_write;$nl    \"~^0:$path(/|\$)\" ${label}_read;$nl"
      api_write_pools="$api_write_pools    \"$path\" $api;$nl    \"~^$path/\" $api;$nl"
      api_locations="$api_locations$header    location = $path {$nl$(location_body "bookshelf_${api}_collection" "$collection")$nl    }$nl"
      api_locations="$api_locations    location $path/ {$nl$(location_body "bookshelf_${api}_item" "$item")$nl    }$nl" ;;
    p)
      api_method_maps="$api_method_maps$(method_map "bookshelf_${api}_methods" "$prefix")$nl"
      catch_all_allow=$(allow_header "$prefix")
      catch_all_label=$label
      api_locations="$api_locations$header    location / {$nl$(location_body "bookshelf_${api}_methods" "$prefix")$nl    }$nl" ;;
    x)
      api_method_maps="$api_method_maps$(method_map "bookshelf_${api}_methods" "$custom")$nl"
      api_allow="$api_allow    \"~^$path(/|\$)\" \"$(allow_header "$custom")\";$nl"
      api_labels="$api_labels    \"~^.:$path(/|\$)\" $label;$nl"
      routes=$locations_on
      if [ "$(enabled "$servers")" = 0 ]; then routes=${locations_off:-$locations_on}; fi
      api_locations="$api_locations$header    include $routes;$nl" ;;
  esac
  for document in $documents; do
    pattern=$(printf '%s' "$document" | sed 's/\./\\./g')
    api_allow="$api_allow    \"$document\" \"GET, HEAD\";$nl"
    api_labels="$api_labels    \"~^.:$pattern\$\" ${label}_read;$nl"
    api_locations="$api_locations    location = $document {$nl$(location_body bookshelf_read_method_allowed "GET HEAD")$nl    }$nl"
  done
}

for declaration in "$source_dir"/apis/*.api; do
  [ -e "$declaration" ] || fail "no route is declared: $source_dir/apis/*.api is empty"
  read_declaration "$declaration"
  render_declaration
done
derived GATEWAY_API_POOLS "$api_pools"
derived GATEWAY_API_METHOD_MAPS "$api_method_maps"
derived GATEWAY_API_ALLOW "$api_allow    default \"$catch_all_allow\";"
derived GATEWAY_API_LABELS "$api_labels    default $catch_all_label;"
derived GATEWAY_API_WRITE_POOLS "$api_write_pools"
derived GATEWAY_API_LOCATIONS "$api_locations"

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
rm -rf "$runtime_dir/apis"
if [ -n "$no_keys" ]; then
  GATEWAY_API_KEYS_FILE=$runtime_dir/no-api-keys.map
  echo "# No key file was mounted: no key is accepted." >"$GATEWAY_API_KEYS_FILE"
fi
for template in "$runtime_dir"/*.template "$runtime_dir"/*/*.template; do
  [ -e "$template" ] || continue
  envsubst "$substituted" <"$template" >"${template%.template}"
  rm -f "$template"
done
