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
# Solidity tests print "N passing"/"N failing" per runner, mocha too; Hardhat adds a total line.
passed=$(grep -E '^[0-9]+ passing \(' "$log" | tail -1 | grep -oE '^[0-9]+')
failed=$(grep -E '^\s*[0-9]+ failing' "$log" | awk '{s+=$1} END {print s+0}')
rm -f "$log"
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
exit "$status"
