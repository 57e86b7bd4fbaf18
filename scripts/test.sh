#!/usr/bin/env bash
# Runs every test: unit, live-socket and end-to-end (the real binary over HTTP and TLS).
# Installs missing system packages first (as scripts/setup.sh does), without starting anything.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --no-start
swift build --build-tests
swift test --skip-build "$@"
