#!/usr/bin/env bash
# Install what the stack needs, once: Debian/Ubuntu packages, then the Python virtualenv with the
# exact versions of constraints.txt. A second run checks and returns in seconds.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

APT_PACKAGES=(postgresql redis-server redis-tools openjdk-17-jdk-headless maven curl
              libpq-dev build-essential libmagic1 python3.11 python3.11-venv python3.11-dev)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# A machine that already has Python 3.11 and Java 17 elsewhere (pyenv, SDKMAN) needs no Debian copy.
PYTHON=${PYTHON:-$(command -v python3.11 || true)}
filtered=()
for pkg in "${missing[@]}"; do
  case "$pkg" in
    python3.11*) [ -n "$PYTHON" ] && "$PYTHON" -c 'import venv, sysconfig' 2>/dev/null && continue ;;
    openjdk-17-jdk-headless) command -v java >/dev/null && java -version 2>&1 | grep -q '"17' && continue ;;
    maven) command -v mvn >/dev/null && continue ;;
  esac
  filtered+=("$pkg")
done
if [ ${#filtered[@]} -gt 0 ]; then
  log "installing Debian packages: ${filtered[*]}"
  SUDO=(); [ "$(id -u)" = 0 ] || SUDO=(sudo)
  "${SUDO[@]}" apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${filtered[@]}" >/dev/null
fi
PYTHON=${PYTHON:-$(command -v python3.11)}

# The virtualenv, reinstalled only when setup.py or constraints.txt change.
stamp=$VENV/.enti-installed
want=$(cat "$REPO/setup.py" "$REPO/constraints.txt" | md5sum | cut -d' ' -f1)
if [ ! -x "$VENV/bin/python" ]; then
  log "creating virtualenv $VENV"
  "$PYTHON" -m venv "$VENV"
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  log "installing Python packages (constraints.txt)"
  "$VENV/bin/pip" install -q --upgrade pip setuptools wheel -c "$REPO/constraints.txt"
  "$VENV/bin/pip" install -q -c "$REPO/constraints.txt" -e "$REPO[dev,server]"
  echo "$want" > "$stamp"
fi
log "bootstrap done ($VENV)"
