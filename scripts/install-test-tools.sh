#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages, from Debian: Chromium for the browser tests
# (Playwright's own browser download cannot work on these machines; playwright-core drives Debian's)
# and sqlmap, which the hostile-input tests point at the API.
set -euo pipefail

missing=()
if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
if [ ! -x /usr/bin/sqlmap ]; then missing+=(sqlmap); fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing ${missing[*]} from Debian for the tests (about 30 seconds)..."
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" > /dev/null
echo "Installed: ${missing[*]}"
