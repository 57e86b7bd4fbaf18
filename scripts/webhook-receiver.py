#!/usr/bin/env python3
"""A webhook receiver for tests and the benchmark (standard library only).

Verifies every delivery's signature independently of the agent, following the Standard
Webhooks specification: base64(HMAC-SHA256(key, f"{id}.{timestamp}.{body}")), where key
is the base64-decoded text after "whsec_", compared in constant time against each
space-separated "v1,<sig>" entry of the webhook-signature header.

Control (JSON bodies, loopback only):
  --secret whsec_… verifies against that secret from the start (repeatable).
  POST /_control {"secrets": [...], "fail_next": N, "hold": bool, "quiet": bool}
      secrets are added to those verified against; fail_next answers the next N
      deliveries 500; hold makes deliveries wait 30 s and then close without answering;
      quiet keeps only counts (for the benchmark).
  GET /_log   every delivery seen: id, timestamp, type, sequence, case_number, status,
              and for work-queue items their kind, subject id and due date
              answered, signatures (one entry per v1 entry: the index of the secret it
              matched, or -1), valid
  GET /_count {"delivered": number of deliveries answered 2xx with a valid signature}
Prints "listening PORT" once bound.
"""
import argparse, base64, hashlib, hmac, json, signal, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
state = {"secrets": [], "fail_next": 0, "hold": False, "quiet": False, "log": [], "delivered": 0}


def verify(msg_id, timestamp, body, header):
    """One result per signature entry: the index of the secret that made it, or -1."""
    with lock:
        keys = [base64.b64decode(s[len("whsec_"):]) for s in state["secrets"]]
    results = []
    for entry in header.split(" "):
        version, _, sig = entry.partition(",")
        match = -1
        if version == "v1":
            for i, key in enumerate(keys):
                expected = base64.b64encode(hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()).decode()
                if hmac.compare_digest(expected, sig):
                    match = i
        results.append(match)
    return results


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, payload=b""):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self):
        with lock:
            if self.path == "/_log":
                return self.answer(200, json.dumps(state["log"]).encode())
            if self.path == "/_count":
                return self.answer(200, json.dumps({"delivered": state["delivered"]}).encode())
        self.answer(404)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path == "/_control":
            change = json.loads(body or b"{}")
            with lock:
                state["secrets"] += change.get("secrets", [])
                for key in ("fail_next", "hold", "quiet"):
                    if key in change:
                        state[key] = change[key]
            return self.answer(200, b"{}")
        msg_id = self.headers.get("webhook-id", "")
        timestamp = self.headers.get("webhook-timestamp", "")
        signatures = verify(msg_id, timestamp, body, self.headers.get("webhook-signature", ""))
        valid = any(s >= 0 for s in signatures) and self.headers.get("Content-Type") == "application/json"
        try:
            event = json.loads(body)
        except ValueError:
            event = {}
        with lock:
            hold = state["hold"]
            if hold:
                status = 0
            elif state["fail_next"] > 0:
                state["fail_next"] -= 1
                status = 500
            else:
                status = 200 if valid else 401
            if status == 200:
                state["delivered"] += 1
            if not state["quiet"]:
                state["log"].append({"id": msg_id, "timestamp": timestamp, "type": event.get("type"),
                                     "event_id": event.get("id"), "sequence": event.get("sequence"), "occurred_at": event.get("occurred_at"),
                                     "case_number": (event.get("data") or {}).get("case_number"),
                                     "case_status": (event.get("data") or {}).get("case_status"),
                                     "item_kind": (event.get("data") or {}).get("kind"),
                                     "subject": ((event.get("data") or {}).get("subject") or {}).get("id"),
                                     "due_date": (event.get("data") or {}).get("due_date"),
                                     "has_ssn": b"ssn" in body, "status": status, "signatures": signatures, "valid": valid,
                                     "received_at": time.time()})
        if hold:
            time.sleep(30)
            self.close_connection = True
            return
        self.answer(status, b"{}")


def main():
    # A parent may spawn us with SIGTERM blocked (its thread's mask is inherited).
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--secret", action="append", default=[], help="a whsec_ secret to verify against (repeatable)")
    args = parser.parse_args()
    state["secrets"] += args.secret
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print(f"listening {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
