#!/usr/bin/env bash
# The case pipeline under load, on loopback, bounded in time: the service as shipped
# (release build, access log on, SQLite with durable group commit, the simulator) gets
# authenticated create + submit pairs of Employment Authorized cases from wrk.
# Prints per round: pairs/s, p50/p99 per request (wrk's), server CPU per pair (and the
# writer thread's share of it), commits per pair, bytes written to disk per pair and the
# share of both cores left idle (requests all waiting on something serial) and the
# hypervisor's steal (a round with steal is noise); after the rounds, the server's own p50/p90/p99 of the case requests (from
# the access log) and the COMMIT-time histogram. (When wrk's p99 is far above the
# server's own, look for stalls: the WAL's TRUNCATE caused such a gap until the seventh
# session; see BENCHMARKS.md.)
#
#   scripts/bench-cases.sh
# Knobs: DURATION (s, default 10), ROUNDS (default 3), CONNECTIONS (default 32),
#        THREADS (wrk threads, default 2), PRELOAD (draft cases stored before the
#        rounds, default 1000; 200000 for the "cost does not grow with the data" mode),
#        PEOPLE (simulator people seeded, default 60000: one per pair the rounds can make),
#        BIN (an employer-agent binary to measure instead of building this tree's),
#        RECORD=FILE (samples the server's stacks with `perf record -g` during round 1;
#        valgrind cannot run this binary: it crashes inside valgrind at thread creation),
#        PORT (default 18181),
#        STATEMENTS=1 (times the writer's SQL statements, `metrics_statement_times`, and
#        prints after the rounds the writer's time and runs per pair of the costliest;
#        the timing itself adds about 1 us per statement, so compare pairs/s without it),
#        SETTLE (s to wait after seeding, default 0: with PRELOAD=200000, 30 lets the
#        announcement of the seeded drafts' work items finish before the rounds).
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
# Runs under `set -e` as a trap: a step that fails (grep finding no error) would end it
# before the data directory is removed (each run left some 400 MB behind).
cleanup() {
  set +e
  [ -n "$server" ] && kill "$server" 2>/dev/null
  wait 2>/dev/null
  # Errors the server logged (a refused pair with a 500 says why here).
  grep -E '"level":"error"| error ' "$data/server.log" 2>/dev/null | tail -n 5 | sed 's/^/# server: /'
  rm -rf "$data"
}
trap cleanup EXIT

bench_prepare "$data"
[ "${STATEMENTS:-0}" = 1 ] && export AGENT_METRICS_STATEMENT_TIMES=true
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
# A new draft's work items wait in staging for a few seconds; a read of the queue moves
# them all in, so the rounds measure pairs, not the seeded drafts' deferred writes.
api GET "work_queue?limit=1" >/dev/null || echo "# the work queue read failed" >&2
# SETTLE=N waits N seconds more, for the background work the seeding left (announcing
# the seeded drafts' items takes some 20 s after 200,000 of them).
sleep "${SETTLE:-0}"
echo "# seeded $PEOPLE people and $PRELOAD stored drafts in $(( $(date +%s) - start )) s;" \
  "database $(( $(stat -c %s "$data/agent.sqlite") >> 20 )) MiB, WAL $(( $(stat -c %s "$data/agent.sqlite-wal" 2>/dev/null || echo 0) >> 20 )) MiB"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
