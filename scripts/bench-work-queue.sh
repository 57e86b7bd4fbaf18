#!/usr/bin/env bash
# GET /api/v1/work_queue with many open cases, on loopback. Builds release, loads the
# cases into a fresh data directory through the case repository (each with its work
# items, as the service writes them), prints the in-process read times, then serves the
# directory and measures the route with wrk (agent-wide pages, one client, a kind filter,
# due_before, a second page through the cursor, CSV).
#
#   scripts/bench-work-queue.sh
# Knobs: CASES (default 100000), DURATION (s per query, default 5), CONNECTIONS (default 4), SETTLE (s, default 30),
#        PORT (default 18095), KEEP=1 keeps the data directory, DATA_DIR=DIR serves a kept one
#        without loading again.
set -euo pipefail
cd "$(dirname "$0")/.."

CASES=${CASES:-100000}
DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-4}
PORT=${PORT:-18095}
PASSWORD=bench-admin-password-1

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
swift build -c release --product work-queue-bench >/dev/null
swift build -c release --product employer-agent >/dev/null
BIN="$(swift build -c release --show-bin-path)"

dir=${DATA_DIR:-$(mktemp -d)}
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" != 1 ] && [ -z "${DATA_DIR:-}" ]; then rm -rf "$dir"; else echo "data directory kept: $dir"; fi
}
trap cleanup EXIT

if [ -z "${DATA_DIR:-}" ]; then
  echo "== loading $CASES open cases"
  "$BIN/work-queue-bench" --data-dir "$dir" --cases "$CASES"
  printf '%s\n' "$PASSWORD" | AGENT_PASSWORD_HASH_LOG_N=10 "$BIN/employer-agent" create-admin --data-dir "$dir" \
    --username bench --full-name "Bench Admin" --password-stdin --training-score 90 >/dev/null
fi

echo "== serving"
start=$(date +%s.%N)
AGENT_PASSWORD_HASH_LOG_N=10 AGENT_ACCESS_LOG=false "$BIN/employer-agent" serve --data-dir "$dir" --http-port "$PORT" >"$dir/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  sleep 0.1
done
printf 'ready after %.1f s (a start re-plans every draft and roster hire)\n' "$(echo "$(date +%s.%N) - $start" | bc)"
# The first pass of the daily jobs (CASE-7, CASE-9) reads every draft and continuance:
# let it finish so it does not share the measurement.
sleep "${SETTLE:-30}"
token=$(curl -sf -X POST -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$PORT/api/v1/authentication/login" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
url="http://127.0.0.1:$PORT/api/v1/work_queue"
client=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT/api/v1/clients?limit=1" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["clients"][0]["client_company_id"])')
cursor=$(curl -sf -H "Authorization: Bearer $token" "$url?limit=200" | python3 -c 'import json, sys; print(json.load(sys.stdin)["next_cursor"])')

measure() { # label query
  local out
  out=$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Authorization: Bearer $token" "$url?$2")
  printf '%-40s %8s req/s  p50 %8s  p99 %8s\n' "$1" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1 == "50%" {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")"
}
echo "== GET /api/v1/work_queue over HTTP (wrk, $CONNECTIONS connections, ${DURATION}s each)"
url="http://127.0.0.1:$PORT/api/v1/users/me"
measure "baseline: GET users/me (auth + one read)" ""
url="http://127.0.0.1:$PORT/api/v1/work_queue"
measure "first page (50), all clients" "limit=50"
measure "page of 200, all clients" "limit=200"
measure "second page of 200 (cursor)" "limit=200&cursor=$cursor"
measure "one client, page of 50" "client_company_id=$client"
measure "kind=CASE_TO_CLOSE" "kind=CASE_TO_CLOSE"
measure "due_before=2026-03-01" "due_before=2026-03-01"
measure "CSV, page of 200" "format=csv&limit=200"
