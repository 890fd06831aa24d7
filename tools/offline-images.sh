#!/usr/bin/env bash
# Builds local stand-ins for the three public base images Bookshelf uses, from Debian bookworm
# packages only (debootstrap + docker import), for machines that cannot pull from a registry,
# and serves them from a local registry as multi-arch images (tools/local-registry.sh):
#
#   localhost:5000/bookshelf-base/jre:17        stands in for eclipse-temurin:17-jre  (Jib base)
#   localhost:5000/bookshelf-base/nginx:1.22    stands in for nginx:1.28              (gateway)
#   localhost:5000/bookshelf-base/postgres:15   stands in for postgres:16             (tests, compose)
#   localhost:5000/bookshelf-base/keycloak:V    stands in for quay.io/keycloak/keycloak:V (identity)
#     (V: keycloak.version in the parent POM; the JRE stand-in plus Keycloak's distribution from
#     Maven Central, checksum verified; amd64 only is enough for CI, docs/platforms.md)
#   localhost:5000/bookshelf-base/prometheus:2.42     stands in for prom/prometheus      (observability)
#   localhost:5000/bookshelf-base/nginx-exporter:0.11 stands in for nginx/nginx-prometheus-exporter
#   localhost:5000/bookshelf-base/mtail:3.0           Debian with mtail: the gateway-metrics base
#   (the last three share one debootstrap and one layer: --only observability)
#
# Each NAME:TAG is a manifest list over NAME:TAG-ARCH, one per architecture built so far, so
# Jib, `docker build --platform` and `docker run` pick a platform exactly as they do from
# Docker Hub (docs/platforms.md).
#
#   sudo tools/offline-images.sh                    # this machine's architecture
#   sudo tools/offline-images.sh --arch amd64,arm64 # both (a foreign one runs under qemu-user-static)
#   sudo tools/offline-images.sh --arch arm64 --only jre,nginx   # just what the arm64 smoke runs on
#   sudo tools/offline-images.sh --only jre,keycloak   # the identity base (on the JRE stand-in)
#
# Idempotent: an image whose fingerprint label matches this script and its assets is kept, so a
# second run takes seconds. Use them in the build with the `offline-bases` Maven profile
# (README, "Air-gapped builds").
#
# Environment: BOOKSHELF_REGISTRY (default localhost:5000), DEBIAN_MIRROR (default
# http://deb.debian.org/debian), OFFLINE_IMAGES_CACHE (debootstrap package cache, default
# /var/cache/bookshelf-debootstrap; Keycloak's archive is kept there too), MAVEN_CENTRAL
# (default https://repo.maven.apache.org/maven2), FORCE=1 to rebuild.
set -euo pipefail

readonly SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly ASSETS="$SCRIPT_DIR/offline-images"
readonly SUITE=bookworm
readonly MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
readonly CACHE=${OFFLINE_IMAGES_CACHE:-/var/cache/bookshelf-debootstrap}
readonly LABEL=org.bookshelf.base.fingerprint
readonly REGISTRY=${BOOKSHELF_REGISTRY:-localhost:5000}
# The architectures a manifest list may hold (Debian's names, which are also Docker's).
readonly KNOWN_ARCHES=(amd64 arm64)

readonly JRE_IMAGE=$REGISTRY/bookshelf-base/jre:17
readonly NGINX_IMAGE=$REGISTRY/bookshelf-base/nginx:1.22
readonly POSTGRES_IMAGE=$REGISTRY/bookshelf-base/postgres:15
# Keycloak's version is written once, in the parent POM (keycloak.version).
readonly KEYCLOAK_VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$SCRIPT_DIR/../pom.xml")
readonly KEYCLOAK_IMAGE=$REGISTRY/bookshelf-base/keycloak:$KEYCLOAK_VERSION
readonly CENTRAL=${MAVEN_CENTRAL:-https://repo.maven.apache.org/maven2}
readonly PROMETHEUS_IMAGE=$REGISTRY/bookshelf-base/prometheus:2.42
readonly NGINX_EXPORTER_IMAGE=$REGISTRY/bookshelf-base/nginx-exporter:0.11
readonly MTAIL_IMAGE=$REGISTRY/bookshelf-base/mtail:3.0

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
  command -v curl >/dev/null || die "curl is not installed: apt-get install curl"
}

