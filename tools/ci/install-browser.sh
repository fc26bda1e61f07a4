#!/usr/bin/env bash
# Installs Debian's chromium for the report's browser tests (Microsoft.Playwright drives it through
# ExecutablePath=/usr/bin/chromium; no `playwright install`). Does nothing when chromium is already there.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
command -v chromium >/dev/null