# The writer thread's own CPU: it commits every case, one batch at a time, so its time per
# pair bounds the pairs per second whatever the other threads do.
# The readers' CPU beside it: the case reads of submits and the simulator's files.
thread_ticks() { # comm pattern
  local sum=0 task
  for task in /proc/"$server"/task/*; do
    case "$(cat "$task/comm" 2>/dev/null)" in $1) sum=$((sum + $(awk '{print $14 + $15}' "$task/stat"))) ;; esac
  done
  echo "$sum"
}
writer_ticks() { thread_ticks storage.writer; }
reader_ticks() { thread_ticks 'storage.read.*'; }
# Bytes the server caused to be written to the disk (WAL, checkpoints, access log).
disk_bytes() { awk '/^write_bytes/ {print $2}' "/proc/$server/io"; }
# Ticks the hypervisor ran someone else on our cores (a noisy round shows it), and all ticks.
steal_ticks() { awk '/^cpu / {print $9}' /proc/stat; }
all_ticks() { awk '/^cpu / {print $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }
# Ticks no one used the cores (idle and I/O wait): with the connections fixed, a share
# here means every request was waiting on something serial (the writer, its fsync).
idle_ticks() { awk '/^cpu / {print $5+$6}' /proc/stat; }
batches() { api GET operations/storage | field batches; }
jobs() { api GET operations/storage | field jobs; }
hz=$(getconf CLK_TCK)

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "# wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, create+submit pairs, access log on, $PRELOAD drafts stored"
next=0
pairs_total=0
log_start=$(wc -l <"$data/server.log")
statement_totals() { curl -sf "http://127.0.0.1:$PORT/metrics" | grep '^storage_statement_' || true; }
[ "${STATEMENTS:-0}" = 1 ] && statement_totals >"$data/statements.before"
for round in $(seq 1 "$ROUNDS"); do
  c0=$(cpu_ticks); v0=$(writer_ticks); r0=$(reader_ticks); b0=$(batches); j0=$(jobs); w0=$(disk_bytes); s0=$(steal_ticks); a0=$(all_ticks); i0=$(idle_ticks)
  if [ -n "${RECORD:-}" ] && [ "$round" = 1 ]; then
    perf record -q -e cpu-clock -F 999 -g -p "$server" -o "$RECORD" -- sleep "$DURATION" >/dev/null 2>&1 &
  fi
  line=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s Benchmarks/wrk/case-pairs.lua \
    "http://127.0.0.1:$PORT" -- "$token" "$client" "$next" "$THREADS" | grep '^pairs ')
  c1=$(cpu_ticks); v1=$(writer_ticks); r1=$(reader_ticks); b1=$(batches); j1=$(jobs); w1=$(disk_bytes); s1=$(steal_ticks); a1=$(all_ticks); i1=$(idle_ticks)
  # Each round starts past the people the previous one used.
  next=$(awk '{print $14}' <<<"$line")
  pairs_total=$((pairs_total + $(awk '{print $2}' <<<"$line")))
  awk -v c="$((c1 - c0))" -v v="$((v1 - v0))" -v rd="$((r1 - r0))" -v hz="$hz" -v b="$((b1 - b0 - 1))" -v j="$((j1 - j0))" -v r="$round" -v w="$((w1 - w0))" -v st="$((s1 - s0))" -v at="$((a1 - a0))" -v it="$((i1 - i0))" '{
    pairs=$2; secs=$8
    printf "round %d: %8.0f pairs/s  p50 %6.2f ms  p99 %7.2f ms  server CPU %6.1f us/pair (writer %5.1f, readers %5.1f)  commits %.3f/pair (%d writer jobs)  disk %.1f KiB/pair  idle %.0f%%  steal %.0f%%  refused %d\n",
      r, pairs/secs, $10, $12, (pairs ? c/hz*1e6/pairs : 0), (pairs ? v/hz*1e6/pairs : 0), (pairs ? rd/hz*1e6/pairs : 0), (pairs ? b/pairs : 0), j, (pairs ? w/1024/pairs : 0), (at ? 100*it/at : 0), (at ? 100*st/at : 0), $6
  }' <<<"$line"
  if [ "$next" -ge "$PEOPLE" ]; then echo "# out of simulator people: raise PEOPLE" >&2; break; fi
done
# The server's own view of the rounds' case requests (the access log's duration, from the
# request parsed to the response handed to the socket), beside wrk's, which also counts
# the time wrk waited for a core.
sleep 1.2  # the access log is flushed at least every second
case_lines() { tail -n +"$((log_start + 1))" "$data/server.log" | grep -E '"method":"POST"|method=POST' | grep -E 'path[":=]+"?/api/v1/cases'; }
server_percentiles() { # label, then the durations on stdin
  sed -E 's/.*duration_us[":=]+([0-9]+).*/\1/' | sort -n | awk -v label="$1" '{ v[NR] = $1 } END {
    if (NR) printf "# server-side %s: %d, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
      label, NR, v[int(NR * 0.5) + 1] / 1000, v[int(NR * 0.9) + 1] / 1000, v[int(NR * 0.99) + 1] / 1000, v[NR] / 1000 }'
}
case_lines | server_percentiles "case requests"
case_lines | grep -vE 'path[":=]+"?/api/v1/cases/' | server_percentiles "  creates" || true
case_lines | grep -E '/submit' | server_percentiles "  submits" || true
# How long the writer's COMMITs took (fdatasync included), over all rounds and the seeding.
curl -sf "http://127.0.0.1:$PORT/metrics" -H "Authorization: Bearer $token" | awk '
  /^storage_commit_seconds_bucket/ { match($0, /le="[^"]*"/); le = substr($0, RSTART + 4, RLENGTH - 5); n[++k] = le; c[k] = $2 }
  /^storage_commit_seconds_count/ { total = $2 }
  END { if (total) { line = "# commits by duration (cumulative share):"; for (i = 1; i <= k; i++) line = line sprintf(" <=%s %.3f", n[i], c[i] / total); print line } }' || true
# The writer's statements over the rounds (STATEMENTS=1): where the serial part's time goes.
if [ "${STATEMENTS:-0}" = 1 ]; then
  statement_totals >"$data/statements.after"
  python3 - "$data/statements.before" "$data/statements.after" "$pairs_total" <<'PY'
import re, sys
def read(path):
    totals = {}
    for line in open(path):
        m = re.match(r'storage_statement_(seconds|calls)_total\{statement="(.*)"\} (\S+)$', line.strip())
        if m: totals.setdefault(m.group(2), {})[m.group(1)] = float(m.group(3))
    return totals
before, after, pairs = read(sys.argv[1]), read(sys.argv[2]), int(sys.argv[3])
rows = []
for text, now in after.items():
    was = before.get(text, {})
    seconds, calls = now.get("seconds", 0) - was.get("seconds", 0), now.get("calls", 0) - was.get("calls", 0)
    if calls: rows.append((seconds, calls, text))
rows.sort(reverse=True)
total = sum(r[0] for r in rows)
print(f"# writer statements over the rounds: {total * 1e6 / max(pairs, 1):.1f} us/pair in {sum(r[1] for r in rows) / max(pairs, 1):.1f} statements/pair")
for seconds, calls, text in rows[:15]:
    print(f"#   {seconds * 1e6 / max(pairs, 1):6.1f} us/pair  {calls / max(pairs, 1):4.2f} runs/pair  {seconds * 1e6 / calls:5.1f} us/run  {text[:90]}")
PY
fi
