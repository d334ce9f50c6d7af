#!/usr/bin/env bash
# The whole local stack. Every step is idempotent: a second run starts only what is not running.
#   deploy/stack.sh services   PostgreSQL, Redis, Solr (the backing services)
#   deploy/stack.sh demo       services + site database + demo content + web server and worker
#   deploy/stack.sh test-prep  services + test config and database
#   deploy/stack.sh down       stop everything this stack started
#   deploy/stack.sh token      print a fresh API token for the admin
set -euo pipefail
source "$(dirname "$0")/lib.sh"
D=$REPO/deploy

services() {
  "$D/postgres.sh" start
  "$D/redis.sh" start
  "$D/solr.sh" start
}

demo() {
  local started=$SECONDS
  services
  "$D/ckan.sh" configure site
  "$D/ckan.sh" migrate site
  "$VENV/bin/ckan" -c "$CKAN_INI" enti load-demo --admin-password-file "$STATE/admin-password" \
    2> >(grep -vE ' (INFO|DEBUG) ' >&2)
  "$D/ckan.sh" start
  cat <<MSG

  ENTI catalogue: $CKAN_SITE_URL
  admin user:     admin
  admin password: $(cat "$STATE/admin-password")
  API token:      make token
  stop:           make down
  (ready in $((SECONDS - started)) s)
MSG
}

case "${1:-}" in
  services) services ;;
  demo) demo ;;
  test-prep) services; "$D/ckan.sh" configure test; "$D/ckan.sh" migrate test ;;
  down) "$D/ckan.sh" stop; "$D/solr.sh" stop; "$D/redis.sh" stop; "$D/postgres.sh" stop ;;
  token) "$VENV/bin/ckan" -c "$CKAN_INI" user token add admin "cli-$(date +%s)" 2>/dev/null | tail -n 1 | tr -d '\t ' ;;
  *) die "usage: $0 services|demo|test-prep|down|token" ;;
esac
