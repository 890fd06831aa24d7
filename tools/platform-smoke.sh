#!/usr/bin/env bash
# Builds the images for one platform (books-service, books-web, token-verifier, the gateway), starts the compose stack from them (emulated by
# qemu-user-static where the platform is not the host's) and checks through the gateway: the
# seeded list, a write with the local key, the web page. Prints the time of each step; exits
# non-zero on the first failure. See docs/platforms.md.
#
#   tools/platform-smoke.sh linux/arm64
#   tools/platform-smoke.sh linux/amd64
#
# Images are tagged smoke-<arch> (SMOKE_TAG overrides), the compose project is
# bookshelf-smoke-<arch>, the gateway listens on 127.0.0.1:SMOKE_PORT (default 18081 for amd64,
# 18082 for arm64). The stack is removed at the end unless SMOKE_KEEP=1. Maven runs with the
# environment it is given (on an air-gapped machine: BOOKSHELF_OFFLINE_BASES=true).
set -euo pipefail

readonly ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly API_KEY=bookshelf-local-key  # config/api-keys.map, mounted by docker-compose.yml

die() { printf 'platform-smoke: FAILED: %s\n' "$*" >&2; exit 1; }
log() { printf 'platform-smoke: %s\n' "$*"; }

[ $# -eq 1 ] || { echo "usage: $0 linux/amd64|linux/arm64" >&2; exit 2; }
readonly PLATFORM=$1
case "$PLATFORM" in
  linux/amd64) qemu=x86_64 ;;
  linux/arm64) qemu=aarch64 ;;
  *) echo "usage: $0 linux/amd64|linux/arm64 (got '$PLATFORM')" >&2; exit 2 ;;
esac
readonly ARCH=${PLATFORM#linux/}
readonly PROJECT=bookshelf-smoke-$ARCH
readonly PORT=${SMOKE_PORT:-$([ "$ARCH" = amd64 ] && echo 18081 || echo 18082)}
readonly GATEWAY=http://127.0.0.1:$PORT

# --- timing ----------------------------------------------------------------------------------
STEPS=()
STEP_NAME=""
step() {
  step_end
  STEP_NAME=$1; STEP_T0=$SECONDS
  log "$1 ..."
}
step_end() {
  [ -n "$STEP_NAME" ] && STEPS+=("$STEP_NAME|$((SECONDS - STEP_T0))")
  STEP_NAME=""
}

compose() {
  if docker compose version >/dev/null 2>&1; then
    docker compose -p "$PROJECT" -f "$ROOT/docker-compose.yml" ${COMPOSE_EXTRA:+-f "$COMPOSE_EXTRA"} "$@"
  else
    docker-compose -p "$PROJECT" -f "$ROOT/docker-compose.yml" ${COMPOSE_EXTRA:+-f "$COMPOSE_EXTRA"} "$@"
  fi
}

finish() {
  local rc=$1 failed_step=$STEP_NAME
  step_end
  if [ "$rc" -ne 0 ] && [ -n "${COMPOSE_UP:-}" ]; then
    log "the stack's last log lines:"
    compose logs --tail=30 >&2 || true
  fi
  if [ -n "${COMPOSE_UP:-}" ] && [ "${SMOKE_KEEP:-0}" != 1 ]; then
    compose down -v >/dev/null 2>&1 || true
  fi
  printf '\n| %s step | seconds |\n| --- | --- |\n' "$PLATFORM"
  local s
  for s in "${STEPS[@]}"; do printf '| %s | %s |\n' "${s%|*}" "${s##*|}"; done
  printf '| total | %s |\n' "$SECONDS"
  if [ "$rc" -eq 0 ]; then log "PASSED for $PLATFORM"; else log "FAILED for $PLATFORM in step: $failed_step"; fi
  exit "$rc"
}

# GET/POST through the gateway; prints the status code, the body goes to $body_file.
body_file=$(mktemp /tmp/bookshelf-smoke.XXXXXX)
trap 'rc=$?; rm -f "$body_file"; finish "$rc"' EXIT
http() { curl -sS -m 30 -o "$body_file" -w '%{http_code}' "$@" || echo 000; }

# An ISBN-13 nobody has written yet: 978 + 9 random digits + the check digit.
random_isbn() {
  local digits="978$(printf '%09d' $(( (RANDOM << 15 | RANDOM) % 1000000000 )))" sum=0 i
  for i in $(seq 0 11); do sum=$((sum + ${digits:i:1} * (i % 2 ? 3 : 1))); done
  echo "$digits$(( (10 - sum % 10) % 10 ))"
}

# --- preflight ---------------------------------------------------------------------------------
step "preflight"
command -v curl >/dev/null || die "curl is needed"
docker info >/dev/null 2>&1 || die "no Docker daemon answers 'docker info'"
host=$(docker info -f '{{.OSType}}/{{.Architecture}}')
case "$host" in linux/x86_64) host=linux/amd64 ;; linux/aarch64) host=linux/arm64 ;; esac
if [ "$host" != "$PLATFORM" ] && [ ! -e "/proc/sys/fs/binfmt_misc/qemu-$qemu" ] \
  && ! docker info 2>/dev/null | grep -qi 'docker desktop'; then
  die "the daemon is $host and cannot run $PLATFORM binaries: install qemu-user-static and binfmt-support (Debian) and register qemu-$qemu (update-binfmts --enable qemu-$qemu)"
