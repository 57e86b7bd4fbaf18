#!/usr/bin/env python3
"""Seeds a running agent for the case benchmark: simulator people (so the benchmark's
cases come back Employment Authorized) or draft cases (data already stored), posted
over keep-alive connections from a few threads. Standard library only.

  seed.py people PORT TOKEN FIRST COUNT
  seed.py drafts PORT TOKEN CLIENT FIRST COUNT
"""
import http.client
import json
import sys
import threading


def ssn(index):
    # Area 201 onwards, every group 01-99 and serial 0001-9999: valid SSNs in form,
    # the same mapping as Benchmarks/wrk/case-pairs.lua.
    area, rest = divmod(index, 99 * 9999)
    group, serial = divmod(rest, 9999)
    return "%03d-%02d-%04d" % (201 + area, group + 1, serial + 1)


def person(index):
    return {"ssn": ssn(index), "first_name": "Bench", "last_name": "Person", "date_of_birth": "1990-01-01",
            "citizenship_status_code": "US_CITIZEN"}


def draft(index, client):
    return {"client_company_id": client, "first_name": "Bench", "last_name": "Person", "date_of_birth": "1990-01-01",
            "ssn": ssn(index), "citizenship_status_code": "US_CITIZEN", "document_b_type_code": "DRIVERS_LICENSE",
            "document_c_type_code": "SOCIAL_SECURITY_CARD", "document_bc_number": "D1234567", "us_state_code": "CA",
            "expiration_date": "2030-01-01", "date_of_hire": "2026-11-16", "offer_accepted_date": "2026-11-02",
            "i9_section1_date": "2026-11-16", "i9_section2_date": "2026-11-16"}


def post_all(port, token, path, bodies, threads=8):
    failures = []
    lock = threading.Lock()
    position = [0]

    def work():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
        while True:
            with lock:
                index = position[0]
                position[0] += 1
            if index >= len(bodies):
                break
            connection.request("POST", path, body=json.dumps(bodies[index]), headers=headers)
            reply = connection.getresponse()
            text = reply.read()
            if reply.status >= 300:
                with lock:
                    failures.append((reply.status, text[:200]))
        connection.close()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if failures:
        sys.exit("%d of %d failed, first: %r" % (len(failures), len(bodies), failures[0]))


def main():
    kind, port, token = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if kind == "people":
        first, count = int(sys.argv[4]), int(sys.argv[5])
        post_all(port, token, "/api/v1/simulator/people", [person(i) for i in range(first, first + count)])
    elif kind == "drafts":
        client, first, count = sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
        post_all(port, token, "/api/v1/cases", [draft(i, client) for i in range(first, first + count)])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
