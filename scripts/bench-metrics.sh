#!/usr/bin/env bash
# What request metrics cost: the release service started twice on loopback, once with
# metrics_enabled and once without, GET /health with wrk alternating A B A B in one run
# (req/s, p50, p99). The access log is off in both, so only the counting differs.
# Knobs: DURATION (s, default 10), ROUNDS (default 3), CONNECTIONS (default 32).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/bench-agent.sh

DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
PORT_ON=${PORT_ON:-18101}
PORT_OFF=${PORT_OFF:-18102}
command -v wrk >/dev/null || { [ "$(id -u)" -eq 0 ] && apt-get install -y -qq wrk; } || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
bench_binary

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
export AGENT_ACCESS_LOG=false AGENT_HOST=127.0.0.1
mkdir -p "$work/on" "$work/off"
bench_prepare "$work/on"
bench_prepare "$work/off"
AGENT_METRICS_ENABLED=true bench_serve "$work/on" "$PORT_ON"
pids+=("$server")
AGENT_METRICS_ENABLED=false bench_serve "$work/off" "$PORT_OFF"
pids+=("$server")
curl -sf "http://127.0.0.1:$PORT_ON/metrics" >/dev/null || { echo "metrics are not served on $PORT_ON" >&2; exit 1; }
if curl -sf "http://127.0.0.1:$PORT_OFF/metrics" >/dev/null; then echo "metrics are served on $PORT_OFF" >&2; exit 1; fi

run() { # port → "req/s p50 p99"
  wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$1/health" | awk '
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = $2 }
    $1 == "99%" { p99 = $2 }
    END { printf "%s %s %s", rps, p50, p99 }'
}
printf '%-6s %-12s %12s %10s %10s\n' round metrics req/s p50 p99
for round in $(seq 1 "$ROUNDS"); do
  for mode in on off; do
    port=$PORT_ON; [ "$mode" = off ] && port=$PORT_OFF
    read -r rps p50 p99 <<<"$(run "$port")"
    printf '%-6s %-12s %12s %10s %10s\n' "$round" "$mode" "$rps" "$p50" "$p99"
  done
done
echo "counted on the metrics side: $(curl -s "http://127.0.0.1:$PORT_ON/metrics" | grep -E '^http_requests_total\{route="/health",method="GET",status="200"\}' || true)"
