#!/usr/bin/env bash
# Runs every test: unit, protocol, CLI, packaging, then the real editor, then the real-etcd subset.
# The last two run alone, one after the other: the etcd latency measurement must not share the two cores
# with Chromium and code-server. Installs what they need (Debian packages, code-server) by itself.
# Prints a closing "N passed, N failed" line and exits non-zero if anything failed or nothing ran.
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
# Without root (or sudo) the Debian packages cannot be installed: the suites that need no root still run, the
# ones that need a missing tool fail with its name, and the whole run reports failure.
if ! bash scripts/install-test-deps.sh; then
  echo "test.sh: could not install the Debian test tools; suites that need them will fail" >&2
  status=1
fi
rm -rf test-output/vitest && mkdir -p test-output/vitest
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
