#!/bin/sh
# Container entrypoint: render the config for this environment into the tmpfs (/tmp), then
# run nginx in the foreground as PID 1. The root filesystem may be read-only.
set -eu
bookshelf-render-config /etc/nginx/bookshelf /tmp/nginx
exec nginx -p /tmp/nginx/ -c /tmp/nginx/nginx.conf -e stderr "$@"
