#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages, from Debian: Chromium for the browser tests
# (Playwright's own browser download cannot work on these machines; playwright-core drives Debian's)
# sqlmap, which the hostile-input tests point at the API, and nginx, the TLS proxy of the topology test
# (npm run topology), which runs it unprivileged from a temporary folder.
set -euo pipefail

missing=()
if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
if [ ! -x /usr/bin/sqlmap ]; then missing+=(sqlmap); fi
if [ ! -x /usr/sbin/nginx ]; then missing+=(nginx); fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing ${missing[*]} from Debian for the tests (about 30 seconds)..."
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
# Installing nginx would start it as a service on port 80; the topology test starts its own, so Debian's
# start is refused while installing (policy-rc.d exit 101) and nothing is left listening.
policy=/usr/sbin/policy-rc.d
had_policy=false
if [ -e "$policy" ]; then had_policy=true; fi
if ! $had_policy; then printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" > /dev/null && $sudo chmod 755 "$policy"; fi
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" > /dev/null
if ! $had_policy; then $sudo rm -f "$policy"; fi
echo "Installed: ${missing[*]}"
