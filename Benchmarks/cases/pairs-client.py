#!/usr/bin/env python3
"""Create + submit pairs over one keep-alive connection, timed per request by the client
itself: a check on wrk's latency figures, whose tail includes pauses of its own Lua
script. Standard library only. Run it against a service seeded as scripts/bench-cases.sh
seeds one (simulator people 0..COUNT-1, a client, the clock at 2026-11-16).

  pairs-client.py PORT TOKEN CLIENT FIRST COUNT
"""
import http.client
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seed  # noqa: E402  (the same SSNs and draft bodies as the seeding and the wrk script)


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    port, token, client, first, count = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    connection = http.client.HTTPConnection("127.0.0.1", port)
    auth = {"Authorization": "Bearer " + token}
    latencies, refused = [], 0
    for index in range(first, first + count):
        start = time.perf_counter()
        connection.request("POST", "/api/v1/cases", body=json.dumps(seed.draft(index, client)),
                           headers=dict(auth, **{"Content-Type": "application/json"}))
        reply = connection.getresponse()
        body = reply.read()
        latencies.append(time.perf_counter() - start)
        if reply.status != 201:
            refused += 1
            continue
        start = time.perf_counter()
        connection.request("POST", "/api/v1/cases/%s/submit" % json.loads(body)["case_number"], headers=auth)
        reply = connection.getresponse()
        answer = reply.read()
        latencies.append(time.perf_counter() - start)
        if reply.status != 200 or json.loads(answer).get("case_status") != "CLOSED":
            refused += 1
    latencies.sort()

    def quantile(q):
        return latencies[min(len(latencies) - 1, int(len(latencies) * q))] * 1000

    print("pairs-client: %d requests, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, above 20 ms: %d, refused: %d"
          % (len(latencies), quantile(.5), quantile(.9), quantile(.99), latencies[-1] * 1000,
             sum(1 for x in latencies if x > .02), refused))


if __name__ == "__main__":
    main()
