#!/usr/bin/env bash
# Instruction profile of the HTTP server's request path, plain and TLS, with callgrind.
# Instruction counts do not depend on what else the machine is doing, so this A/B is
# repeatable where wall-clock throughput on a shared VM moves by ±10%.
#
#   scripts/profile.sh                  # our echo server, GET /health, plain then TLS
#   PROFILE_BIN=/path/to/http-echo-bench scripts/profile.sh   # another build of it
#   scripts/profile.sh validate         # the case rules (CaseRules.validate) per call
#   PROFILE_BIN=/path/to/case-path-bench scripts/profile.sh validate
# Knobs: DURATION (s of wrk load under valgrind, default 10), TOP (functions listed, 15).
#
# Prints instructions per request (the whole loop thread, TLS handshakes left out) and,
# for TLS, the share inside ctls_read and ctls_write. callgrind files stay in $OUT.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10}
TOP=${TOP:-15}
PORT=18191
TLS_PORT=18192
OUT=${OUT:-$(mktemp -d)}

for tool in valgrind wrk objcopy; do
  command -v $tool >/dev/null && continue
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq valgrind wrk binutils >/dev/null; break; fi
  echo "$tool is missing: apt-get install valgrind wrk binutils" >&2; exit 1
done

# The case rules: instructions per `CaseRules.validate` of the case benchmark's body (a
# create and a submit run it once each on a loop thread), counted inside that call only.
if [ "${1:-}" = validate ]; then
  if [ -z "${PROFILE_BIN:-}" ]; then
    swift build -c release --product case-path-bench >/dev/null
    PROFILE_BIN="$(swift build -c release --show-bin-path)/case-path-bench"
  fi
  objcopy --strip-debug "$PROFILE_BIN" "$OUT/case-path-bench"
  calls=${CALLS:-2000}
  valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind-validate.out" \
    --toggle-collect='$s9AgentCore9CaseRulesO8validate_7contextAA0C4DataVAA0C5InputV_AA0C7ContextVtAA17ValidationFailureVYKFZ' \
    "$OUT/case-path-bench" "$calls" >"$OUT/valgrind-validate.log" 2>&1
  total=$(callgrind_annotate "$OUT/callgrind-validate.out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
  echo "# $(date -u +%Y-%m-%dT%H:%MZ) callgrind, $calls calls; files in $OUT"
  awk -v t="$total" -v n="$calls" 'BEGIN { printf "validate: %.0f instructions/call (the first call'"'"'s one-time setup included)\n", t / n }'
  echo "  top $TOP functions (self cost, instructions/call):"
  callgrind_annotate --threshold=100 "$OUT/callgrind-validate.out" 2>/dev/null | awk -v n="$calls" -v top="$TOP" '
    /^ *[0-9,]+ \(/ && !/PROGRAM TOTALS/ {
      c = $1; gsub(",", "", c); sub(/^ *[0-9,]+ \([ 0-9.]+%\) +/, "")
      if (shown++ < top) printf "    %7.0f  %s\n", c / n, substr($0, 1, 110) }'
  exit 0
fi

if [ -z "${PROFILE_BIN:-}" ]; then
  swift build -c release --product http-echo-bench >/dev/null
  PROFILE_BIN="$(swift build -c release --show-bin-path)/http-echo-bench"
fi
swift build -c release --product employer-agent >/dev/null
"$(swift build -c release --show-bin-path)/employer-agent" dev-cert --out "$OUT" >/dev/null

# valgrind 3.19 gives up on the DWARF 5 debug info swiftc writes; the symbol table is
# enough for function names.
objcopy --strip-debug "$PROFILE_BIN" "$OUT/echo"

profile() { # kind url
  local kind=$1 url=$2 log="$OUT/valgrind-$1.log"
  valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind-$kind.out" \
    "$OUT/echo" $PORT 1 $TLS_PORT "$OUT/cert.pem" "$OUT/key.pem" >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.2; done
  wrk -t1 -c32 -d2s "$url" >/dev/null          # warm up: code paths, heap, session state
  callgrind_control -z $pid >/dev/null 2>&1
  local requests
  requests=$(wrk -t1 -c32 -d"${DURATION}s" "$url" | awk '/ requests in/ {print $1}')
  callgrind_control -d $pid >/dev/null 2>&1
  kill $pid; wait $pid 2>/dev/null || true
  local dump
  dump=$(ls -t "$OUT"/callgrind-$kind.out.* | head -n 1)
  inclusive() { callgrind_annotate --inclusive=yes "$dump" 2>/dev/null | awk -v f="$1" '$0 ~ "[?]:"f" " && !done++ {gsub(",", "", $1); print $1}'; }
  local total handshake reads writes
  total=$(callgrind_annotate "$dump" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
  handshake=$(inclusive ctls_handshake); reads=$(inclusive ctls_read); writes=$(inclusive ctls_write)
  awk -v k="$kind" -v n="$requests" -v t="$total" -v h="${handshake:-0}" -v r="${reads:-0}" -v w="${writes:-0}" 'BEGIN {
    printf "%-5s %7d requests  %7.0f instructions/request", k, n, (t - h) / n
    if (r + w > 0) printf "  (ctls_read %.0f, ctls_write %.0f)", r / n, w / n
    printf "\n" }'
  echo "  top $TOP functions (self cost, instructions/request):"
  callgrind_annotate --threshold=100 "$dump" 2>/dev/null | awk -v n="$requests" -v top="$TOP" '
    /^ *[0-9,]+ \(/ && !/PROGRAM TOTALS/ && $0 !~ /clone|start_thread|startThread/ {
      c = $1; gsub(",", "", c); sub(/^ *[0-9,]+ \([ 0-9.]+%\) +/, "")
      if (shown++ < top) printf "    %7.0f  %s\n", c / n, substr($0, 1, 110) }'
}

echo "# $(date -u +%Y-%m-%dT%H:%MZ) callgrind, wrk -t1 -c32 -d${DURATION}s, one event loop; files in $OUT"
profile plain "http://127.0.0.1:$PORT/health"
profile tls "https://127.0.0.1:$TLS_PORT/health"
