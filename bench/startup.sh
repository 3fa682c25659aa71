#!/usr/bin/env bash
# Start-up benchmark: time from launch to the first painted moderation queue
# with N cached reports (default 10,000), and the resident memory of the
# app's processes (the Go process and WebKit's helpers) at that point.
# Runs the real desktop binary under Xvfb in demo mode: a first run fills the
# demo cache, the measured runs start with it (STEWARD_DEMO_KEEP_CACHE=1).
# Usage: bench/startup.sh [reports] [runs]   (needs scripts/build.sh first)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/lib.sh
N="${1:-10000}"
RUNS="${2:-3}"
BIN="$ROOT/build/bin/steward"
[[ -x "$BIN" ]] || { echo "build first: bash scripts/build.sh" >&2; exit 1; }
DATA="$(mktemp -d)"
APP_PID=""
cleanup() { stop_pid "$APP_PID"; stop_pid "${XVFB_PID:-}"; rm -rf "$DATA"; }
trap cleanup EXIT
start_xvfb

descendants() { local c; for c in $(pgrep -P "$1" || true); do echo "$c"; descendants "$c"; done; }
rss_tree() {
  local total=0 r
  for p in "$1" $(descendants "$1"); do
    r=$(awk '/^VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || true)
    total=$((total + ${r:-0}))
  done
  echo $((total / 1024))
}

# one_run LABEL: starts the app, waits for the queue-painted mark, prints figures.
one_run() {
  local log="$DATA/run.log" t0 ms rss
  : >"$log"
  STEWARD_DEMO=1 STEWARD_DEMO_REPORTS="$N" STEWARD_DEMO_KEEP_CACHE=1 STEWARD_DATA_DIR="$DATA" "$BIN" 2>"$log" >/dev/null &
  APP_PID=$!
  for _ in $(seq 1 1200); do
    grep -q "mark queue-painted" "$log" && break
    kill -0 "$APP_PID" 2>/dev/null || { echo "the app exited:" >&2; tail "$log" >&2; exit 1; }
    sleep 0.1
  done
  ms=$(sed -n 's/.*mark queue-painted \([0-9]*\) ms.*/\1/p' "$log" | head -n1)
  [[ -n "$ms" ]] || { echo "no queue-painted mark within 120 s" >&2; exit 1; }
  sleep 1
  rss=$(rss_tree "$APP_PID")
  echo "$1: first painted queue after ${ms} ms; resident memory ${rss} MiB ($(( $(descendants "$APP_PID" | wc -l) + 1 )) processes)"
  stop_pid "$APP_PID"
  APP_PID=""
}

echo "startup benchmark: $N reports in the demo city (+45 on the broadcaster's server)"
one_run "cold (empty cache, first sync from the simulator)"
for i in $(seq 1 "$RUNS"); do
  one_run "warm run $i ($N cached reports)"
done
