#!/usr/bin/env bash
# Makes sure `redis-server`, `redis-sentinel` and `redis-cli` are installed (Debian's `redis-server`,
# `redis-sentinel` and `redis-tools` packages): the quota-store tests and the pipelines benchmark
# start their own standalone, TLS, Cluster and Sentinel topologies on 127.0.0.1. Installs what is
# missing with apt-get (needs root); exits non-zero with the reason when it cannot.
set -euo pipefail
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
command -v redis-sentinel >/dev/null 2>&1 || missing+=(redis-sentinel)
if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-redis-server: ${missing[*]} not installed and apt-get is not available; install Redis >= 6 with TLS support (redis-server, redis-cli, redis-sentinel on PATH)" >&2
    exit 1
fi
if [ "$(id -u)" != "0" ]; then
    echo "ensure-redis-server: ${missing[*]} not installed; run as root, or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
echo "ensure-redis-server: installing ${missing[*]} with apt-get (the quota-store tests need them)..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update >&2
apt-get install -y --no-install-recommends "${missing[@]}" >&2
for command in redis-server redis-cli redis-sentinel; do
    command -v "$command" >/dev/null 2>&1 || { echo "ensure-redis-server: apt-get ran but $command is still not on PATH" >&2; exit 1; }
done
