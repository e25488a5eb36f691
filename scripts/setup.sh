#!/usr/bin/env bash
# Everything the tests need beyond the .NET SDK (idempotent). The test tokenizers ship in
# tests/Runtime.Tests/TestData/Workloads/tokenizers; headless Chromium (the HTML report test) comes from Debian.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
