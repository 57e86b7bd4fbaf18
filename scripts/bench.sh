#!/usr/bin/env bash
# Load benchmark on loopback only, bounded in time. Builds release, starts the HTTPCore
# echo server and measures with wrk: GET /health and a ~600-byte JSON echo (req/s,
# p50/p99), TLS next to plaintext, then resident memory with idle keep-alive connections
# (10,000 plain, 5,000 TLS) and durable SQLite inserts.
#
#   scripts/bench.sh                 # our server only
#   COMPARE_BIN=/path/to/server scripts/bench.sh
#       also runs another server (started as `$COMPARE_BIN PORT`, serving the same two
#       routes) and alternates A B A B in the same run.
# Knobs: DURATION (s, default 10), ROUNDS (default 3), CONNECTIONS (default 32), IDLE (default 10000),
#        IDLE_TLS (idle TLS connections, default 5000),
#        PIN=1 (our server on CPU 0 with one loop, wrk on CPU 1: each side pays only its own
#        costs, which is what the TLS/plain ratio should compare).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10}
PIN=${PIN:-0}
if [ "$PIN" = 1 ]; then SERVER_PIN=(taskset -c 0); CLIENT_PIN=(taskset -c 1); LOOPS=1; else SERVER_PIN=(); CLIENT_PIN=(); LOOPS=0; fi
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
IDLE=${IDLE:-10000}
IDLE_TLS=${IDLE_TLS:-5000}
PORT_A=18091
PORT_B=18092
PORT_TLS=18093

command -v wrk >/dev/null || { [ "$(id -u)" -eq 0 ] && apt-get install -y -qq wrk; } || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
swift build -c release --product http-echo-bench >/dev/null
BIN="$(swift build -c release --show-bin-path)/http-echo-bench"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

start_server() { # name port command...
  local port=$2; shift 2
  "$@" >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "server on $port did not start" >&2; exit 1
}

certs=$(mktemp -d)
swift build -c release --product employer-agent >/dev/null
"$(swift build -c release --show-bin-path)/employer-agent" dev-cert --out "$certs" >/dev/null
start_server ours $PORT_A "${SERVER_PIN[@]}" "$BIN" $PORT_A $LOOPS $PORT_TLS "$certs/cert.pem" "$certs/key.pem"
PID_A=$(pgrep -f "http-echo-bench $PORT_A" | head -n 1)
if [ -n "${COMPARE_BIN:-}" ]; then start_server other $PORT_B "$COMPARE_BIN" $PORT_B; fi

run_wrk() { # port kind
  local args=(-t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency)
  if [ "$2" = echo ]; then
    "${CLIENT_PIN[@]}" wrk "${args[@]}" -s Benchmarks/wrk/echo.lua "http://127.0.0.1:$1/echo"
  else
    "${CLIENT_PIN[@]}" wrk "${args[@]}" "http://127.0.0.1:$1/health"
  fi | awk -v who="$3" -v kind="$2" '
    /Requests\/sec/ {rps=$2}
    /^ +50%/ {p50=$2}
    /^ +99%/ {p99=$2}
    / [0-9]+ requests in/ {n=$1}
    /Non-2xx/ {bad=$4}
    END {printf "%-6s %-7s %10.0f req/s   p50 %-8s p99 %-8s requests %s%s\n", who, kind, rps, p50, p99, n, (bad ? "  NON-2XX " bad : "")}'
}

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "# wrk -t1 -c$CONNECTIONS -d${DURATION}s, $ROUNDS rounds, alternating"
for round in $(seq 1 "$ROUNDS"); do
  for kind in health echo; do
    run_wrk $PORT_A $kind ours
    if [ -n "${COMPARE_BIN:-}" ]; then run_wrk $PORT_B $kind other; fi
  done
done

echo "# TLS (TLS 1.3, TLS_AES_256_GCM_SHA384): keep-alive throughput next to plaintext, then new connections"
echo "# server CPU = user+system time of our server process per request, from /proc around each run"
ticks_per_s=$(getconf CLK_TCK)
server_cpu() { awk '{print $14 + $15}' "/proc/$PID_A/stat"; }
keepalive() { # kind url: prints one line (req/s, latency, server CPU per request); req/s also in $certs/rps
  local before after
  before=$(server_cpu)
  "${CLIENT_PIN[@]}" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$2" >"$certs/wrk.out"
  after=$(server_cpu)
  awk -v kind="$1" -v cpu=$((after - before)) -v hz="$ticks_per_s" -v rpsfile="$certs/rps" '
    /Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} / [0-9]+ requests in/ {n=$1}
    END {printf "%-6s health  %10.0f req/s   p50 %-8s p99 %-8s server CPU %5.2f us/request\n", kind, rps, p50, p99, cpu * 1e6 / hz / n
         print rps > rpsfile}' "$certs/wrk.out"
}
for round in $(seq 1 "$ROUNDS"); do
  keepalive plain "http://127.0.0.1:$PORT_A/health"; plain_rps=$(cat "$certs/rps")
  keepalive tls "https://127.0.0.1:$PORT_TLS/health"; tls_rps=$(cat "$certs/rps")
  awk -v p="$plain_rps" -v t="$tls_rps" 'BEGIN {printf "round  TLS/plain %.1f%%\n", 100 * t / p}'
done
# Connection: close makes wrk open a new TCP+TLS connection for every request.
wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -H "Connection: close" "https://127.0.0.1:$PORT_TLS/health" | awk '
  /Requests\/sec/ {printf "tls    handshakes %10.0f new connections/s (one request each)\n", $2}'
wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -H "Connection: close" "http://127.0.0.1:$PORT_A/health" | awk '
  /Requests\/sec/ {printf "plain  connects   %10.0f new connections/s (one request each)\n", $2}'

rss() { awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' "/proc/$1/status"; }
echo "# resident memory of our server with $IDLE idle keep-alive connections"
echo "before: $(rss "$PID_A")"
report=$(mktemp)
python3 Benchmarks/idle_connections.py $PORT_A "$IDLE" 60 >"$report" &
client=$!
for _ in $(seq 1 600); do grep -q open= "$report" && break; sleep 0.1; done
sleep 0.5
echo "with idle connections: $(rss "$PID_A")  ($(cat "$report"))"
kill $client 2>/dev/null || true
rm -f "$report"

echo "# resident memory with $IDLE_TLS idle keep-alive TLS connections (one request each)"
echo "before: $(rss "$PID_A")"
report=$(mktemp)
python3 Benchmarks/idle_connections.py $PORT_TLS "$IDLE_TLS" 60 tls >"$report" &
client=$!
for _ in $(seq 1 1200); do grep -q open= "$report" && break; sleep 0.1; done
echo "right after their requests: $(rss "$PID_A")  ($(cat "$report"))"
sleep 3 # idle sessions give back their record buffers within two ticks
echo "3 s later: $(rss "$PID_A")"
kill $client 2>/dev/null || true
rm -f "$report"

echo "# durable single-row inserts (synchronous=FULL, group commit)"
swift build -c release --product storage-bench >/dev/null
"$(swift build -c release --show-bin-path)/storage-bench"
rm -rf "$certs"
