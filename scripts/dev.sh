#!/usr/bin/env bash
# One entry point for a fresh clone: make sure Node.js 22.19+ is first on PATH (installing the
# `node` package from the npm registry into .tools/ when the machine's Node is older), install
# the locked dependencies with that Node, then run `npm run <script> [args...]`.
# 22.18 is the first Node 22 that runs .ts files without a flag (type stripping on by default);
# 22.19 is what undici 8 asks (zstd in zlib), which Helia's libp2p loads for the embedded IPFS node.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_REQUIRED=22.19
prefix="$PWD/.tools/node"

# True when the node at $1 is 22.19 or newer.
node_ok() {
  "$1" -e 'const [a, b] = process.versions.node.split(".").map(Number);
    process.exit(a > 22 || (a === 22 && b >= 19) ? 0 : 1)' 2>/dev/null
}

if ! node_ok node; then
  if ! node_ok "$prefix/node_modules/.bin/node"; then
    echo "credanchor: Node $(node --version 2>/dev/null || echo none) is older than $NODE_REQUIRED; installing node@22 into .tools/node" >&2
    npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "node@22" >&2
  fi
  export PATH="$prefix/node_modules/.bin:$PATH"
fi
echo "credanchor: using Node $(node --version)" >&2

# npm must itself run under Node 22+, or it silently skips Hardhat's native EDR package.
stamp=node_modules/.credanchor-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  # The lock records every platform's optional packages (biome's and EDR's native builds), so
  # `npm ci` accepts it anywhere. When npm leaves them out again (npm/cli#4828, #8805: an
  # `npm install` over an existing node_modules), rebuild the lock with no node_modules:
  # `npm install --package-lock-only` in a fresh clone.
  npm ci --no-audit --no-fund --loglevel=error >&2
  cp package-lock.json "$stamp"
fi

exec npm run --silent "$@"
