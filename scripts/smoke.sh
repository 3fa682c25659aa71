#!/usr/bin/env bash
# Smoke test: launches the real desktop binary in demo mode under Xvfb, waits
# for its window to map, saves a screenshot and fails if the window never maps
# or stays blank. Also prints the time to map and the resident memory of the
# app's processes (the Go process and WebKit's helpers).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/lib.sh

BIN="${1:-build/bin/steward}"
SHOT_DIR="$ROOT/build/screenshots"
mkdir -p "$SHOT_DIR"
SHOT="$SHOT_DIR/smoke.png"
DATA="$(mktemp -d)"
LOG="$DATA/app.log"
APP_PID=""
cleanup() { stop_pid "$APP_PID"; stop_pid "${XVFB_PID:-}"; rm -rf "$DATA"; }
trap cleanup EXIT

fail() { echo "smoke: FAIL: $*" >&2; echo "--- app log ---" >&2; tail -n 40 "$LOG" >&2 || true; echo "smoke: 0 passed, 1 failed"; exit 1; }

[[ -x "$BIN" ]] || fail "no binary at $BIN (run scripts/build.sh)"
start_xvfb
start=$(date +%s.%N)
STEWARD_DEMO=1 STEWARD_DATA_DIR="$DATA" "$BIN" >"$LOG" 2>&1 &
APP_PID=$!

# Poll rather than `xdotool search --sync`: an X error on one of GTK's
# short-lived start-up windows ends a --sync search early.
WID=""
for _ in $(seq 1 300); do
  WID="$(xdotool search --onlyvisible --name '^Steward$' 2>/dev/null | head -n1 || true)"
  [[ -n "$WID" ]] && break
  kill -0 "$APP_PID" 2>/dev/null || fail "the app exited before its window mapped"
  sleep 0.2
done
[[ -n "$WID" ]] || fail "the window never mapped within 60 s"
mapped=$(date +%s.%N)
xwininfo -id "$WID" | grep -q 'Map State: IsViewable' || fail "window $WID exists but is not viewable"
awk -v a="$start" -v b="$mapped" -v w="$WID" 'BEGIN{printf "smoke: window %s mapped after %.2f s\n", w, b-a}'

# Wait for the page to paint: a blank (single-colour) window fails.
painted=0
for i in $(seq 1 40); do
  kill -0 "$APP_PID" 2>/dev/null || fail "the app exited"
  import -window "$WID" "$SHOT" 2>/dev/null || true
  if [[ -s "$SHOT" ]]; then
    colours=$(convert "$SHOT" -format '%k' info: 2>/dev/null || echo 0)
    sd=$(convert "$SHOT" -colorspace Gray -format '%[fx:standard_deviation]' info: 2>/dev/null || echo 0)
    if (( colours > 40 )) && awk -v s="$sd" 'BEGIN{exit !(s > 0.02)}'; then
      painted=1
      break
    fi
  fi
  sleep 0.5
done
(( painted )) || fail "the window stayed blank (colours=${colours:-0}, stddev=${sd:-0}); screenshot: $SHOT"
done_t=$(date +%s.%N)
# Give the first sync a moment so the screenshot shows the servers with counts.
sleep 3
import -window "$WID" "$SHOT"
awk -v a="$start" -v b="$done_t" 'BEGIN{printf "smoke: painted after %.2f s", b-a}'
echo " ($colours colours, stddev $sd); screenshot $SHOT"

# Resident memory of the app and its WebKit helper processes (children and grandchildren).
descendants() { local c; for c in $(pgrep -P "$1" || true); do echo "$c"; descendants "$c"; done; }
pids="$APP_PID $(descendants "$APP_PID" | tr '\n' ' ')"
rss=0
for p in $pids; do
  r=$(awk '/^VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || true)
  rss=$((rss + ${r:-0}))
done
echo "smoke: resident memory of the app's processes ($(echo $pids | wc -w)): $((rss / 1024)) MiB"
kill -0 "$APP_PID" 2>/dev/null || fail "the app died after painting"
echo "smoke: 1 passed, 0 failed"
