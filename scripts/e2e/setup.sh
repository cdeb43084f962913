#!/usr/bin/env bash
# Installs what the end-to-end test needs, offline-friendly and idempotent (see toolchain.md §7):
# Debian's Chromium and build headers, then code-server 4.100.3 (the newest on Node 20) into .e2e/.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
E2E="$ROOT/.e2e"
CS_VERSION=4.100.3
mkdir -p "$E2E"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
for pkg in libkrb5-dev libxkbfile-dev libsecret-1-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "e2e setup: apt-get install ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi

if [ ! -x "$E2E/cs/node_modules/.bin/code-server" ]; then
  echo "e2e setup: installing code-server $CS_VERSION into $E2E/cs"
  mkdir -p "$E2E/cs/tmp/vscode-ripgrep-cache-1.15.11" "$E2E/cs/rgpkg"
  cp "$(command -v rg)" "$E2E/cs/rgpkg/rg"
  # @vscode/ripgrep downloads from GitHub in postinstall; give it Debian's rg instead.
  tar czf "$E2E/cs/tmp/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$E2E/cs/rgpkg" rg
  cd "$E2E/cs"
  [ -f package.json ] || npm init -y >/dev/null
  TMPDIR="$E2E/cs/tmp" npm_config_yes=true npm_config_unsafe_perm=true npm_config_dangerously_allow_all_scripts=true \
    npm install --no-audit --no-fund "code-server@$CS_VERSION" --foreground-scripts >"$E2E/cs-install.log" 2>&1 \
    || { tail -40 "$E2E/cs-install.log"; exit 1; }
fi
echo "e2e setup: ready ($(XDG_CONFIG_HOME="$E2E/xdg" XDG_DATA_HOME="$E2E/xdgdata" "$E2E/cs/node_modules/.bin/code-server" --version | tail -1))"
