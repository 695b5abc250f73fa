#!/usr/bin/env bash
# Installs what the tests need beyond npm packages, from Debian: etcd (for the real-etcd validation),
# fio (the disk check whose JSON the capture parser reads), strace (fsync delay injection), iproute2 (network
# namespaces), Go with gopkg.in/yaml.v2 and sigs.k8s.io/yaml (the go-yaml oracle, test/oracles/goyaml) and Chromium
# (the report's browser test, test/report). Idempotent; needs root or sudo.
set -euo pipefail
need=()
command -v etcd >/dev/null 2>&1 || need+=(etcd-server)
command -v etcdctl >/dev/null 2>&1 || need+=(etcd-client)
command -v strace >/dev/null 2>&1 || need+=(strace)
command -v fio >/dev/null 2>&1 || need+=(fio)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v go >/dev/null 2>&1 || need+=(golang-go)
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || need+=(chromium)
[ -d /usr/share/gocode/src/gopkg.in/yaml.v2 ] || need+=(golang-gopkg-yaml.v2-dev)
[ -d /usr/share/gocode/src/sigs.k8s.io/yaml ] || need+=(golang-k8s-sigs-yaml-dev)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1 || ! sudo -n true 2>/dev/null; then
      echo "install-test-deps: need root or passwordless sudo to install: ${need[*]}" >&2
      exit 1
    fi
    SUDO="sudo"
  fi
  echo "installing from Debian: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  # Debian starts the packaged etcd service; tests run their own members, so stop it if it started.
  if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl stop etcd >/dev/null 2>&1 || true; fi
  pkill -x etcd >/dev/null 2>&1 || true
fi
