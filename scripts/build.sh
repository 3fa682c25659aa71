#!/usr/bin/env bash
# Builds the frontend and the desktop binary into build/bin/steward.
# (Equivalent to `wails build`, without needing the CLI.)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
(cd frontend && npm run --silent build)
touch frontend/dist/.gitkeep
VERSION="$(git describe --tags --always --dirty 2>/dev/null || echo dev)"
go build -tags desktop,production -trimpath -ldflags "-w -s -X main.version=$VERSION" -o build/bin/steward .
echo "built build/bin/steward ($VERSION)"
