#!/bin/sh
# Mounted into each subgraph's postgres container at /docker-entrypoint-initdb.d: runs once,
# when the data volume is first initialised (changing SERVICE_DB_PASSWORD later needs
# ALTER ROLE, or a fresh volume).
#
# Creates the login role the service and its migrations use. It owns the service's
# database, so `prisma migrate deploy` can create tables in it, but it is not the cluster's
# superuser: a compromised service cannot reach the server's files or run programs.
if [ -z "${SERVICE_DB_USER:-}" ] || [ -z "${SERVICE_DB_PASSWORD:-}" ]; then
  echo "SERVICE_DB_USER and SERVICE_DB_PASSWORD must be set" >&2
  exit 1
fi

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v role="$SERVICE_DB_USER" -v password="$SERVICE_DB_PASSWORD" -v db="$POSTGRES_DB" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
-- PostgreSQL 15+: schema public belongs to pg_database_owner, i.e. to this role
ALTER DATABASE :"db" OWNER TO :"role";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
