#!/bin/bash
# Starts the Keycloak build that matches KC_DB: `db` is a build-time option in Keycloak 26.5
# (`start --optimized` refuses another value), so the image holds one optimized build per
# supported database (Dockerfile) and this picks it; anything else is refused here, by name.
set -euo pipefail
case "${KC_DB:-dev-file}" in
  dev-file) exec /opt/keycloak/bin/kc.sh "$@" ;;
  postgres) exec /opt/keycloak-postgres/bin/kc.sh "$@" ;;
  *) echo "books-identity: KC_DB='${KC_DB}' is not built into this image (dev-file, postgres); add a build to identity/Dockerfile" >&2; exit 64 ;;
esac
