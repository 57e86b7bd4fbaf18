#!/usr/bin/env bash
# Runs every test: unit, live-socket and end-to-end (the real binary over HTTP and TLS).
# Installs missing system packages first (as scripts/setup.sh does), without starting anything.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --no-start
swift build --build-tests
# The binary with only the libraries ldd lists, as the container's runtime stage has it.
scripts/runtime-check.sh
log=$(mktemp)
# The tests' own files (servers' data directories, certificates) go under one directory of
# this run, removed when it ends: the end-to-end tests cannot remove a data directory that
# a restarted server may still use, and a run used to leave hundreds in /tmp.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/employer-agent-tests.XXXXXX")
trap 'rm -f "$log"; rm -rf "$scratch"' EXIT
status=0
TMPDIR="$scratch" swift test --skip-build "$@" 2>&1 | tee "$log" || status=$?
# The live API against its own OpenAPI document (schemathesis, bounded to about 4 minutes);
# skipped for a filtered run or with API_FUZZ=0.
fuzz_status=0
if [ "$#" -eq 0 ] && [ "${API_FUZZ:-1}" != "0" ]; then
  scripts/api-fuzz.sh || fuzz_status=$?
  if [ "$fuzz_status" -ne 0 ]; then echo "api-fuzz: failed (exit $fuzz_status)"; fi
fi
# The tests are Swift Testing ones; XCTest's own "Executed 0 tests" line is not the count.
summary=$(grep -E "Test run with [0-9]+ tests?" "$log" | tail -n 1 || true)
total=$(printf '%s' "$summary" | sed -nE 's/.*Test run with ([0-9]+) tests?.*/\1/p')
failed=$(printf '%s' "$summary" | sed -nE 's/.*with ([0-9]+) issues?.*/\1/p')
if [ -n "$total" ]; then
  if [ "$status" -eq 0 ] && [ "$fuzz_status" -eq 0 ]; then echo "$total passed, 0 failed"
  elif [ "$status" -eq 0 ]; then echo "tests: all $total passed, but api-fuzz failed"
  else echo "tests: ${failed:-some} issue(s) among $total tests"; fi
fi
if [ "$status" -eq 0 ] && [ "$fuzz_status" -ne 0 ]; then status=$fuzz_status; fi
exit "$status"
