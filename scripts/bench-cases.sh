#!/usr/bin/env bash
# The case pipeline under load, on loopback, bounded in time: the service as shipped
# (release build, access log on, SQLite with durable group commit, the simulator) gets
# authenticated create + submit pairs of Employment Authorized cases from wrk.
# Prints per round: pairs/s, p50/p99 per request, server CPU per pair, commits per pair.
#
#   scripts/bench-cases.sh
# Knobs: DURATION (s, default 10), ROUNDS (default 3), CONNECTIONS (default 32),
#        THREADS (wrk threads, default 2), PRELOAD (draft cases stored before the
#        rounds, default 1000; 200000 for the "cost does not grow with the data" mode),
#        PEOPLE (simulator people seeded, default 60000: one per pair the rounds can make),
#        BIN (an employer-agent binary to measure instead of building this tree's),
#        RECORD=FILE (samples the server's stacks with `perf record -g` during round 1;
#        valgrind cannot run this binary: it crashes inside valgrind at thread creation),
#        PORT (default 18181).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PRELOAD=${PRELOAD:-1000}
PEOPLE=${PEOPLE:-60000}
PORT=${PORT:-18181}

command -v wrk >/dev/null || { [ "$(id -u)" -eq 0 ] && apt-get install -y -qq wrk; } || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
. scripts/lib/bench-agent.sh
bench_binary

data=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null
  wait 2>/dev/null
  # Errors the server logged (a refused pair with a 500 says why here).
  grep -E '"level":"error"| error ' "$data/server.log" 2>/dev/null | tail -n 5 | sed 's/^/# server: /'
  rm -rf "$data"
}
trap cleanup EXIT

bench_prepare "$data"
bench_serve "$data" "$PORT"

api() { # method path [json]
  curl -sf -X "$1" "http://127.0.0.1:$PORT/api/v1/$2" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' ${3:+--data "$3"}
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)[sys.argv[1]])" "$1"; }

login() {
  curl -sf "http://127.0.0.1:$PORT/api/v1/authentication/login" -H 'Content-Type: application/json' \
    --data '{"username":"bench","password":"bench-password-1"}' | field access_token
}
token=$(login)
client=$(api POST clients '{"name":"Bench Staffing","ein":"12-3456789","mou_effective_date":"2026-01-05"}' | field client_company_id)
api POST simulator/clock '{"set_date":"2026-11-16"}' >/dev/null

start=$(date +%s)
python3 Benchmarks/cases/seed.py people "$PORT" "$token" 0 "$PEOPLE"
# Drafts for SSNs past the people (unknown to the simulator): stored data, never submitted.
[ "$PRELOAD" -gt 0 ] && python3 Benchmarks/cases/seed.py drafts "$PORT" "$token" "$client" 5000000 "$PRELOAD"
echo "# seeded $PEOPLE people and $PRELOAD stored drafts in $(( $(date +%s) - start )) s;" \
  "database $(( $(stat -c %s "$data/agent.sqlite") >> 20 )) MiB, WAL $(( $(stat -c %s "$data/agent.sqlite-wal" 2>/dev/null || echo 0) >> 20 )) MiB"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
batches() { api GET operations/storage | field batches; }
jobs() { api GET operations/storage | field jobs; }
hz=$(getconf CLK_TCK)

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "# wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, create+submit pairs, access log on, $PRELOAD drafts stored"
next=0
for round in $(seq 1 "$ROUNDS"); do
  c0=$(cpu_ticks); b0=$(batches); j0=$(jobs)
  if [ -n "${RECORD:-}" ] && [ "$round" = 1 ]; then
    perf record -q -e cpu-clock -F 999 -g -p "$server" -o "$RECORD" -- sleep "$DURATION" >/dev/null 2>&1 &
  fi
  line=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s Benchmarks/wrk/case-pairs.lua \
    "http://127.0.0.1:$PORT" -- "$token" "$client" "$next" "$THREADS" | grep '^pairs ')
  c1=$(cpu_ticks); b1=$(batches); j1=$(jobs)
  # Each round starts past the people the previous one used.
  next=$(awk '{print $14}' <<<"$line")
  awk -v c="$((c1 - c0))" -v hz="$hz" -v b="$((b1 - b0 - 1))" -v j="$((j1 - j0))" -v r="$round" '{
    pairs=$2; secs=$8
    printf "round %d: %8.0f pairs/s  p50 %6.2f ms  p99 %7.2f ms  server CPU %6.1f us/pair  commits %.3f/pair (%d writer jobs)  refused %d\n",
      r, pairs/secs, $10, $12, (pairs ? c/hz*1e6/pairs : 0), (pairs ? b/pairs : 0), j, $6
  }' <<<"$line"
  if [ "$next" -ge "$PEOPLE" ]; then echo "# out of simulator people: raise PEOPLE" >&2; break; fi
done
