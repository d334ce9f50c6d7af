#!/usr/bin/env bash
# Redis from Debian's redis-server, as a local process on 127.0.0.1:$REDIS_PORT.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DIR=$STATE/redis
PIDFILE=$DIR/redis.pid

ping() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping | grep -q PONG; }

case "${1:-}" in
  start)
    if ping 2>/dev/null; then log "Redis already running on $REDIS_PORT"; exit 0; fi
    mkdir -p "$DIR"
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DIR" --daemonize yes \
      --pidfile "$PIDFILE" --logfile "$DIR/redis.log" --save "" --appendonly no >/dev/null
    wait_for 20 ping || die "Redis did not start; see $DIR/redis.log"
    log "Redis running on 127.0.0.1:$REDIS_PORT"
    ;;
  stop)
    stop_pidfile "$PIDFILE" Redis
    # A Redis of ours whose pid file was lost still answers on our port: ask it to shut down.
    if ping 2>/dev/null; then
      redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
      log "Redis stopped"
    fi
    ;;
  status) ping ;;
  *) die "usage: $0 start|stop|status" ;;
esac
