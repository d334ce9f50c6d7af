#!/usr/bin/env bash
# PostgreSQL from Debian's postgresql package: an own cluster, run by an unprivileged user
# (PostgreSQL refuses to run as root), listening on 127.0.0.1:$PG_PORT only, with the site
# database `ckan` and the test database `ckan_test` owned by the role `ckan`.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$PG_BIN/pg_ctl" ] || die "PostgreSQL server binaries not found; run deploy/bootstrap.sh"

if [ "$(id -u)" = 0 ]; then
  RUN_AS=(runuser -u postgres --)
  # The cluster lives in the state folder unless the postgres user cannot reach it
  # (e.g. a checkout under /root); then it lives in a per-checkout folder under /var/tmp.
  # The choice is recorded in $STATE/pg.location so that stop finds the same cluster.
  mkdir -p "$STATE"
  if [ -f "$STATE/pg.location" ]; then
    PGDIR=$(cat "$STATE/pg.location")
  else
    PGDIR=$STATE/pg
    if ! runuser -u postgres -- test -x "$STATE" 2>/dev/null; then
      PGDIR=/var/tmp/ckanext-enti-$(printf '%s' "$REPO" | md5sum | cut -c1-12)/pg
    fi
    echo "$PGDIR" > "$STATE/pg.location"
  fi
else
  RUN_AS=()
  PGDIR=$STATE/pg
fi
DATA=$PGDIR/data
PSQL=("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
export PGPASSWORD=postgres

ready() { "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -q; }

init_cluster() {
  mkdir -p "$PGDIR"
  [ "$(id -u)" = 0 ] && chown postgres: "$PGDIR"
  printf 'postgres\n' > "$PGDIR/.pwfile"
  [ "$(id -u)" = 0 ] && chown postgres: "$PGDIR/.pwfile"
  "${RUN_AS[@]}" "$PG_BIN/initdb" -D "$DATA" -U postgres --pwfile="$PGDIR/.pwfile" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$PGDIR/initdb.log"
  rm -f "$PGDIR/.pwfile"
}

ensure_db() {
  local db=$1
  if [ -z "$("${PSQL[@]}" -c "SELECT 1 FROM pg_database WHERE datname='$db'")" ]; then
    "${PSQL[@]}" -c "CREATE DATABASE $db OWNER ckan ENCODING 'UTF8'"
    log "database $db created"
  fi
}

case "${1:-}" in
  start)
    if ready; then
      log "PostgreSQL already running on $PG_PORT"
    else
      [ -f "$DATA/PG_VERSION" ] || init_cluster
      "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$DATA" -l "$PGDIR/postgres.log" -w -t 60 start \
        -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c synchronous_commit=off -c max_connections=100" \
        >/dev/null || die "PostgreSQL did not start; see $PGDIR/postgres.log"
      log "PostgreSQL running on 127.0.0.1:$PG_PORT ($DATA)"
    fi
    if [ -z "$("${PSQL[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname='ckan'")" ]; then
      "${PSQL[@]}" -c "CREATE ROLE ckan LOGIN PASSWORD 'ckan'"
    fi
    ensure_db ckan
    ensure_db ckan_test
    ensure_db ckan_bench
    ;;
  stop)
    if [ -f "$DATA/postmaster.pid" ]; then
      "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null && log "PostgreSQL stopped"
    fi
    ;;
  status) ready ;;
  *) die "usage: $0 start|stop|status" ;;
esac
