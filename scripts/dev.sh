#!/usr/bin/env bash
# One entry point for a fresh clone: make sure Node.js 22+ is first on PATH (installing the
# `node` package from the npm registry into .tools/ when the machine's Node is older), install
# the locked dependencies with that Node, then run `npm run <script> [args...]`.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_MAJOR_REQUIRED=22
prefix="$PWD/.tools/node"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt "$NODE_MAJOR_REQUIRED" ]; then
  if [ ! -x "$prefix/node_modules/.bin/node" ]; then
    echo "credanchor: Node $(node --version 2>/dev/null || echo none) is older than $NODE_MAJOR_REQUIRED; installing node@$NODE_MAJOR_REQUIRED into .tools/node" >&2
    npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "node@$NODE_MAJOR_REQUIRED" >&2
  fi
  export PATH="$prefix/node_modules/.bin:$PATH"
fi
echo "credanchor: using Node $(node --version)" >&2

# npm must itself run under Node 22+, or it silently skips Hardhat's native EDR package.
stamp=node_modules/.credanchor-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  locked=$(mktemp)
  cp package-lock.json "$locked"
  # npm 11 leaves other platforms' optional packages (biome's and EDR's native builds) out of
  # the lock it writes, and then `npm ci` refuses that same lock (npm/cli#8805). When it does,
  # `npm install` installs the locked versions all the same; the lock is put back untouched.
  if ! npm ci --no-audit --no-fund --loglevel=error >&2; then
    echo "credanchor: npm ci refused the lock (npm/cli#8805); installing the locked versions with npm install" >&2
    npm install --no-audit --no-fund --loglevel=error >&2
    cp "$locked" package-lock.json
  fi
  rm -f "$locked"
  cp package-lock.json "$stamp"
fi

exec npm run --silent "$@"
