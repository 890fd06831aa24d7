#!/usr/bin/env bash
# Builds local stand-ins for the three public base images Bookshelf uses, from Debian bookworm
# packages only (debootstrap + docker import), for machines that cannot pull from a registry.
#
#   bookshelf-base/jre:17         stands in for eclipse-temurin:17-jre   (Jib base)
#   bookshelf-base/nginx:1.22     stands in for nginx:1.28               (gateway Dockerfile)
#   bookshelf-base/postgres:15    stands in for postgres:16              (Testcontainers, compose)
#
# Idempotent: an image whose fingerprint label matches this script and its assets is kept, so a
# second run takes seconds. Use them in the build with the `offline-bases` Maven profile
# (README, "Air-gapped builds").
#
# Environment: DEBIAN_MIRROR (default http://deb.debian.org/debian), OFFLINE_IMAGES_CACHE
# (debootstrap package cache, default /var/cache/bookshelf-debootstrap), FORCE=1 to rebuild.
set -euo pipefail

readonly SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly ASSETS="$SCRIPT_DIR/offline-images"
readonly SUITE=bookworm
readonly MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
readonly CACHE=${OFFLINE_IMAGES_CACHE:-/var/cache/bookshelf-debootstrap}
readonly LABEL=org.bookshelf.base.fingerprint

readonly JRE_IMAGE=bookshelf-base/jre:17
readonly NGINX_IMAGE=bookshelf-base/nginx:1.22
readonly POSTGRES_IMAGE=bookshelf-base/postgres:15

# Files Debian installs that a container never reads: docs, man pages, apt caches and lists.
readonly PRUNE=(usr/share/doc usr/share/man usr/share/info usr/share/lintian usr/share/locale
  var/cache/apt var/lib/apt/lists var/cache/debconf/templates.dat-old var/log)

die() { printf 'offline-images: error: %s\n' "$*" >&2; exit 1; }
log() { printf 'offline-images: %s\n' "$*"; }

preflight() {
  [ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap and chroot need it): sudo $0"
  command -v debootstrap >/dev/null || die "debootstrap is not installed: apt-get install debootstrap"
  command -v docker >/dev/null || die "the docker CLI is not installed: apt-get install docker.io"
  docker info >/dev/null 2>&1 || die "the Docker daemon does not answer 'docker info': start dockerd first"
}

check_mirror() {
  # Only needed when something must be built; a cached run works offline.
  if command -v curl >/dev/null; then
    curl -fsS -m 15 -o /dev/null "$MIRROR/dists/$SUITE/Release" \
      || die "cannot reach the Debian mirror $MIRROR (set DEBIAN_MIRROR to one this machine can reach)"
  fi
}

