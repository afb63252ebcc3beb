#!/usr/bin/env bash
# Makes sure `redis-server` (Debian's `redis-server` package) is installed: the quota-store tests and
# the pipelines benchmark start their own on 127.0.0.1. Installs it with apt-get when missing (needs
# root); exits non-zero with the reason when it cannot.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-redis-server: redis-server is not installed and apt-get is not available; install Redis >= 6 (redis-server on PATH)" >&2
    exit 1
fi
if [ "$(id -u)" != "0" ]; then
    echo "ensure-redis-server: redis-server is not installed; run as root, or: sudo apt-get install -y redis-server" >&2
    exit 1
fi
echo "ensure-redis-server: installing redis-server with apt-get (the quota-store tests need it)..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update >&2
apt-get install -y --no-install-recommends redis-server >&2
command -v redis-server >/dev/null 2>&1 || { echo "ensure-redis-server: apt-get ran but redis-server is still not on PATH" >&2; exit 1; }