fi
log "daemon $host, building for $PLATFORM$([ "$host" = "$PLATFORM" ] || echo ' (emulated)')"
readonly TAG=${SMOKE_TAG:-smoke-$ARCH}
nginx_base=$(cd "$ROOT" && ./mvnw -q -N help:evaluate -Dexpression=base.image.nginx -DforceStdout) \
  || die "cannot read base.image.nginx from the POM"
log "image tag $TAG, gateway base $nginx_base"

# --- images ------------------------------------------------------------------------------------
step "java images (jib dockerBuild + AppCDS training)"
# One platform only: Jib loads it even where it does not match the daemon, and the AppCDS stage
# (bound to package) trains on that platform.
(cd "$ROOT" && ./mvnw -B -ntp -q package -pl books-service,books-web,token-verifier -am -DskipTests \
  -Djib.from.platforms="$PLATFORM" -Dimage.tag="$TAG") || die "the Maven build of the Java images failed"

step "gateway image (docker build --platform)"
# The gateway module builds for the daemon's platform; this is its docker build for another one.
# --pull: the base's manifest list gives this platform's variant even if another one is local.
built=0
docker build --quiet --pull --platform "$PLATFORM" --build-arg NGINX_IMAGE="$nginx_base" \
  --tag "books-gateway:$TAG" "$ROOT/gateway" >/dev/null && built=1
if [ "$host" != "$PLATFORM" ]; then
  # The daemon keeps one platform per name: give the base name back its host platform, or the
  # next plain `docker build` on this machine would build on the emulated one.
  docker pull --quiet --platform "$host" "$nginx_base" >/dev/null || die "cannot re-pull $nginx_base for $host"
fi
[ "$built" = 1 ] || die "the gateway image did not build"

for image in books-service books-web books-token-verifier books-gateway; do
  have=$(docker image inspect -f '{{.Os}}/{{.Architecture}}' "$image:$TAG") || die "no image $image:$TAG"
  [ "$have" = "$PLATFORM" ] || die "$image:$TAG is $have, not $PLATFORM"
done
for image in books-service books-web; do
  [ -n "$(docker image inspect -f '{{index .Config.Labels "org.bookshelf.app-cds"}}' "$image:$TAG")" ] \
    || die "$image:$TAG has no AppCDS archive"
done

