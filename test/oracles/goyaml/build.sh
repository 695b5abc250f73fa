#!/usr/bin/env bash
# Builds the go-yaml v2 oracle offline from Debian's Go packages (golang-go,
# golang-gopkg-yaml.v2-dev, golang-k8s-sigs-yaml-dev; scripts/install-test-deps.sh installs them)
# into test/oracles/goyaml/bin/ (git-ignored). Prints the binary's path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
command -v go >/dev/null 2>&1 || { echo "go not found: run scripts/install-test-deps.sh" >&2; exit 1; }
gopath="${GOYAML_GOPATH:-/usr/share/gocode}"
for pkg in gopkg.in/yaml.v2 sigs.k8s.io/yaml; do
  [ -d "$gopath/src/$pkg" ] || { echo "$gopath/src/$pkg missing: run scripts/install-test-deps.sh" >&2; exit 1; }
done
mkdir -p "$here/bin"
cache="${GOCACHE:-$here/bin/.cache}"
out="$here/bin/goyaml-oracle"
if [ ! -x "$out" ] || [ "$here/main.go" -nt "$out" ]; then
  (cd "$here" && GO111MODULE=off GOPATH="$gopath" GOCACHE="$cache" GOFLAGS= GOPROXY=off go build -o "$out" main.go)
fi
echo "$out"
