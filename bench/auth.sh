#!/usr/bin/env bash
# Gateway CPU per write by credential, side by side in one run: an API key (nginx map), an
# access token whose acceptance nginx has cached (proxy_cache hit), and an access token checked
# by the token verifier on every request (cache miss: the verifier runs with
# VERDICT_CACHE_SECONDS=0, so it never lets nginx cache). The real gateway config and the real
# verifier jar; books-service is replaced by an nginx that answers 201 at once, so only the
# credential check differs. Rounds alternate key, hit, miss; medians are printed as a table.
#   ./mvnw -q package -DskipTests -pl token-verifier -am && bench/auth.sh
# Environment: ROUNDS (5), CONNECTIONS (16), DURATION (3s), PORT_BASE (18600).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/measure.sh
source "$ROOT/bench/lib/measure.sh"
rounds=${ROUNDS:-5} connections=${CONNECTIONS:-16} duration=${DURATION:-3s} base=${PORT_BASE:-18600}
upstream_port=$base jwks_port=$((base + 1)) verifier_port=$((base + 2)) gateway_port=$((base + 3))
issuer=http://issuer.bench/realms/bookshelf
jar=$ROOT/token-verifier/target/books-token-verifier.jar
[ -f "$jar" ] || { echo "build the verifier first: ./mvnw -q package -DskipTests -pl token-verifier -am" >&2; exit 1; }
nimbus=$(ls "$HOME"/.m2/repository/com/nimbusds/nimbus-jose-jwt/*/nimbus-jose-jwt-*.jar | grep -v sources | tail -1)
pin_server=() pin_load=()
if [ "$(nproc)" -ge 2 ]; then pin_server=(taskset -c 0) pin_load=(taskset -c 1); fi

use_work_dir auth
chmod 755 "$work"
mkdir -p "$work/issuer" "$work/upstream"
# A copy: a build running meanwhile may rewrite target/.
cp "$jar" "$work/verifier.jar"
jar=$work/verifier.jar

# The issuer: a key pair, its JWK set served over HTTP, one editor token.
java -cp "$nimbus" "$ROOT/bench/auth/MintTokens.java" "$work/issuer" "$issuer"
token=$(cat "$work/issuer/token")
(cd "$work/issuer" && exec python3 -m http.server "$jwks_port" --bind 127.0.0.1 >/dev/null 2>&1) &
pids+=($!)

# books-service's stand-in: 201 for every write, nothing else.
cat >"$work/upstream/nginx.conf" <<CONF
worker_processes 1; daemon off; pid upstream.pid; error_log stderr warn;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path body;
  server { listen 127.0.0.1:$upstream_port; keepalive_requests 100000;
    location / { return 201 '{}'; } } }
CONF
nginx -p "$work/upstream/" -c "$work/upstream/nginx.conf" -e stderr 2>/dev/null &
pids+=($!)

start_verifier() { # port, verdict cache seconds
  PORT=$1 OIDC_ISSUER=$issuer OIDC_JWKS_URI=http://127.0.0.1:$jwks_port/certs VERDICT_CACHE_SECONDS=$2 \
  LOG_LEVEL=warn "${pin_server[@]}" java -XX:MaxRAM=256m $(image_jvm_flags "$ROOT") -jar "$jar" >"$work/verifier-$1.log" 2>&1 &
  pids+=($!)
  until curl -sf -o /dev/null "http://127.0.0.1:$1/health/ready"; do sleep 0.2; done
}
# Two verifiers: one lets nginx cache (30 s), one never does.
start_verifier "$verifier_port" 30
caching_verifier=${pids[-1]}
start_verifier $((verifier_port + 10)) 0
uncached_verifier=${pids[-1]}

start_gateway() { # port, verifier port, runtime dir
  BOOKS_SERVICE_UPSTREAM=127.0.0.1:$upstream_port BOOKS_WEB_UPSTREAM=127.0.0.1:$upstream_port \
  TOKEN_VERIFIER_UPSTREAM=127.0.0.1:$2 \
  GATEWAY_PORT=$1 GATEWAY_STATUS_PORT=$(($1 + 1)) GATEWAY_WORKER_PROCESSES=1 \
  GATEWAY_API_KEYS_FILE=$ROOT/config/api-keys.map \
  GATEWAY_RATE_LIMIT=999999r/s GATEWAY_RATE_LIMIT_BURST=999999 \
  GATEWAY_WRITE_RATE_LIMIT=999999r/s GATEWAY_WRITE_RATE_LIMIT_BURST=999999 \
    sh "$ROOT/gateway/render-config.sh" "$ROOT/gateway/nginx" "$3" 2>/dev/null
  "${pin_server[@]}" nginx -p "$3/" -c "$3/nginx.conf" -e stderr >/dev/null 2>"$3.error.log" &
  pids+=($!)
}
start_gateway "$gateway_port" "$verifier_port" "$work/cached"
cached_gateway=${pids[-1]}
start_gateway $((gateway_port + 10)) $((verifier_port + 10)) "$work/uncached"
uncached_gateway=${pids[-1]}
sleep 1

write() { # port, credential -> wrk command
  echo wrk -t1 -c "$connections" -d "$duration" -s "$ROOT/bench/wrk/post-books.lua" \
    "http://127.0.0.1:$1/books" -- 1 "$2"
}
for check in "$gateway_port $token" "$((gateway_port + 10)) $token" "$gateway_port bookshelf-local-key"; do
  set -- $check
  status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $2" -d '{}' "http://127.0.0.1:$1/books")
  [ "$status" = 201 ] || { echo "a write on :$1 answered $status, not 201" >&2; exit 1; }
  # Warm-up: the JIT of the verifier, nginx's cache.
  "${pin_load[@]}" $(write "$1" "$2") >/dev/null
done

# CPU of nginx's workers, and of the verifier, per write; one wrk run per cell.
cell() { # gateway pid, verifier pid, port, credential -> "nginx_us verifier_us req/s"
  local workers t0 v0 t1 v1 report requests rps _
  workers=$(nginx_workers "$1")
  report=$(mktemp)
  # shellcheck disable=SC2086
  t0=$(ticks_of $workers) v0=$(proc_ticks "$2")
  "${pin_load[@]}" $(write "$3" "$4") >"$report"
  # shellcheck disable=SC2086
  t1=$(ticks_of $workers) v1=$(proc_ticks "$2")
  read -r requests rps _ < <(parse_wrk "$report")
  rm -f "$report"
  echo "$(( (t1 - t0) * 1000000 / CLK_TCK / requests )) $(( (v1 - v0) * 1000000 / CLK_TCK / requests )) $rps"
}
key_n=() key_r=() hit_n=() hit_v=() hit_r=() miss_n=() miss_v=() miss_r=()
for i in $(seq "$rounds"); do
  read -r n _ r < <(cell "$cached_gateway" "$caching_verifier" "$gateway_port" bookshelf-local-key)
  key_n+=("$n") key_r+=("$r")
  read -r n v r < <(cell "$cached_gateway" "$caching_verifier" "$gateway_port" "$token")
  hit_n+=("$n") hit_v+=("$v") hit_r+=("$r")
  read -r n v r < <(cell "$uncached_gateway" "$uncached_verifier" "$((gateway_port + 10))" "$token")
  miss_n+=("$n") miss_v+=("$v") miss_r+=("$r")
  echo "round $i: key ${key_n[-1]} µs; JWT hit ${hit_n[-1]}+${hit_v[-1]} µs; JWT miss ${miss_n[-1]}+${miss_v[-1]} µs (nginx+verifier)"
done

rss=$(( $(rss_kib "$uncached_verifier") / 1024 ))
echo
echo "| credential | nginx CPU µs/write | verifier CPU µs/write | total µs/write | writes/s (1 core) |"
echo "| --- | --- | --- | --- | --- |"
echo "| API key (map) | $(median "${key_n[@]}") | 0 | $(median "${key_n[@]}") | $(median "${key_r[@]}") |"
echo "| JWT, cached acceptance | $(median "${hit_n[@]}") | $(median "${hit_v[@]}") | $(( $(median "${hit_n[@]}") + $(median "${hit_v[@]}") )) | $(median "${hit_r[@]}") |"
echo "| JWT, verified each time | $(median "${miss_n[@]}") | $(median "${miss_v[@]}") | $(( $(median "${miss_n[@]}") + $(median "${miss_v[@]}") )) | $(median "${miss_r[@]}") |"
echo
echo "verifier RSS after the run: ${rss} MiB (-XX:MaxRAM=256m, the compose limit, and the images' JVM flags)"
