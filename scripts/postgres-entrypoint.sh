#!/bin/sh
# A small stand-in for the official postgres image's entrypoint: honours POSTGRES_USER,
# POSTGRES_PASSWORD and POSTGRES_DB, initialises the cluster once with scram-sha-256, and runs
# the server as the postgres user listening on all addresses.
set -eu
case "${1:-}" in -*) set -- postgres "$@" ;; esac
if [ "${1:-}" != postgres ]; then exec "$@"; fi
shift

: "${PGDATA:=/var/lib/postgresql/data}"
user="${POSTGRES_USER:-postgres}"
password="${POSTGRES_PASSWORD:-postgres}"
db="${POSTGRES_DB:-$user}"

mkdir -p "$PGDATA" /var/run/postgresql
chown -R postgres:postgres "$PGDATA" /var/run/postgresql
chmod 700 "$PGDATA"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile="$(mktemp)"
  printf '%s\n' "$password" >"$pwfile"
  chown postgres "$pwfile"
  su postgres -s /bin/sh -c "initdb -D '$PGDATA' -U '$user' --pwfile='$pwfile' --auth=scram-sha-256 --encoding=UTF8 >/dev/null"
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [ "$db" != postgres ]; then
    su postgres -s /bin/sh -c "postgres -D '$PGDATA' -c listen_addresses='' >/dev/null 2>&1 &"
    i=0; until su postgres -s /bin/sh -c "pg_isready -q -h /var/run/postgresql"; do i=$((i+1)); [ $i -gt 100 ] && exit 1; sleep 0.1; done
    PGPASSWORD="$password" su postgres -s /bin/sh -c "PGPASSWORD='$password' psql -q -h /var/run/postgresql -U '$user' -d postgres -c 'CREATE DATABASE \"$db\"'"
    su postgres -s /bin/sh -c "pg_ctl -D '$PGDATA' -m fast -w stop >/dev/null"
  fi
fi

exec su postgres -s /bin/sh -c "exec postgres -D '$PGDATA' -c listen_addresses='*' $*"
