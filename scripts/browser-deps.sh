#!/usr/bin/env bash
# Installs Debian's Chromium for the dashboard's browser test when it is missing and we may install it.
# Never fatal: without Chromium the browser test skips with a reason.
set -u
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "browser-deps: could not install chromium; browser tests will skip" >&2
fi
exit 0
