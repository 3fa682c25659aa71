#!/usr/bin/env bash
# The first command: installs what is missing, builds Steward and starts it on
# the embedded demo (two simulated servers). Without a display it runs the
# window under Xvfb and saves a screenshot to build/screenshots/demo.png.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/lib.sh
bash scripts/setup.sh
bash scripts/build.sh
export STEWARD_DEMO=1
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  exec ./build/bin/steward
fi
echo "No display: starting Steward under Xvfb (a screenshot follows in build/screenshots/demo.png; Ctrl-C ends it)."
start_xvfb
trap 'stop_pid "${APP_PID:-}"; stop_pid "$XVFB_PID"' EXIT
./build/bin/steward &
APP_PID=$!
mkdir -p build/screenshots
for _ in $(seq 1 150); do
  xdotool search --onlyvisible --name '^Steward$' >/dev/null 2>&1 && break
  sleep 0.2
done
if xdotool search --onlyvisible --name '^Steward$' >/dev/null 2>&1; then
  sleep 4
  import -window root build/screenshots/demo.png
  echo "Steward is running (pid $APP_PID) on $DISPLAY; screenshot: build/screenshots/demo.png"
fi
wait "$APP_PID"
