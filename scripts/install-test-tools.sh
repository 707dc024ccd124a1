#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages: Debian's Chromium for the browser tests.
# (Playwright's own browser download cannot work on these machines; playwright-core drives Debian's.)
set -euo pipefail

if [ -n "${CHROMIUM_PATH:-}" ] || [ -x /usr/bin/chromium ]; then
  exit 0
fi

echo "Installing Debian's chromium for the browser tests (about 20 seconds)..."
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium > /dev/null
echo "Chromium installed: $(/usr/bin/chromium --version)"
