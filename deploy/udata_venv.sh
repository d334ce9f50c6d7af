#!/usr/bin/env bash
# The separate virtualenv of tests/udata_check (udata 17.18.0, the harvester of dados.gov.pt), used
# by tests/integration/test_udata_harvest.py. Reinstalled only when its requirements.txt changes:
# a second run checks one hash and returns at once.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

UDATA_VENV=${UDATA_VENV:-$STATE/udata-venv}
requirements=$REPO/tests/udata_check/requirements.txt
stamp=$UDATA_VENV/.enti-installed
want=$(sha256sum "$requirements" | cut -d' ' -f1)

[ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && [ -x "$UDATA_VENV/bin/python" ] && exit 0

PYTHON=${PYTHON:-$(command -v python3.11 || true)}
[ -n "$PYTHON" ] || die "python3.11 not found: run deploy/bootstrap.sh first (or set PYTHON)"
if [ ! -x "$UDATA_VENV/bin/python" ]; then
  log "creating virtualenv $UDATA_VENV (udata, for tests/udata_check)"
  mkdir -p "$(dirname "$UDATA_VENV")"
  "$PYTHON" -m venv "$UDATA_VENV"
fi
log "installing udata check packages (tests/udata_check/requirements.txt)"
rm -f "$stamp"
"$UDATA_VENV/bin/pip" install -q --disable-pip-version-check -r "$requirements"
echo "$want" > "$stamp"
log "udata venv done ($UDATA_VENV)"
