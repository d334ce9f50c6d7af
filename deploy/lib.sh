# Shared settings of the local stack, sourced by every deploy/*.sh script.
# All state lives in one git-ignored folder; every port can be overridden from the environment.
# shellcheck shell=bash

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export REPO
export ENTI_STATE_DIR=${ENTI_STATE_DIR:-$REPO/.state}
STATE=$ENTI_STATE_DIR
export VENV=${VENV:-$REPO/.venv}
export PG_PORT=${PG_PORT:-5439}
export REDIS_PORT=${REDIS_PORT:-6389}
export SOLR_PORT=${SOLR_PORT:-8993}
export CKAN_PORT=${CKAN_PORT:-5000}
export CKAN_SITE_URL=${CKAN_SITE_URL:-http://127.0.0.1:$CKAN_PORT}
export CKAN_INI=${CKAN_INI:-$STATE/ckan.ini}
export CKAN_TEST_INI=$STATE/test.ini
export CKAN_BENCH_INI=$STATE/bench.ini
export CKAN_BENCH_PORT=${CKAN_BENCH_PORT:-5011}

log() { printf '\033[1m[enti]\033[0m %s\n' "$*"; }
die() { printf '[enti] error: %s\n' "$*" >&2; exit 1; }

# Wait until a command succeeds, up to $1 seconds.
wait_for() {
  local seconds=$1; shift
  local i
  for ((i = 0; i < seconds * 4; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  return 1
}

# Is the process in a pid file alive?
pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Stop the process in a pid file (TERM, then KILL after a grace period); tolerant if absent.
stop_pidfile() {
  local pidfile=$1 name=$2 pid i
  if ! pid_alive "$pidfile"; then rm -f "$pidfile"; return 0; fi
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  rm -f "$pidfile"
  log "$name stopped"
}

ckan_cli() { "$VENV/bin/ckan" "$@"; }