# Debian architecture name -> the qemu/binfmt_misc name of its CPU.
qemu_name() {
  case "$1" in
    amd64) echo x86_64 ;;
    arm64) echo aarch64 ;;
    *) die "unsupported architecture '$1' (supported: ${KNOWN_ARCHES[*]})" ;;
  esac
}

# A foreign architecture's binaries (debootstrap's second stage, chroot, the image's RUN steps)
# run through qemu-user-static, registered in binfmt_misc with the F flag so that it works
# inside chroots and containers too.
check_emulation() {
  local arch=$1 q
  [ "$arch" = "$(dpkg --print-architecture)" ] && return
  q=$(qemu_name "$arch")
  [ -x "/usr/bin/qemu-$q-static" ] \
    || die "building $arch here needs qemu-user-static: apt-get install qemu-user-static binfmt-support"
  if [ ! -e /proc/sys/fs/binfmt_misc/status ]; then
    log "mounting binfmt_misc"
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  fi
  if ! grep -qx enabled "/proc/sys/fs/binfmt_misc/qemu-$q" 2>/dev/null; then
    log "registering qemu-$q in binfmt_misc"
    update-binfmts --enable "qemu-$q" || die "could not register qemu-$q in binfmt_misc"
  fi
  grep -q '^flags: .*F' "/proc/sys/fs/binfmt_misc/qemu-$q" \
    || die "qemu-$q is registered without the F flag, so containers cannot use it"
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

# bootstrap DIR PACKAGES: a minimal bookworm root filesystem for $ARCH with PACKAGES installed.
bootstrap() {
  local dir=$1 packages=$2
  mkdir -p "$CACHE"
  debootstrap --arch="$ARCH" --variant=minbase --cache-dir="$CACHE" --include="$packages" \
    "$SUITE" "$dir" "$MIRROR" >"$dir.log" 2>&1 \
    || { tail -n 20 "$dir.log" >&2; die "debootstrap failed for $packages (log above)"; }
}

# import DIR IMAGE: prune DIR, load it as a single-layer linux/$ARCH image, then give it its
# metadata (Dockerfile instructions read from stdin) with a metadata-only docker build.
# `docker import --platform` records the daemon's architecture on Docker 20.10, so the layer is
# loaded as a docker-save archive whose config names the architecture. The build names the
# platform and pulls nothing, so its FROM resolves to that local image under BuildKit and the
# classic builder alike, whatever the daemon's own architecture.
import() {
  local dir=$1 image=$2 p archive=$1.archive diff_id
  for p in "${PRUNE[@]}"; do rm -rf "${dir:?}/$p"; done
  mkdir -p "$dir/var/log" "$dir/var/lib/apt/lists" "$dir/var/cache/apt" "$archive"
  diff_id=$(tar --numeric-owner -C "$dir" -c . | tee "$archive/layer.tar" | sha256sum | cut -d' ' -f1)
  printf '{"architecture":"%s","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created_by":"debootstrap %s (tools/offline-images.sh)"}]}\n' \
    "$ARCH" "$diff_id" "$SUITE" >"$archive/config.json"
  printf '[{"Config":"config.json","RepoTags":["%s"],"Layers":["layer.tar"]}]\n' "$image-rootfs" \
    >"$archive/manifest.json"
  tar -C "$archive" -c manifest.json config.json layer.tar | docker load --quiet >/dev/null \
    || die "docker load of $image-rootfs failed"
  rm -rf "$archive"
  {
    echo "FROM $image-rootfs"
    echo "LABEL $LABEL=$FP org.opencontainers.image.description=\"Debian $SUITE stand-in built by tools/offline-images.sh\""
    cat
  } | docker build --quiet --platform "linux/$ARCH" --pull=false --tag "$image" - >"$dir.build.log" 2>&1 \
    || { cat "$dir.build.log" >&2; die "docker build of $image failed (log above)"; }
  docker rmi "$image-rootfs" >/dev/null
  [ "$(docker image inspect -f '{{.Os}}/{{.Architecture}}' "$image")" = "linux/$ARCH" ] \
    || die "$image was built for $(docker image inspect -f '{{.Os}}/{{.Architecture}}' "$image"), not linux/$ARCH"
}

# The JDK's directory in a root filesystem (its name carries the architecture). Resolved inside
# the chroot: /usr/bin/java is an absolute symlink chain that would resolve to the host's JDK.
java_home_in() {
  local java
  java=$(chroot "$1" readlink -f /usr/bin/java) || die "no java in $1"
  echo "${java%/bin/java}"
}

build_jre() {
  local dir=$1
  bootstrap "$dir" openjdk-17-jre-headless,ca-certificates
  # The same non-root uid the Jib images run as (parent pom: jib container.user).
  chroot "$dir" groupadd --gid 10001 app
  chroot "$dir" useradd --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app
  local java_home
  java_home=$(java_home_in "$dir")
  import "$dir" "$JRE_IMAGE-$ARCH" <<EOF
ENV JAVA_HOME=$java_home
ENV PATH=$java_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
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
  import "$dir" "$NGINX_IMAGE-$ARCH" <<'EOF'
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
  import "$dir" "$POSTGRES_IMAGE-$ARCH" <<'EOF'
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

# The distribution the public image is made of (org.keycloak:keycloak-quarkus-dist), laid out
# as quay.io/keycloak/keycloak lays it out: /opt/keycloak owned by keycloak (uid 1000, group 0,
# group-writable so `kc.sh build` runs as that user), entrypoint kc.sh, ports 8080/8443/9000.
# The JVM is the JRE stand-in's Java 17 (the public image has 21; Keycloak 26.5 runs on 17).
build_keycloak() {
  local dir=$1 archive sha url
  [ -n "$KEYCLOAK_VERSION" ] || die "no <keycloak.version> in pom.xml"
  archive=$CACHE/keycloak-quarkus-dist-$KEYCLOAK_VERSION.tar.gz
  url=$CENTRAL/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION/keycloak-quarkus-dist-$KEYCLOAK_VERSION.tar.gz
  mkdir -p "$CACHE" "$dir/keycloak"
  sha=$(curl -fsS -m 30 "$url.sha512") || die "cannot fetch $url.sha512 (set MAVEN_CENTRAL to a mirror)"
  sha=${sha%% *}
  if ! echo "$sha  $archive" | sha512sum --check --status 2>/dev/null; then
    curl -fsS -m 600 -o "$archive.part" "$url" || die "cannot download $url"
    echo "$sha  $archive.part" | sha512sum --check --status \
      || { rm -f "$archive.part"; die "$url does not match its published SHA-512"; }
    mv "$archive.part" "$archive"
  fi
  tar -xzf "$archive" -C "$dir/keycloak" --strip-components=1 --no-same-owner
  chmod -R g+rwX,o-w "$dir/keycloak"
  docker image inspect "$JRE_IMAGE-$ARCH" >/dev/null 2>&1 \
    || die "$JRE_IMAGE-$ARCH is missing: build it first (--only jre,keycloak)"
  cat >"$dir/Dockerfile" <<EOF
FROM $JRE_IMAGE-$ARCH
LABEL $LABEL=$FP org.opencontainers.image.description="Keycloak $KEYCLOAK_VERSION on the Debian $SUITE JRE stand-in, built by tools/offline-images.sh"
RUN useradd --uid 1000 --gid 0 --home-dir /opt/keycloak --no-create-home --shell /usr/sbin/nologin keycloak
COPY --chown=1000:0 keycloak /opt/keycloak
USER 1000
ENV LANG=C.UTF-8
EXPOSE 8080 8443 9000
ENTRYPOINT ["/opt/keycloak/bin/kc.sh"]
EOF
  docker build --quiet --platform "linux/$ARCH" --pull=false --tag "$KEYCLOAK_IMAGE-$ARCH" "$dir" \
    >"$dir.build.log" 2>&1 || { cat "$dir.build.log" >&2; die "docker build of $KEYCLOAK_IMAGE-$ARCH failed (log above)"; }
}

# One root filesystem with prometheus (and promtool), prometheus-nginx-exporter and mtail, imported
# as three images that differ only in their metadata: one debootstrap, one stored layer.
build_observability() {
  local dir=$1
  bootstrap "$dir" prometheus,prometheus-nginx-exporter,mtail,ca-certificates
  # The official images keep Prometheus' data in /prometheus and run as nobody (65534).
  mkdir -p "$dir/prometheus" "$dir/etc/prometheus"
  chroot "$dir" chown 65534:65534 /prometheus
  import "$dir" "$PROMETHEUS_IMAGE-$ARCH" <<'EOF'
USER 65534
WORKDIR /prometheus
EXPOSE 9090
ENTRYPOINT ["/usr/bin/prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]
EOF
  import "$dir" "$NGINX_EXPORTER_IMAGE-$ARCH" <<'EOF'
USER 65534
EXPOSE 9113
ENTRYPOINT ["/usr/bin/prometheus-nginx-exporter"]
EOF
  # The gateway-metrics image (gateway/mtail/Dockerfile) sets its own user and entrypoint.
  import "$dir" "$MTAIL_IMAGE-$ARCH" <<'EOF'
EXPOSE 3903
ENTRYPOINT ["/usr/bin/mtail"]
EOF
}

size_of() {
  docker image inspect --format '{{.Size}}' "$1" | awk '{ printf "%d MB", $1 / 1000 / 1000 }'
}

# publish IMAGE: pushes IMAGE-$ARCH to the registry and points IMAGE, a manifest list, at every
# IMAGE-<arch> the registry holds, so building one architecture keeps the others.
publish() {
  local image=$1 arch members=()
  docker push --quiet "$image-$ARCH" >/dev/null || die "docker push $image-$ARCH failed"
  for arch in "${KNOWN_ARCHES[@]}"; do
    docker manifest inspect --insecure "$image-$arch" >/dev/null 2>&1 && members+=("$image-$arch")
  done
  docker manifest rm "$image" >/dev/null 2>&1 || true  # the CLI's local copy of an older list
  docker manifest create --insecure "$image" "${members[@]}" >/dev/null \
    || die "docker manifest create $image failed"
  docker manifest push --insecure --purge "$image" >/dev/null || die "docker manifest push $image failed"
  echo "${members[*]##*-}"
}

main() {
  local arches only=jre,nginx,postgres,keycloak,observability
  arches=$(dpkg --print-architecture)
  while [ $# -gt 0 ]; do
    case "$1" in
      --arch) [ $# -ge 2 ] || die "--arch needs a value, e.g. --arch amd64,arm64"; arches=$2; shift 2 ;;
      --arch=*) arches=${1#--arch=}; shift ;;
      --only) [ $# -ge 2 ] || die "--only needs a value, e.g. --only jre,nginx"; only=$2; shift 2 ;;
      --only=*) only=${1#--only=}; shift ;;
      *) die "unknown argument '$1' (usage: $0 [--arch amd64,arm64] [--only jre,nginx,postgres,keycloak,observability])" ;;
    esac
  done
  local name
  for name in ${only//,/ }; do
    case "$name" in jre | nginx | postgres | keycloak | observability) ;; *) die "--only: unknown image '$name' (jre, nginx, postgres, keycloak, observability)" ;; esac
  done
  preflight
  FP=$(fingerprint)
  readonly FP
  work=$(mktemp -d /tmp/bookshelf-offline-images.XXXXXX)
  trap 'rm -rf "$work"' EXIT
  "$SCRIPT_DIR/local-registry.sh" start

  local rows=() images image builder mirror_checked=0 start platforms fresh
  for ARCH in ${arches//,/ }; do
    qemu_name "$ARCH" >/dev/null
    check_emulation "$ARCH"
    # IMAGES=builder: a builder may make several images from one root filesystem.
    for spec in "$JRE_IMAGE=build_jre" "$NGINX_IMAGE=build_nginx" "$POSTGRES_IMAGE=build_postgres" \
      "$KEYCLOAK_IMAGE=build_keycloak" \
      "$PROMETHEUS_IMAGE $NGINX_EXPORTER_IMAGE $MTAIL_IMAGE=build_observability"; do
      images=${spec%=*}; builder=${spec##*=}
      [[ ",$only," == *",${builder#build_},"* ]] || continue
      start=$SECONDS
      fresh=yes
      for image in $images; do up_to_date "$image-$ARCH" "$FP" || fresh=""; done
      if [ -n "$fresh" ]; then
        action=kept
      else
        [ "$mirror_checked" = 1 ] || { check_mirror; mirror_checked=1; }
        log "building ${images// /, } for $ARCH from Debian $SUITE ..."
        "$builder" "$work/${builder#build_}"
        rm -rf "${work:?}/${builder#build_}"
        action=built
      fi
      for image in $images; do
        platforms=$(publish "$image")
        rows+=("$image-$ARCH|$action|$((SECONDS - start))|$platforms")
      done
    done
  done

  printf '\n| image | action | seconds | size | %s serves |\n| --- | --- | --- | --- | --- |\n' "$REGISTRY"
  local row secs
  for row in "${rows[@]}"; do
    IFS='|' read -r image action secs platforms <<<"$row"
    printf '| %s | %s | %s | %s | %s: %s |\n' "$image" "$action" "$secs" "$(size_of "$image")" \
      "${image%-*}" "$platforms"
  done
}

main "$@"
