#!/usr/bin/env bash
# Installs what the end-to-end editor tests need, from Debian packages and the npm registry only
# (VS Code and GitHub downloads are unreachable here), into a modules folder that is NOT part of the
# extension's package.json: code-server (a real VS Code 1.100.3 workbench + extension host) and
# playwright-core (drives Debian's Chromium). See docs in test/e2e/README.md.
#
# Usage: bash scripts/e2e/install.sh            (installs into .e2e/modules; E2E_MODULES overrides)
# Idempotent: when everything is already there at the pinned versions it returns in well under a second.
# Concurrent runs (several engineers' `npm test` in one tree) are serialised with flock.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DEST=${E2E_MODULES:-$ROOT/.e2e/modules}
# 4.100.3 = VS Code 1.100.3: the newest code-server whose engines.node is "20" (4.103+ want Node 22).
CS_VERSION=4.100.3
# Tested with Debian bookworm's chromium 156.
PW_VERSION=1.65.1
# @vscode/ripgrep version pinned by code-server 4.100.3's shrinkwrap, and the asset its postinstall wants.
RG_PKG_VERSION=1.15.11
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
STAMP="$DEST/.installed"
WANT="code-server@$CS_VERSION playwright-core@$PW_VERSION node-$(node -p 'process.versions.modules')"

log() { echo "[e2e-install] $*" >&2; }

have_debs() { command -v chromium >/dev/null && command -v rg >/dev/null && [ -e /usr/include/gssapi/gssapi.h ]; }
have_modules() {
  [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] \
    && [ -f "$DEST/node_modules/code-server/out/node/entry.js" ] \
    && [ -f "$DEST/node_modules/playwright-core/package.json" ]
}

# Fast path, without taking the lock.
if have_debs && have_modules; then
  exit 0
fi

mkdir -p "$DEST"
exec 9>"$DEST/../install.lock"
if ! flock -w 900 9; then log "another install held the lock for 15 min"; exit 1; fi
# Someone else may have finished while we waited.
if have_debs && have_modules; then exit 0; fi

t0=$(date +%s)
# 1. Debian packages: chromium (the browser), libkrb5-dev (gssapi headers for code-server's kerberos
#    native module), ripgrep (stands in for @vscode/ripgrep's GitHub download).
if ! have_debs; then
  log "apt-get install chromium libkrb5-dev ripgrep"
  # Other test setup (scripts/install-test-deps.sh) may hold the dpkg lock at the same time: wait for it.
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends \
    chromium libkrb5-dev ripgrep >/dev/null
  have_debs || { log "Debian packages missing after apt-get install"; exit 1; }
fi
t1=$(date +%s)

# 2. @vscode/ripgrep's postinstall looks in $TMPDIR/vscode-ripgrep-cache-<version>/<asset> before it tries
#    api.github.com. Seed it with Debian's rg (the same ripgrep 13.0.0).
RG_CACHE="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RG_PKG_VERSION"
if [ ! -s "$RG_CACHE/$RG_ASSET" ]; then
  tmp=$(mktemp -d)
  cp "$(command -v rg)" "$tmp/rg"
  mkdir -p "$RG_CACHE"
  tar czf "$RG_CACHE/$RG_ASSET.part" -C "$tmp" rg
  mv "$RG_CACHE/$RG_ASSET.part" "$RG_CACHE/$RG_ASSET"
  rm -rf "$tmp"
fi

# 3. npm packages, in their own folder (not the extension's dependencies).
#    npm_config_unsafe_perm: code-server's postinstall refuses root without it (npm 11 warns "Unknown env config";
#    the script reads the variable itself). npm_config_yes: node-pty's postinstall runs `npx node-gyp`.
if ! have_modules; then
  log "npm install code-server@$CS_VERSION playwright-core@$PW_VERSION into $DEST"
  rm -f "$STAMP"
  [ -f "$DEST/package.json" ] || echo '{ "name": "etcd-capacity-e2e-modules", "private": true }' > "$DEST/package.json"
  (cd "$DEST" && npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund --save-exact \
      --loglevel=error "code-server@$CS_VERSION" "playwright-core@$PW_VERSION" >&2)
  version=$(node "$DEST/node_modules/code-server/out/node/entry.js" --version --config /dev/null | head -1)
  case "$version" in
    "$CS_VERSION "*) ;;
    *) log "code-server --version said '$version', wanted $CS_VERSION"; exit 1 ;;
  esac
  echo "$WANT" > "$STAMP"
fi
t2=$(date +%s)
log "installed in $((t2 - t0)) s (apt $((t1 - t0)) s, npm $((t2 - t1)) s)"
