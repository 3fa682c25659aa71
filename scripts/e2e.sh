#!/usr/bin/env bash
# End-to-end tests: runs `wails dev` (the pinned CLI) under Xvfb in demo mode,
# so the real Go backend serves the UI with live bindings on a local port, and
# drives that page with playwright-core and Debian's chromium.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/lib.sh

PORT="${E2E_PORT:-34115}"
DATA="$(mktemp -d)"
LOG="$ROOT/build/e2e-wails-dev.log"
mkdir -p "$ROOT/build"
DEV_PID=""
cleanup() {
  if [[ -n "$DEV_PID" ]]; then
    # wails dev runs the app and vite as children: end the whole process group we started.
    kill -- "-$DEV_PID" 2>/dev/null || true
    sleep 1
    kill -9 -- "-$DEV_PID" 2>/dev/null || true
  fi
  stop_pid "${XVFB_PID:-}"
  rm -rf "$DATA"
}
trap cleanup EXIT

start_xvfb
export STEWARD_DEMO=1 STEWARD_DATA_DIR="$DATA"
# -s: the frontend is served by the vite watcher; -m/-nosyncgomod: leave go.mod alone;
# -skipbindings: staleness of the committed bindings is checked separately.
setsid "$ROOT/.tools/bin/wails" dev -s -m -nosyncgomod -skipbindings -noreload -nogorebuild -nocolour \
  -devserver "127.0.0.1:$PORT" -loglevel Warning >"$LOG" 2>&1 &
DEV_PID=$!

echo "e2e: waiting for wails dev on 127.0.0.1:$PORT (first build compiles the app)"
for i in $(seq 1 600); do
  if curl -fsS "http://127.0.0.1:$PORT/" -o /dev/null 2>/dev/null && grep -q "DevServer URL\|Using DevServer" "$LOG"; then
    break
  fi
  if ! kill -0 "$DEV_PID" 2>/dev/null; then
    echo "e2e: wails dev exited" >&2; tail -n 60 "$LOG" >&2; exit 1
  fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$PORT/" -o /dev/null || { echo "e2e: dev server never answered" >&2; tail -n 60 "$LOG" >&2; exit 1; }
echo "e2e: dev server up after ${i}s"
cd frontend
E2E_URL="http://127.0.0.1:$PORT/" E2E_SHOTS="$ROOT/build/screenshots" node --test --test-concurrency=1 --test-reporter=spec e2e/01-servers.test.mjs e2e/02-queue.test.mjs
