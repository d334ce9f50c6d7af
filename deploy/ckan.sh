#!/usr/bin/env bash
# CKAN itself: config files, database migrations, the web server (gunicorn) and one jobs worker.
#   deploy/ckan.sh configure site|test|bench   write $STATE/ckan.ini, test.ini or bench.ini (idempotent)
#   deploy/ckan.sh migrate site|test|bench     create/upgrade the database (core + enabled plugins)
#   deploy/ckan.sh start|stop|status     the web server on $CKAN_SITE_URL and the jobs worker
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DIR=$STATE/ckan
WEB_PID=$DIR/gunicorn.pid
WORKER_PID=$DIR/worker.pid

ini_for() { case "$1" in site) echo "$CKAN_INI" ;; test) echo "$CKAN_TEST_INI" ;; bench) echo "$CKAN_BENCH_INI" ;; *) die "unknown environment $1 (site|test|bench)" ;; esac; }

configure() {
  local env=$1 ini db core redis_db site_id site_url
  ini=$(ini_for "$env")
  if [ "$env" = site ]; then
    db=ckan core=ckan redis_db=0 site_id=enti site_url=$CKAN_SITE_URL
  elif [ "$env" = bench ]; then
    db=ckan_bench core=ckan_bench redis_db=2 site_id=enti_bench site_url=http://127.0.0.1:$CKAN_BENCH_PORT
  else
    db=ckan_test core=ckan_test redis_db=1 site_id=enti_test site_url=http://test.ckan.net
  fi
  mkdir -p "$DIR" "$STATE/storage-$env"
  # `ckan generate config` writes fresh secrets; keep them across runs.
  [ -f "$ini" ] || ckan_cli generate config "$ini" >/dev/null
  sed -e "s|@SITE_URL@|$site_url|" -e "s|@SITE_ID@|$site_id|" -e "s|@PG_PORT@|$PG_PORT|" \
      -e "s|@DB@|$db|" -e "s|@SOLR_PORT@|$SOLR_PORT|" -e "s|@CORE@|$core|" \
      -e "s|@REDIS_PORT@|$REDIS_PORT|g" -e "s|@REDIS_DB@|$redis_db|g" \
      -e "s|@STORAGE@|$STATE/storage-$env|" "$REPO/deploy/ckan/enti.ini.in" > "$DIR/$env.options.ini"
  # Merge into a copy and replace the ini only when something changed, so that its mtime tells
  # the web server whether to reload.
  cp "$ini" "$ini.new"
  ckan_cli config-tool "$ini.new" -f "$DIR/$env.options.ini" >/dev/null
  if cmp -s "$ini" "$ini.new"; then rm "$ini.new"; else mv "$ini.new" "$ini"; log "CKAN $env config updated"; fi
  log "CKAN $env config: $ini"
}

migrate() {
  local ini
  ini=$(ini_for "$1")
  ckan_cli -c "$ini" db init >/dev/null
  ckan_cli -c "$ini" db upgrade >/dev/null
  log "CKAN $1 database ready"
}

web_up() { curl -fsS -o /dev/null --max-time 5 "$CKAN_SITE_URL/api/3/action/status_show"; }

start() {
  mkdir -p "$DIR"
  if pid_alive "$WEB_PID" && web_up && [ "$CKAN_INI" -nt "$WEB_PID" ]; then
    # The config changed since the server started: restart the workers gracefully.
    kill -HUP "$(cat "$WEB_PID")" && touch "$WEB_PID"
    stop_pidfile "$WORKER_PID" "CKAN jobs worker"
    wait_for 60 web_up
    log "CKAN reloaded with the new config at $CKAN_SITE_URL"
  elif pid_alive "$WEB_PID" && web_up; then
    log "CKAN already running at $CKAN_SITE_URL"
  else
    stop_pidfile "$WEB_PID" "CKAN web"
    if web_up; then
      die "port $CKAN_PORT already answers CKAN requests from another process (another checkout's stack?); stop it or set CKAN_PORT"
    fi
    CKAN_INI=$CKAN_INI "$VENV/bin/gunicorn" --chdir "$REPO/deploy/ckan" wsgi:application \
      --bind "127.0.0.1:$CKAN_PORT" --workers "${CKAN_WORKERS:-2}" --timeout 120 \
      --pid "$WEB_PID" --daemon --capture-output \
      --access-logfile "$DIR/access.log" --error-logfile "$DIR/web.log"
    wait_for 120 web_up || { tail -n 40 "$DIR/web.log" >&2; die "CKAN did not answer at $CKAN_SITE_URL"; }
    log "CKAN running at $CKAN_SITE_URL"
  fi
  if pid_alive "$WORKER_PID"; then
    log "CKAN jobs worker already running"
  else
    nohup "$VENV/bin/ckan" -c "$CKAN_INI" jobs worker >>"$DIR/worker.log" 2>&1 &
    echo $! > "$WORKER_PID"
    log "CKAN jobs worker started (log: $DIR/worker.log)"
  fi
}

case "${1:-}" in
  configure) configure "${2:?site or test}" ;;
  migrate) migrate "${2:?site or test}" ;;
  start) start ;;
  stop) stop_pidfile "$WORKER_PID" "CKAN jobs worker"; stop_pidfile "$WEB_PID" "CKAN web" ;;
  status) pid_alive "$WEB_PID" && web_up ;;
  *) die "usage: $0 configure|migrate site|test, or start|stop|status" ;;
esac
