#!/usr/bin/env bash
# End-to-end tests: runs `wails dev` (the pinned CLI) under Xvfb, so the real
# Go backend serves the UI with live bindings on a local port, and drives that
# page with playwright-core and Debian's chromium (frontend/e2e).
#   1. demo mode: the server list and the moderation queue (01, 02);
#   2. normal mode in a private D-Bus session with gnome-keyring: connecting a
#      simulator that runs as its own process, with a scripted system browser (03).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/lib.sh

DATA="$(mktemp -d)"
mkdir -p "$ROOT/build"
DEV_PID=""
SIM_PID=""
stop_dev() {
  if [[ -n "$DEV_PID" ]]; then
    # wails dev runs the app and vite as children: end the process group we started.
    kill -- "-$DEV_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$DEV_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 -- "-$DEV_PID" 2>/dev/null || true
    DEV_PID=""
  fi
}
cleanup() {
  stop_dev
  stop_pid "$SIM_PID"
  stop_pid "${XVFB_PID:-}"
  rm -rf "$DATA"
}
trap cleanup EXIT

# start_dev PORT LOG: starts wails dev with the current environment and waits for it.
start_dev() {
  local port="$1" log="$2" i
  # -s: the frontend is served by the vite watcher; -m/-nosyncgomod: leave go.mod alone;
  # -skipbindings: staleness of the committed bindings is checked separately.
  setsid "$ROOT/.tools/bin/wails" dev -s -m -nosyncgomod -skipbindings -noreload -nogorebuild -nocolour \
    -devserver "127.0.0.1:$port" -loglevel Warning >"$log" 2>&1 &
  DEV_PID=$!
  echo "e2e: waiting for wails dev on 127.0.0.1:$port"
  for i in $(seq 1 600); do
    if curl -fsS "http://127.0.0.1:$port/" -o /dev/null 2>/dev/null && grep -q "Using DevServer" "$log"; then
      echo "e2e: dev server up after ${i}s"
      return 0
    fi
    if ! kill -0 "$DEV_PID" 2>/dev/null; then
      echo "e2e: wails dev exited" >&2; tail -n 60 "$log" >&2; return 1
    fi
    sleep 1
  done
  echo "e2e: dev server never answered" >&2; tail -n 60 "$log" >&2; return 1
}

run_node_tests() {
  (cd "$ROOT/frontend" && E2E_SHOTS="$ROOT/build/screenshots" node --test --test-concurrency=1 --test-reporter=spec "$@")
}

start_xvfb

# --- 1. demo mode ---------------------------------------------------------
if [[ "${E2E_ONLY:-}" != "connect" ]]; then
  export STEWARD_DEMO=1 STEWARD_DATA_DIR="$DATA/demo"
  start_dev 34115 "$ROOT/build/e2e-wails-dev.log"
  E2E_URL="http://127.0.0.1:34115/" run_node_tests e2e/01-servers.test.mjs e2e/02-queue.test.mjs
  stop_dev
  unset STEWARD_DEMO
fi

# --- 2. normal mode: connect a server -------------------------------------
go build -o "$DATA/simd" ./internal/mastosim/simd
"$DATA/simd" -flavour mastodon -reports 40 >"$DATA/simd.out" 2>"$DATA/simd.err" &
SIM_PID=$!
for _ in $(seq 1 100); do [[ -s "$DATA/simd.out" ]] && break; sleep 0.1; done
E2E_SIM_URL="$(head -n1 "$DATA/simd.out")"
[[ "$E2E_SIM_URL" == http://127.0.0.1:* ]] || { echo "e2e: simulator did not start" >&2; cat "$DATA/simd.err" >&2; exit 1; }
mkdir -p "$DATA/bin"
printf '#!/bin/sh\nexec node %q "$@"\n' "$ROOT/frontend/e2e/fake-browser.mjs" >"$DATA/bin/xdg-open"
chmod +x "$DATA/bin/xdg-open"

export E2E_SIM_URL STEWARD_DATA_DIR="$DATA/real" STEWARD_SETTINGS="$DATA/settings.json"
export FAKE_BROWSER_DECISION_FILE="$DATA/decision" FAKE_BROWSER_LOG="$ROOT/build/e2e-fake-browser.log"
export PATH="$DATA/bin:$PATH" XDG_DATA_HOME="$DATA/xdg" E2E_ROOT="$ROOT"
: >"$FAKE_BROWSER_LOG"
echo approve >"$FAKE_BROWSER_DECISION_FILE"
mkdir -p "$XDG_DATA_HOME"
# The keychain: a private session bus with gnome-keyring, shared by the app and the test.
export ROOT
export -f start_dev stop_dev run_node_tests
dbus-run-session -- bash -c '
  set -euo pipefail
  echo -n steward-e2e | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  DEV_PID=""
  trap stop_dev EXIT
  start_dev 34116 "$E2E_ROOT/build/e2e-wails-dev-connect.log"
  E2E_URL="http://127.0.0.1:34116/" run_node_tests e2e/03-connect.test.mjs
'
