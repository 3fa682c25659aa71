#!/usr/bin/env bash
# Installs everything Steward needs on Debian 12 (or Ubuntu), idempotently:
# the Debian packages for Wails (GTK 3, WebKit2GTK) and for the headless tests,
# the Go modules, the pinned Wails CLI (into .tools/bin) and the npm packages.
# Usage: scripts/setup.sh [--with-test-tools]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

WITH_TEST_TOOLS=0
[[ "${1:-}" == "--with-test-tools" ]] && WITH_TEST_TOOLS=1

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

APP_PKGS=(build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.0-dev)
TEST_PKGS=(xvfb xauth xdotool imagemagick x11-utils dbus dbus-x11 gnome-keyring libsecret-tools chromium)

install_debian_packages() {
  local want=("${APP_PKGS[@]}")
  # A person running the demo on a desktop needs a display server, not Xvfb;
  # the demo script adds xvfb itself when there is no display.
  if (( WITH_TEST_TOOLS )) || [[ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
    want+=("${TEST_PKGS[@]}")
  fi
  local missing=()
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then
    log "Debian packages: all present"
    return
  fi
  if ! command -v apt-get >/dev/null; then
    echo "Missing packages ${missing[*]} and no apt-get: install their equivalents (see README)." >&2
    exit 1
  fi
  local sudo=()
  (( EUID != 0 )) && sudo=(sudo)
  log "installing Debian packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

check_toolchains() {
  command -v go >/dev/null || { echo "Go is missing: install Go 1.26 (https://go.dev/dl) and re-run." >&2; exit 1; }
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    log "installing Node.js and npm from Debian"
    local sudo=(); (( EUID != 0 )) && sudo=(sudo)
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq nodejs npm >/dev/null
  fi
  local major; major="$(node -p 'process.versions.node.split(".")[0]')"
  (( major >= 18 )) || { echo "Node.js $major is too old: Steward's frontend needs Node.js 18 or newer (20 recommended)." >&2; exit 1; }
}

install_wails_cli() {
  local bin="$ROOT/.tools/bin/wails"
  if [[ -x "$bin" ]] && "$bin" version 2>/dev/null | grep -q '^v2.9.2'; then
    log "Wails CLI v2.9.2: present"
    return
  fi
  log "building the pinned Wails CLI v2.9.2 (scripts/wails-cli)"
  mkdir -p "$ROOT/.tools/bin"
  (cd "$ROOT/scripts/wails-cli" && go build -o "$bin" github.com/wailsapp/wails/v2/cmd/wails)
}

install_go_modules() {
  log "Go modules"
  go mod download
}

install_npm_packages() {
  local stamp="$ROOT/frontend/node_modules/.steward-lock"
  if [[ -f "$stamp" ]] && cmp -s "$stamp" "$ROOT/frontend/package-lock.json"; then
    log "npm packages: up to date"
    return
  fi
  log "npm packages (npm ci)"
  (cd "$ROOT/frontend" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$ROOT/frontend/package-lock.json" "$stamp"
}

install_debian_packages
check_toolchains
install_go_modules
install_wails_cli
install_npm_packages
log "done"
