#!/usr/bin/env bash
# Runs every test: unit, protocol, CLI, packaging, then the real editor, then the real-etcd subset.
# The last two run alone, one after the other: the etcd latency measurement must not share the two cores
# with Chromium and code-server. Installs what they need (Debian packages, code-server) by itself.
# Prints a closing "N passed, N failed" line and exits non-zero if anything failed or nothing ran.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh || exit 1
rm -rf test-output/vitest && mkdir -p test-output/vitest
status=0
run() {
  local name=$1
  shift
  npx vitest run --reporter=default --reporter=json --outputFile.json="test-output/vitest/$name.json" "$@" || status=1
}
run core --exclude 'test/e2e/**' --exclude 'test/etcd/**'
run editor test/e2e
# One file at a time: the verdict test starts etcd processes that must not share the CPUs with the latency lab.
run etcd test/etcd --no-file-parallelism
node scripts/summarize-tests.mjs test-output/vitest/core.json test-output/vitest/editor.json test-output/vitest/etcd.json || status=1
exit $status