# --- stack -------------------------------------------------------------------------------------
# Without the identity provider: its air-gapped stand-in is amd64 only (docs/platforms.md). So
# books-service and books-web first (token-verifier is built for the platform but not started:
# its JVM without AppCDS did not get healthy within 300 s under qemu), then the gateway alone with IDENTITY_UPSTREAM empty (/auth/
# answers 404), in an override: compose's own depends_on would start identity too.
step "compose up (until books-service and books-web are healthy)"
export BOOKSHELF_IMAGE_TAG=$TAG BOOKSHELF_PORT=$PORT BOOKSHELF_BIND=127.0.0.1
COMPOSE_UP=1
compose down -v >/dev/null 2>&1 || true
(cd "$ROOT" && compose up -d books-service books-web) || die "compose up failed"
deadline=$((SECONDS + 300))
for service in books-service books-web; do
  until [ "$(docker inspect -f '{{.State.Health.Status}}' "$(compose ps -q "$service")")" = healthy ]; do
    [ "$SECONDS" -le "$deadline" ] || die "$service was not healthy within 300 s"
    sleep 2
  done
done
no_identity=$(mktemp /tmp/bookshelf-smoke-XXXXXX.yml)
printf 'services:\n  gateway:\n    environment:\n      IDENTITY_UPSTREAM: ""\n      TOKEN_VERIFIER_UPSTREAM: ""\n' >"$no_identity"
(cd "$ROOT" && COMPOSE_EXTRA=$no_identity compose up -d --no-deps gateway) || die "compose up of the gateway failed"
rm -f "$no_identity"

step "gateway ready"
deadline=$((SECONDS + 120))
until [ "$(http "$GATEWAY/healthz")" = 200 ]; do
  [ "$SECONDS" -le "$deadline" ] || die "the gateway did not answer /healthz with 200 within 120 s"
  sleep 1
done
for service in books-service books-web gateway; do
  container=$(compose ps -q "$service")
  machine=$(docker exec "$container" uname -m) || die "cannot exec in $service"
  [ "$machine" = "$qemu" ] || die "$service runs on $machine, not $qemu"
done
log "all three containers run on $qemu"

# --- checks through the gateway ---------------------------------------------------------------
step "GET /books (seeded list)"
status=$(http "$GATEWAY/books")
[ "$status" = 200 ] || die "GET /books answered $status: $(head -c 300 "$body_file")"
count=$(grep -o '"isbn"' "$body_file" | wc -l)
[ "$count" -gt 0 ] || die "GET /books listed no books: $(head -c 300 "$body_file")"
log "$count seeded books listed"

step "POST /books with the local key, then GET it"
isbn=$(random_isbn)
status=$(http -X POST "$GATEWAY/books" -H "Authorization: Bearer $API_KEY" \
  -H 'Content-Type: application/json' \
  -d "{\"isbn\":\"$isbn\",\"title\":\"Smoke on $PLATFORM\",\"author\":\"platform-smoke\"}")
[ "$status" = 201 ] || die "POST /books answered $status: $(head -c 300 "$body_file")"
status=$(http -X POST "$GATEWAY/books" -H 'Content-Type: application/json' \
  -d "{\"isbn\":\"$(random_isbn)\",\"title\":\"no key\",\"author\":\"platform-smoke\"}")
[ "$status" = 401 ] || die "POST /books without a key answered $status, not 401"
status=$(http "$GATEWAY/books/$isbn")
[ "$status" = 200 ] && grep -q "Smoke on $PLATFORM" "$body_file" \
  || die "GET /books/$isbn answered $status: $(head -c 300 "$body_file")"
log "wrote and read back $isbn"

step "GET / (web page)"
status=$(http "$GATEWAY/")
[ "$status" = 200 ] && grep -q '<div id="root">' "$body_file" \
  || die "GET / answered $status: $(head -c 300 "$body_file")"
asset=$(grep -o '/assets/[^"]*\.js' "$body_file" | head -n 1)
[ -n "$asset" ] || die "the web page names no script under /assets/"
status=$(http "$GATEWAY$asset")
[ "$status" = 200 ] || die "GET $asset answered $status"

step "compose down"
compose down -v >/dev/null 2>&1 || die "compose down failed"
COMPOSE_UP=""
step_end
