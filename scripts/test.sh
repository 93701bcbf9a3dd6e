#!/usr/bin/env bash
# The whole test suite: compile, build the two packages, lint (solhint, biome, tsc, then the
# packages' import checks, publint and attw, which read the build), then Hardhat's Solidity and
# mocha tests. Ends with one "N passed, N failed" line counted over both runners.
set -uo pipefail
cd "$(dirname "$0")/.."
npx hardhat build --quiet || exit 1
npm run --silent build || exit 1
npm run --silent lint || exit 1
log=$(mktemp)
npx hardhat test "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# Each runner prints its own indented "N passing"/"N failing", then Hardhat prints one total line
# per outcome ("3 failing (1 mocha, 2 solidity)"): only the total is counted, else a failure
# would count twice. A run that stopped before the totals falls back to summing the runners' lines.
plain=$(sed 's/\x1b\[[0-9;]*m//g' "$log")
total() { grep -E "^[0-9]+ $1 \(" <<<"$plain" | tail -1 | grep -oE '^[0-9]+'; }
runners() { grep -E "^\s+[0-9]+ $1\b" <<<"$plain" | awk '{s+=$1} END {print s+0}'; }
passed=$(total passing)
failed=$(total failing)
if [ -z "$passed$failed" ]; then
  passed=$(runners passing)
  failed=$(runners failing)
fi
rm -f "$log"
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
exit "$status"
