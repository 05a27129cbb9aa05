#!/usr/bin/env bash
# Installs what the end-to-end tests need, idempotently (a second run changes nothing and takes a second):
#   - Debian packages: chromium (the browser playwright-core drives), neovim (a real LSP client), libkrb5-dev
#     (code-server's `kerberos` module compiles from source: its prebuilt binary is on GitHub, unreachable here);
#   - code-server (VS Code 1.100.3's server and web workbench) at a pinned version in .e2e/code-server.
# Usage: bash scripts/e2e-setup.sh        (run by `npm run test:e2e`; needs root or passwordless sudo for apt)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# 4.100.3 is the newest code-server whose engines accept Node 20 (4.103+ need Node 22); its VS Code 1.100.3
# satisfies vscode-languageclient 11 (^1.91) and still honours the extension-test URL payload.
CODE_SERVER_VERSION="4.100.3"
# code-server 4.100.3 depends on @vscode/ripgrep 1.15.11, whose postinstall downloads rg from api.github.com.
RIPGREP_CACHE="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
RIPGREP_PACKAGE="@vscode/ripgrep-linux-x64@1.18.0"
APT_PACKAGES=(chromium neovim libkrb5-dev)

log() { printf 'e2e-setup: %s\n' "$*"; }

# code-server writes ~/.config/code-server/config.yaml on its first run, even for --version; keep it in .e2e.
code_server_version() {
  XDG_CONFIG_HOME="$root/.e2e/xdg/config" XDG_DATA_HOME="$root/.e2e/xdg/data" "$1" --version 2>/dev/null | grep -E "^[0-9]" | head -1
}

install_debian_packages() {
  local missing=() package
  for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    log "Debian packages present: ${APT_PACKAGES[*]}"
    return
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! sudo -n true 2>/dev/null; then
      log "missing Debian packages: ${missing[*]}; run as root or: sudo apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
    sudo=(sudo -n)
  fi
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # The package lists of a fresh image may be stale or empty; refresh them once, then install.
  timeout 300 "${sudo[@]}" apt-get update -qq
  timeout 600 "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

seed_ripgrep_cache() {
  [ -s "$RIPGREP_CACHE" ] && return
  local work
  work="$(mktemp -d)"
  # The static rg of @vscode/ripgrep-linux-x64 (a registry package) stands in for the GitHub download.
  (cd "$work" && timeout 120 npm pack --silent "$RIPGREP_PACKAGE" >/dev/null && tar -xzf ./*.tgz package/bin/rg)
  mkdir -p "$(dirname "$RIPGREP_CACHE")"
  tar -czf "$RIPGREP_CACHE" -C "$work/package/bin" rg
  rm -rf "$work"
}

install_code_server() {
  local dir="$root/.e2e/code-server"
  local bin="$dir/node_modules/.bin/code-server"
  if [ -x "$bin" ] && [ "$(code_server_version "$bin" | cut -d' ' -f1)" = "$CODE_SERVER_VERSION" ]; then
    log "code-server $CODE_SERVER_VERSION present"
    return
  fi
  log "installing code-server $CODE_SERVER_VERSION into .e2e/code-server (about a minute: native modules compile)"
  seed_ripgrep_cache
  rm -rf "$dir"
  mkdir -p "$dir"
  printf '{ "name": "poolguard-e2e-code-server", "private": true }\n' >"$dir/package.json"
  # unsafe_perm: as root, code-server's postinstall otherwise refuses to run. yes: node-pty's install runs
  # `npx node-gyp`, which the global `yes = false` would abort. The scratch package keeps it out of the workspaces.
  (cd "$dir" && npm_config_unsafe_perm=true npm_config_yes=true timeout 900 \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
  log "installed: $(code_server_version "$bin")"
}

install_debian_packages
install_code_server
log "ready"
