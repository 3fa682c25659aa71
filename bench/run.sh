#!/usr/bin/env bash
# Runs Steward's Go benchmarks and prints the figures quoted in issue notes.
# Bounded: each benchmark runs for at most a few seconds, all on loopback.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p bench/out
go test -run '^$' -bench . -benchmem -benchtime "${BENCHTIME:-3x}" \
  ./internal/mastosim/ ./internal/store/ ./internal/servers/ | tee bench/out/latest.txt
