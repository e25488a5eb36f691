#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK: headless Chromium (the HTML report test) from Debian's
# packages, and the test tokenizers when ../shared is not beside the checkout. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: chromium is missing and this user cannot apt-get install it" >&2
  fi
fi

if [ -x scripts/fetch-tokenizers.sh ]; then
  scripts/fetch-tokenizers.sh
fi
