#!/usr/bin/env bash
# Runs every test: unit, protocol, CLI, packaging, and the real-etcd subset (installs etcd from Debian if missing).
# Prints a closing "N passed, N failed" line and exits non-zero if anything failed or nothing ran.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh
mkdir -p test-output
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-output/vitest.json || status=$?
node scripts/summarize-tests.mjs test-output/vitest.json || status=1
exit $status
