#!/usr/bin/env bash
# The second command: installs what is missing, then runs every test —
# go vet, the bindings staleness check, go test -race, the keychain tests
# against a real Secret Service, the frontend type check and vitest, a build
# of the real desktop binary, the Xvfb smoke test and the end-to-end tests.
# Prints the time of each stage. .ci/run calls exactly this.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

declare -a STAGES=()
T0=$(date +%s)
stage() {
  local name="$1"; shift
  local s; s=$(date +%s)
  printf '\n\033[1;35m=== %s\033[0m\n' "$name"
  if "$@"; then
    STAGES+=("$(printf '%-28s %5ss  ok' "$name" "$(( $(date +%s) - s ))")")
  else
    local rc=$?
    STAGES+=("$(printf '%-28s %5ss  FAILED' "$name" "$(( $(date +%s) - s ))")")
    summary
    echo "test: stage '$name' failed (exit $rc)" >&2
    exit "$rc"
  fi
}
summary() {
  printf '\n=== stage times\n'
  printf '%s\n' "${STAGES[@]}"
  printf '%-28s %5ss\n' "total" "$(( $(date +%s) - T0 ))"
}

check_bindings() {
  local before; before="$(mktemp -d)"
  cp -r frontend/wailsjs "$before/"
  go build -tags bindings -o "$before/bindings-gen" .
  STEWARD_DATA_DIR="$before/data" "$before/bindings-gen" >/dev/null
  if ! diff -r "$before/wailsjs" frontend/wailsjs; then
    echo "frontend/wailsjs is stale: it was regenerated from the Go code above; commit the result." >&2
    rm -rf "$before"; return 1
  fi
  rm -rf "$before"
  echo "bindings: up to date"
}

keyring_tests() {
  local home; home="$(mktemp -d)"
  XDG_DATA_HOME="$home" STEWARD_REAL_KEYRING=1 dbus-run-session -- bash -c \
    'echo -n steward-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && go test -count=1 -run Keyring -v ./internal/secrets/ 2>&1 | tail -n 20; exit ${PIPESTATUS[0]}'
  local rc=$?
  rm -rf "$home"
  return $rc
}

stage "setup"              bash scripts/setup.sh --with-test-tools
stage "go vet"             go vet ./...
stage "bindings fresh"     check_bindings
stage "go test -race"      go test -race -count=1 ./...
stage "keychain (real)"    keyring_tests
stage "frontend typecheck" bash -c 'cd frontend && npm run --silent typecheck'
stage "frontend vitest"    bash -c 'cd frontend && npm run --silent test'
stage "desktop build"      bash scripts/build.sh
stage "smoke (Xvfb)"       bash scripts/smoke.sh
stage "end-to-end"         bash scripts/e2e.sh
summary
