#!/usr/bin/env bash
# Local dev Solr 9 for CKAN: one JVM, cores "ckan" (demo), "ckan_test" and "ckan_bench"
# (tests), both on the configset built from CKAN's own schema.xml.
#
#   deploy/solr.sh start|stop|status
#
# Env: ENTI_STATE_DIR (default <repo>/.state), SOLR_PORT (8993),
#      SOLR_HEAP (1g, max heap), SOLR_START_TIMEOUT (120 s),
#      SOLR_LOG_LEVEL (WARN), SOLR_JAVA_OPTS (extra JVM flags), JAVA (java),
#      MVN (mvn; MAVEN_OPTS is honoured, e.g. -Dmaven.repo.local=...),
#      SOLR_MVN_ARGS (extra mvn arguments, e.g. "-o" or "-s settings.xml"),
#      CKAN_PYTHON (<repo>/.venv/bin/python, the one with ckan installed).
# CKAN ini: solr_url = http://127.0.0.1:8993/solr/ckan  (tests: .../solr/ckan_test)
#
# Solr itself (9.10.1) comes from Maven Central via deploy/solr/pom.xml and is
# started by deploy/solr/Launcher.java; everything generated lives in
# $STATE/solr: lib/ (jars), home/ (solr.xml, configsets/ckan, core dirs with
# their data/), solr.log, solr.pid.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$REPO/deploy/solr"
STATE="${ENTI_STATE_DIR:-$REPO/.state}"
SOLR_PORT="${SOLR_PORT:-8993}"
SOLR_HEAP="${SOLR_HEAP:-1g}"
SOLR_START_TIMEOUT="${SOLR_START_TIMEOUT:-120}"
JAVA="${JAVA:-java}"
MVN="${MVN:-mvn}"
PY="${CKAN_PYTHON:-$REPO/.venv/bin/python}"

SOLR_STATE="$STATE/solr"
LIB="$SOLR_STATE/lib"
SOLR_HOME="$SOLR_STATE/home"
PIDFILE="$SOLR_STATE/solr.pid"
LOG="$SOLR_STATE/solr.log"
CORES=(ckan ckan_test ckan_bench)
BASE="http://127.0.0.1:$SOLR_PORT/solr"

log() { echo "solr.sh: $*" >&2; }

ping_core() {
  curl -fsS --max-time 5 "$BASE/$1/admin/ping?wt=json" 2>/dev/null | grep -q '"status":"OK"'
}

all_ping() {
  local c
  for c in "${CORES[@]}"; do ping_core "$c" || return 1; done
}

# Pid of our running launcher: the one in the pid file, or else (pid file
# lost) whatever deploy/solr/Launcher.java listens on our port. A stale pid
# file whose pid got reused by another program is ignored.
our_pid() {
  local pid=""
  [[ -f "$PIDFILE" ]] && pid="$(tr -dc 0-9 <"$PIDFILE")"
  if [[ -z "$pid" ]] || ! is_launcher "$pid"; then
    pid="$(ss -Hltnp "sport = :$SOLR_PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2)"
    [[ -n "$pid" ]] && is_launcher "$pid" || return 1
  fi
  echo "$pid"
}

is_launcher() {
  kill -0 "$1" 2>/dev/null \
    && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF "deploy/solr/Launcher.java"
}

# Jars from Maven Central into $LIB, redone only when pom.xml changed.
ensure_jars() {
  local want have=""
  want="$(sha256sum "$SRC/pom.xml" | cut -d' ' -f1)"
  [[ -f "$LIB/.pom.sha256" ]] && have="$(cat "$LIB/.pom.sha256")"
  if [[ "$want" == "$have" ]] && compgen -G "$LIB/solr-core-*.jar" >/dev/null; then
    return
  fi
  log "resolving Solr jars with Maven (first run downloads ~100 MB into ~/.m2) ..."
  rm -rf "$LIB.tmp"
  # shellcheck disable=SC2086
  if ! "$MVN" -B -q --no-transfer-progress ${SOLR_MVN_ARGS:-} -f "$SRC/pom.xml" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIB.tmp" \
      >"$SOLR_STATE/mvn.log" 2>&1; then
    cat "$SOLR_STATE/mvn.log" >&2
    log "maven failed (log: $SOLR_STATE/mvn.log)"
    exit 1
  fi
  echo "$want" >"$LIB.tmp/.pom.sha256"
  rm -rf "$LIB"
  mv "$LIB.tmp" "$LIB"
}

