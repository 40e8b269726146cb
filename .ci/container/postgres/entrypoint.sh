#!/bin/bash
# The official image's entrypoint contract, reduced to what this project uses: as root, fix ownership and drop to
# the postgres user; on an empty PGDATA, initdb with POSTGRES_USER/POSTGRES_PASSWORD, create POSTGRES_DB and allow
# password (scram-sha-256) logins from the network; then run the server in the foreground.
set -euo pipefail
if [[ "${1:-postgres}" != postgres ]]; then
  exec "$@"
fi
if [[ "$(id -u)" == 0 ]]; then
  mkdir -p "$PGDATA"
  chown -R postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi
user="${POSTGRES_USER:-postgres}"
database="${POSTGRES_DB:-$user}"
if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
  [[ -n "${POSTGRES_PASSWORD:-}" ]] || { echo "POSTGRES_PASSWORD must be set" >&2; exit 1; }
  mkdir -p "$PGDATA" && chmod 700 "$PGDATA"
  initdb --username="$user" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 >/dev/null
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  # First-time set-up on the socket only, so that nothing counts as ready before it is done.
  pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
  if [[ "$database" != postgres ]]; then
    psql -v ON_ERROR_STOP=1 --username="$user" --dbname=postgres -c "CREATE DATABASE \"$database\"" >/dev/null
  fi
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  echo "PostgreSQL init process complete; ready for start up."
fi
exec postgres -c listen_addresses='*' "${@:2}"
