#!/usr/bin/env bash
# Install Debian's chromium and chromium-driver for the browser tests (tests/explorer, marked
# `browser`) and .ci/screenshots.py, when they are missing and installing is possible (root and
# apt-get). Never fails: without apt-get or root it says why and the browser tests skip.
set -u
if [ -x /usr/bin/chromium ]; then
    echo "install_browser: chromium is present (/usr/bin/chromium)"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_browser: no apt-get on this machine; browser tests will be skipped"
    exit 0
fi
if [ "$(id -u)" != "0" ]; then
    echo "install_browser: not root, cannot apt-get install chromium; browser tests will be skipped"
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1; }; then
    echo "install_browser: installed chromium"
else
    echo "install_browser: apt-get could not install chromium; browser tests will be skipped"
fi
exit 0