fingerprint() {
  cat "${BASH_SOURCE[0]}" "$ASSETS"/* | sha256sum | cut -c1-16
}

up_to_date() {
  local image=$1 want=$2 have
  [ "${FORCE:-0}" = 1 ] && return 1
  have=$(docker image inspect --format "{{index .Config.Labels \"$LABEL\"}}" "$image" 2>/dev/null) || return 1
  [ "$have" = "$want" ]
}

# bootstrap DIR PACKAGES: a minimal bookworm root filesystem with PACKAGES installed.
bootstrap() {
  local dir=$1 packages=$2
  mkdir -p "$CACHE"
  debootstrap --variant=minbase --cache-dir="$CACHE" --include="$packages" \
    "$SUITE" "$dir" "$MIRROR" >"$dir.log" 2>&1 \
    || { tail -n 20 "$dir.log" >&2; die "debootstrap failed for $packages (log above)"; }
}

# import DIR IMAGE: prune DIR, import it as a single-layer image, then give it its metadata
# (Dockerfile instructions read from stdin) with a metadata-only docker build.
import() {
  local dir=$1 image=$2 p
  for p in "${PRUNE[@]}"; do rm -rf "${dir:?}/$p"; done
  mkdir -p "$dir/var/log" "$dir/var/lib/apt/lists" "$dir/var/cache/apt"
  tar --numeric-owner -C "$dir" -c . | docker import - "$image-rootfs" >/dev/null
  {
    echo "FROM $image-rootfs"
    echo "LABEL $LABEL=$FP org.opencontainers.image.description=\"Debian $SUITE stand-in built by tools/offline-images.sh\""
    cat
  } | docker build --quiet --tag "$image" - >"$dir.build.log" 2>&1 \
    || { cat "$dir.build.log" >&2; die "docker build of $image failed (log above)"; }
  docker rmi "$image-rootfs" >/dev/null
}

build_jre() {
  local dir=$1
  bootstrap "$dir" openjdk-17-jre-headless,ca-certificates
  # The same non-root uid the Jib images run as (parent pom: jib container.user).
  chroot "$dir" groupadd --gid 10001 app
  chroot "$dir" useradd --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app
  import "$dir" "$JRE_IMAGE" <<'EOF'
ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
ENV PATH=/usr/lib/jvm/java-17-openjdk-amd64/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
ENV LANG=C.UTF-8
CMD ["jshell"]
EOF
}

build_nginx() {
  local dir=$1
  # gettext-base brings envsubst, which the official image has too (templates).
  bootstrap "$dir" nginx-light,gettext-base,ca-certificates
  # The official image runs workers as 'nginx' (uid 101); the unprivileged variant runs
  # everything as that user on 8080. Keep both contracts: same user, same port, same paths.
  chroot "$dir" groupadd --system --gid 101 nginx
  chroot "$dir" useradd --system --uid 101 --gid nginx --home-dir /nonexistent --no-create-home \
    --shell /usr/sbin/nologin nginx
  rm -f "$dir/etc/nginx/sites-enabled/default"
  install -m 0644 "$ASSETS/nginx.conf" "$dir/etc/nginx/nginx.conf"
  install -m 0644 "$ASSETS/nginx-default.conf" "$dir/etc/nginx/conf.d/default.conf"
  mkdir -p "$dir/usr/share/nginx/html"
  echo '<!doctype html><title>nginx</title><p>bookshelf-base/nginx' >"$dir/usr/share/nginx/html/index.html"
  import "$dir" "$NGINX_IMAGE" <<'EOF'
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
USER 101
EXPOSE 8080
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
EOF
}

build_postgres() {
  local dir=$1
  bootstrap "$dir" postgresql-15,util-linux
  # The official image's postgres user is 999:999 and initdb needs its uid in /etc/passwd, so a
  # pod with runAsUser: 999 (k8s/) works on both images.
  chroot "$dir" sh -c 'groupmod --gid 999 postgres && usermod --uid 999 --gid 999 postgres \
    && find / -xdev -user 100 -exec chown -h 999 {} + && find / -xdev -group 102 -exec chgrp -h 999 {} +'
  # The official image keeps its data in /var/lib/postgresql/data and is configured by env.
  install -m 0755 "$ASSETS/postgres-entrypoint.sh" "$dir/usr/local/bin/docker-entrypoint.sh"
  mkdir -p "$dir/var/lib/postgresql/data" "$dir/docker-entrypoint-initdb.d" "$dir/var/run/postgresql"
  chroot "$dir" chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql
  import "$dir" "$POSTGRES_IMAGE" <<'EOF'
ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
ENV PGDATA=/var/lib/postgresql/data
ENV LANG=C.UTF-8
EXPOSE 5432
STOPSIGNAL SIGINT
VOLUME /var/lib/postgresql/data
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
EOF
}

size_of() {
  docker image inspect --format '{{.Size}}' "$1" | awk '{ printf "%d MB", $1 / 1000 / 1000 }'
}

main() {
  preflight
  FP=$(fingerprint)
  readonly FP
  work=$(mktemp -d /tmp/bookshelf-offline-images.XXXXXX)
  trap 'rm -rf "$work"' EXIT

  local rows=() image builder mirror_checked=0 start
  for spec in "$JRE_IMAGE:build_jre" "$NGINX_IMAGE:build_nginx" "$POSTGRES_IMAGE:build_postgres"; do
    image=${spec%:*}; builder=${spec##*:}
    if up_to_date "$image" "$FP"; then
      rows+=("$image|kept|0")
      continue
    fi
    [ "$mirror_checked" = 1 ] || { check_mirror; mirror_checked=1; }
    log "building $image from Debian $SUITE ..."
    start=$SECONDS
    "$builder" "$work/${builder#build_}"
    rm -rf "${work:?}/${builder#build_}"
    rows+=("$image|built|$((SECONDS - start))")
  done

  printf '\n| image | action | seconds | size |\n| --- | --- | --- | --- |\n'
  local row
  for row in "${rows[@]}"; do
    IFS='|' read -r image action secs <<<"$row"
    printf '| %s | %s | %s | %s |\n' "$image" "$action" "$secs" "$(size_of "$image")"
  done
}

main "$@"
