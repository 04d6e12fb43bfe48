#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the browser tests (tests/test_web_browser.py),
# which drive it headless through Playwright; installs the chromium package with apt if missing.
set -euo pipefail
command -v chromium >/dev/null && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "Chromium is not installed: installing Debian's chromium" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
chromium --version >&2