# Solr home: solr.xml, configsets/ckan/conf (regenerated every start, cheap),
# and one core.properties per core (their data/ dirs are left alone).
make_home() {
  local ckan_dir conf c
  [[ -x "$PY" ]] || { log "no python at $PY (set CKAN_PYTHON)"; exit 1; }
  ckan_dir="$("$PY" -c 'import ckan, os; print(os.path.dirname(ckan.__file__))')"
  mkdir -p "$SOLR_HOME/configsets/ckan"
  conf="$SOLR_HOME/configsets/ckan/conf"
  rm -rf "$conf.tmp" && mkdir -p "$conf.tmp"
  cp "$SRC"/conf/* "$conf.tmp/"
  "$PY" "$SRC/make_schema.py" "$ckan_dir/config/solr/schema.xml" "$conf.tmp/schema.xml" >&2
  rm -rf "$conf" && mv "$conf.tmp" "$conf"
  cp "$SRC/solr.xml" "$SOLR_HOME/solr.xml"
  for c in "${CORES[@]}"; do
    mkdir -p "$SOLR_HOME/$c"
    printf 'name=%s\nconfigSet=ckan\ndataDir=data\n' "$c" >"$SOLR_HOME/$c/core.properties"
  done
}

# -Xms256m, or SOLR_HEAP itself when that is smaller (Xms > Xmx is an error).
initial_heap() {
  local n="${SOLR_HEAP%[mMgGkK]}" u="${SOLR_HEAP: -1}" mb
  case "$u" in g|G) mb=$((n * 1024)) ;; m|M) mb=$n ;; k|K) mb=$((n / 1024)) ;; *) mb=$((n / 1048576)) ;; esac
  if ((mb < 256)); then echo "$SOLR_HEAP"; else echo 256m; fi
}

cmd_start() {
  local pid deadline pid_deadline
  mkdir -p "$SOLR_STATE"
  # Serialise concurrent starts (fd 9 is closed for the JVM below).
  exec 9>"$SOLR_STATE/.start.lock"
  flock -w $((SOLR_START_TIMEOUT + 120)) 9 || { log "another start holds the lock"; exit 1; }
  if all_ping; then
    log "already running at $BASE (cores: ${CORES[*]})"
    return 0
  fi
  if our_pid >/dev/null && ping_core "${CORES[0]}"; then
    # Running, but started with fewer cores than this script now lists: restart to load them.
    log "Solr runs without all of its cores (${CORES[*]}); restarting it"
    cmd_stop
  fi
  if pid="$(our_pid)"; then
    log "pid $pid is starting up; waiting for it"
  else
    if ss -Hltn "sport = :$SOLR_PORT" 2>/dev/null | grep -q .; then
      log "port $SOLR_PORT is taken by something that is not this Solr:"
      ss -Hltnp "sport = :$SOLR_PORT" >&2 || true
      exit 1
    fi
    ensure_jars
    make_home
    [[ -f "$LOG" ]] && mv -f "$LOG" "$LOG.1"
    rm -f "$PIDFILE"
    # setsid: own session, so a Ctrl-C in the calling shell does not reach it.
    # Launcher.java writes its own pid into $PIDFILE.
    # shellcheck disable=SC2086
    setsid nohup "$JAVA" -Xms"$(initial_heap)" -Xmx"$SOLR_HEAP" -XX:+ExitOnOutOfMemoryError \
      -Dsolr.log.level="${SOLR_LOG_LEVEL:-WARN}" \
      -Dlog4j2.configurationFile="$SRC/log4j2.xml" \
      -Djava.util.logging.config.file="$SRC/jul.properties" \
      -Dsolr.log.dir="$SOLR_STATE" -Dsolr.install.dir="$SOLR_STATE" \
      -Dsolr.solr.home="$SOLR_HOME" \
      ${SOLR_JAVA_OPTS:-} \
      -cp "$LIB/*" "$SRC/Launcher.java" "$SOLR_HOME" "$SOLR_PORT" "$PIDFILE" \
      >"$LOG" 2>&1 </dev/null 9>&- &
    log "starting Solr on $BASE (log: $LOG)"
  fi
  deadline=$((SECONDS + SOLR_START_TIMEOUT))
  pid_deadline=$((SECONDS + 30))  # Launcher.java writes the pid once compiled
  while ((SECONDS < deadline)); do
    if all_ping; then
      log "ready: ${CORES[*]} at $BASE (pid $(our_pid || echo '?'))"
      return 0
    fi
    # launcher died (bad config, port taken, ...): no point in waiting
    if [[ -f "$PIDFILE" ]]; then
      our_pid >/dev/null || break
    elif ((SECONDS > pid_deadline)); then
      break
    fi
    sleep 1
  done
  log "Solr did not come up within ${SOLR_START_TIMEOUT}s; last log lines:"
  tail -n 40 "$LOG" >&2 || true
  exit 1
}

cmd_stop() {
  local pid i
  if ! pid="$(our_pid)"; then
    rm -f "$PIDFILE"
    if all_ping; then
      log "a Solr not started by this script answers on $BASE; not touching it"
      exit 1
    fi
    log "not running"
    return 0
  fi
  kill -TERM "$pid"
  for i in $(seq 1 60); do  # Jetty's shutdown hook closes the cores (commits)
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid still alive after 30s; killing"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
  log "stopped (pid $pid)"
}

cmd_status() {
  local pid=""
  pid="$(our_pid)" || true
  if all_ping; then
    echo "running at $BASE (pid ${pid:-unknown}; cores: ${CORES[*]})"
    return 0
  fi
  if [[ -n "$pid" ]]; then
    echo "pid $pid alive but cores not answering at $BASE (starting? see $LOG)"
  else
    echo "not running"
  fi
  return 1
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
