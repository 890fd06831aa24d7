# PostgreSQL init (docker-compose.postgres.yml mounts it in /docker-entrypoint-initdb.d; run
# once, on an empty data directory, by the official image and the Debian stand-in alike):
# the identity provider's own database and user, apart from the books data.
# Sourced by the entrypoint with the POSTGRES_* variables and IDENTITY_DB_PASSWORD set.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set=password="${IDENTITY_DB_PASSWORD:?IDENTITY_DB_PASSWORD is not set}" <<'SQL'
CREATE ROLE keycloak LOGIN PASSWORD :'password';
CREATE DATABASE keycloak OWNER keycloak;
SQL
