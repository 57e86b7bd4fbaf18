#!/usr/bin/env bash
# Case events per second through the outbox to a webhook receiver, on loopback, bounded
# in time: the service (access log on, durable group commit) with one webhook for one
# client pointing at scripts/webhook-receiver.py (which verifies every signature);
# CLIENTS Python threads create EVENTS draft cases (one case.created event each) as fast
# as the API takes them. Prints the creation rate, the delivery rate (events delivered
# and verified per second, first creation to last delivery) and the creation-to-delivery
# latency (p50, p99, max).
#
#   scripts/bench-webhooks.sh
# With BACKLOG=1 the receiver starts only once every case is created (deliveries fail
# and wait meanwhile), so the delivery rate is the drain of a backlog: verified
# deliveries per second from the first to the last one received.
# Knobs: EVENTS (default 2000), CLIENTS (default 4), CONCURRENT (webhook_max_concurrent,
#        default 4), BACKLOG (0 or 1), BIN (an employer-agent binary; default: this
#        tree's release build), TIMEOUT (s, default 90).
set -euo pipefail
cd "$(dirname "$0")/.."

EVENTS=${EVENTS:-2000}
CLIENTS=${CLIENTS:-4}
CONCURRENT=${CONCURRENT:-4}
TIMEOUT=${TIMEOUT:-90}
PORT=${PORT:-18195}
RECEIVER_PORT=${RECEIVER_PORT:-18196}
BACKLOG=${BACKLOG:-0}

. scripts/lib/bench-agent.sh
bench_binary

data=$(mktemp -d)
server=""
cleanup() {
  set +e  # as a trap under `set -e`, a failed step would skip the removal
  [ -n "$server" ] && kill "$server" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$data"
}
trap cleanup EXIT

export AGENT_WEBHOOK_RETRY_BASE_SECONDS=0.5 AGENT_WEBHOOK_RETRY_MAX_SECONDS=1 AGENT_WEBHOOK_MAX_ATTEMPTS=1000
export AGENT_WEBHOOK_ALLOW_INSECURE_HTTP=true AGENT_WEBHOOK_ALLOW_PRIVATE_ADDRESSES=true AGENT_WEBHOOK_MAX_CONCURRENT="$CONCURRENT"
export AGENT_HOST=127.0.0.1 AGENT_PASSWORD_HASH_LOG_N=10
bench_prepare "$data"
bench_serve "$data" "$PORT"

timeout "$TIMEOUT" python3 - "$PORT" "$RECEIVER_PORT" "$EVENTS" "$CLIENTS" "$BACKLOG" <<'PY'
import http.client, json, subprocess, sys, threading, time
port, rport, events, clients, backlog = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5] == "1"
receiver = None
def start_receiver(secret=None):
    global receiver
    extra = ["--secret", secret] if secret else []
    receiver = subprocess.Popen([sys.executable, "scripts/webhook-receiver.py", "--port", str(rport)] + extra, stdout=subprocess.PIPE)
    receiver.stdout.readline()
import atexit
atexit.register(lambda: receiver and receiver.kill())
if not backlog: start_receiver()

def call(conn, method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token: headers["Authorization"] = "Bearer " + token
    conn.request(method, path, json.dumps(body) if body is not None else None, headers)
    r = conn.getresponse()
    data = r.read()
    return r.status, (json.loads(data) if data else None)

api = http.client.HTTPConnection("127.0.0.1", port)
_, login = call(api, "POST", "/api/v1/authentication/login", {"username": "bench", "password": "bench-password-1"})
token = login["access_token"]
_, client = call(api, "POST", "/api/v1/clients", {"name": "Bench Co", "ein": "12-3456789", "mou_effective_date": "2024-01-02"}, token)
cid = client["client_company_id"]
call(api, "POST", "/api/v1/simulator/clock", {"set_date": "2026-11-16"}, token)
status, hook = call(api, "POST", f"/api/v1/clients/{cid}/webhooks",
                    {"url": f"http://127.0.0.1:{rport}/hook", "events": ["case.created"]}, token)
assert status == 201, hook
def arm_receiver():
    global rc
    rc = http.client.HTTPConnection("127.0.0.1", rport)
    call(rc, "POST", "/_control", {"secrets": [hook["secret"]]})
if not backlog: arm_receiver()

def body(i):
    return {"client_company_id": cid, "first_name": "Bench", "last_name": "Person", "date_of_birth": "1990-01-01",
            "ssn": f"2{(i // 9999) % 100:02d}-{(i // 9999) // 100 + 10:02d}-{i % 9999 + 1:04d}",
            "citizenship_status_code": "US_CITIZEN", "document_b_type_code": "DRIVERS_LICENSE",
            "document_c_type_code": "SOCIAL_SECURITY_CARD", "document_bc_number": "D1234567", "us_state_code": "CA",
            "expiration_date": "2030-01-01", "date_of_hire": "2026-11-16", "offer_accepted_date": "2026-11-02",
            "i9_section1_date": "2026-11-16", "i9_section2_date": "2026-11-16"}

failures = []
def worker(k):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    for i in range(k, events, clients):
        status, answer = call(conn, "POST", "/api/v1/cases", body(i), token)
        if status != 201: failures.append((status, answer))

start = time.time()
threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
for t in threads: t.start()
for t in threads: t.join()
created = time.time()
if failures: sys.exit(f"{len(failures)} creations failed, first: {failures[0]}")
if backlog:
    start_receiver(hook["secret"])
    arm_receiver()
while True:
    _, count = call(rc, "GET", "/_count")
    if count["delivered"] >= events: break
    time.sleep(0.02)
done = time.time()
_, log = call(rc, "GET", "/_log")
ok = [e for e in log if e["status"] == 200]
invalid = sum(1 for e in log if not e["valid"])
from datetime import datetime
lat = sorted(e["received_at"] - datetime.fromisoformat(e["occurred_at"].replace("Z", "+00:00")).timestamp() for e in ok)
pct = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000
print(f"events={events} clients={clients} invalid_signatures={invalid}")
print(f"created: {events / (created - start):.0f} events/s over {created - start:.2f} s")
if backlog:
    span = max(e["received_at"] for e in ok) - min(e["received_at"] for e in ok)
    print(f"backlog drained: {len(ok) / span:.0f} events/s ({len(ok)} deliveries in {span:.2f} s, first to last received)")
else:
    print(f"delivered: {len(ok) / (done - start):.0f} events/s (first creation to last delivery, {done - start:.2f} s); "
          f"drain after the last creation {done - created:.2f} s")
if not backlog: print(f"creation-to-delivery latency: p50 {pct(0.5):.0f} ms, p99 {pct(0.99):.0f} ms, max {lat[-1] * 1000:.0f} ms")
PY
