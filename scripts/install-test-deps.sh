#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK: headless Chromium for the HTML report test, and Debian's Python
# with NumPy (/usr/bin/python3) for the test that reads a run folder's reference-format db_data independently;
# for scripts/measure-speed.sh: Node.js (tests/LoadServer), aiohttp (tests/PeerStandIn) and GNU time.
set -euo pipefail
missing=()
if ! command -v chromium >/dev/null 2>&1; then
  missing+=(chromium fonts-dejavu-core)
fi
if ! /usr/bin/python3 -c "import numpy, sqlite3" >/dev/null 2>&1; then
  missing+=(python3 python3-numpy)
fi
if ! command -v node >/dev/null 2>&1; then
  missing+=(nodejs)
fi
if ! /usr/bin/python3 -c "import aiohttp" >/dev/null 2>&1; then
  missing+=(python3-aiohttp)
fi
if [ ! -x /usr/bin/time ]; then
  missing+=(time)
fi
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
