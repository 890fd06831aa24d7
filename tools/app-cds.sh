#!/bin/sh
# Adds an AppCDS archive to an image Jib just built, under the same name: a docker build that
# runs the image's own JVM once (tools/app-cds/train.sh) and keeps the archive it dumps. The
# JVM then maps the app's classes instead of loading them: books-service starts in ~0.8 s
# instead of ~1.3 s on one core (docs/performance.md).
#
# An archive is only valid for the JVM build, and so the architecture, that dumped it: the
# training runs the image's own JVM on the image's own platform (emulated by qemu-user-static
# where it is not the host's), named to docker build so that nothing is pulled and the FROM
# resolves to the local image under BuildKit and the classic builder alike (docs/platforms.md).
#
# usage: tools/app-cds.sh IMAGE "PATH..." [PLATFORM]
#   e.g. tools/app-cds.sh books-service:1.0 "/books /openapi.json" linux/arm64
# PLATFORM, when given, must be the image's (a check that Jib loaded the platform asked for).
set -eu

if [ $# -ne 2 ] && [ $# -ne 3 ]; then
  echo "usage: $0 IMAGE \"TRAINING PATH...\" [PLATFORM]" >&2
  exit 2
fi
image=$1
paths=$2

if ! docker image inspect "$image" >/dev/null 2>&1; then
  echo "app-cds: no image $image in the local Docker daemon; build it with Jib first" >&2
  exit 1
fi
if [ -n "$(docker image inspect -f '{{index .Config.Labels "org.bookshelf.app-cds"}}' "$image")" ]; then
  echo "app-cds: $image already has an archive; rebuild it with Jib first (training twice would stack archives)" >&2
  exit 1
fi
user=$(docker image inspect -f '{{.Config.User}}' "$image")
platform=$(docker image inspect -f '{{.Os}}/{{.Architecture}}' "$image")
if [ $# -eq 3 ] && [ "$3" != "$platform" ]; then
  echo "app-cds: $image is $platform, not $3" >&2
  exit 1
fi

docker build \
  --platform "$platform" \
  --pull=false \
  --build-arg APP_IMAGE="$image" \
  --build-arg APP_USER="$user" \
  --build-arg TRAIN_PATHS="$paths" \
  --tag "$image" \
  "$(dirname "$0")/app-cds"
echo "app-cds: $image ($platform) now starts with its AppCDS archive ($(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.1f MB", $1 / 1e6}'))"
