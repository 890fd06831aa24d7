#!/bin/sh
# Adds an AppCDS archive to an image Jib just built, under the same name: a docker build that
# runs the image's own JVM once (tools/app-cds/train.sh) and keeps the archive it dumps. The
# JVM then maps the app's classes instead of loading them: books-service starts in ~0.8 s
# instead of ~1.3 s on one core (docs/performance.md).
#
# usage: tools/app-cds.sh IMAGE "PATH..."   e.g. tools/app-cds.sh books-service:1.0 "/books /openapi.json"
set -eu

if [ $# -ne 2 ]; then
  echo "usage: $0 IMAGE \"TRAINING PATH...\"" >&2
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

docker build \
  --build-arg APP_IMAGE="$image" \
  --build-arg APP_USER="$user" \
  --build-arg TRAIN_PATHS="$paths" \
  --tag "$image" \
  "$(dirname "$0")/app-cds"
echo "app-cds: $image now starts with its AppCDS archive ($(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.1f MB", $1 / 1e6}'))"
