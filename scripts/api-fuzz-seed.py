#!/usr/bin/env python3
"""Seeds a fresh service in simulation with one object of each kind the API addresses by
id (a client with its IMAGE tip line, a user and an API key, cases in several states, a
hire, a webhook with a delivery, an incident, contacts, a federal contract with an
employee, a manual version, a no-match letter, a tip), then writes schemathesis.toml so
the fuzzer's path parameters name these objects instead of ids that do not exist.

usage: api-fuzz-seed.py BASE_URL TOKEN OUT_DIR ADMIN_USERNAME ADMIN_PASSWORD
"""
import json
import sys
import time
import urllib.error
import urllib.request

base, token, out_dir, admin_username, admin_password = sys.argv[1:6]


def call(method, path, body=None, auth=True, expect=(200, 201)):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if auth:
        headers["Authorization"] = "Bearer " + token
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, method=method, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            status, text = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read()
    if status not in expect:
        raise SystemExit(f"api-fuzz-seed: {method} {path} answered {status}: {text[:300]!r}")
    return json.loads(text) if text and text[:1] in (b"{", b"[") else {}


# The simulated Monday the end-to-end tests use, so the catalog's dates line up.
call("POST", "/api/v1/simulator/clock", {"set_date": "2026-11-16"})
client = call("POST", "/api/v1/clients", {"name": "Fuzz Staffing", "ein": "12-3456789", "mou_effective_date": "2024-01-02",
                                          "federal_contractor": True})["client_company_id"]
# PATCH and the token rotation go to a second client: on the first they would switch its
# tip line off or replace the token the tip routes are given.
second_client = call("POST", "/api/v1/clients", {"name": "Fuzz Second", "ein": "98-7654321",
                                                 "mou_effective_date": "2024-01-02"})["client_company_id"]
tip_token = call("PATCH", f"/api/v1/clients/{client}", {"image_member": True, "tip_line_enabled": True})["tip_token"]
user = call("POST", "/api/v1/users", {"username": "fuzz.user", "full_name": "Fuzz User", "password": "fuzz-user-password-1",
                                      "role": "CLIENT_ADMIN", "client_company_id": client})["id"]
api_key = call("POST", f"/api/v1/clients/{client}/api_keys", {"user_id": user, "name": "fuzz key"})["id"]
# The DELETE routes get objects of their own, so the other routes keep theirs for the whole run.
doomed_key = call("POST", f"/api/v1/clients/{client}/api_keys", {"user_id": user, "name": "fuzz key to revoke"})["id"]


def case(ssn, first, last, dob, citizenship="US_CITIZEN", **extra):
    body = {"client_company_id": client, "first_name": first, "last_name": last, "date_of_birth": dob, "ssn": ssn,
            "citizenship_status_code": citizenship, "document_b_type_code": "DRIVERS_LICENSE",
            "document_c_type_code": "SOCIAL_SECURITY_CARD", "document_bc_number": "D1234567", "us_state_code": "CA",
            "expiration_date": "2030-01-01", "date_of_hire": "2026-11-16", "offer_accepted_date": "2026-11-02",
            "i9_section1_date": "2026-11-16", "i9_section2_date": "2026-11-16", "employer_case_id": "HR-" + last}
    body.update(extra)
    return call("POST", "/api/v1/cases", body)["case_number"]


def list_a(ssn, first, last, dob, citizenship, document, **extra):
    none = {"document_b_type_code": None, "document_c_type_code": None, "document_bc_number": None, "us_state_code": None}
    return case(ssn, first, last, dob, citizenship=citizenship, document_a_type_code=document, **none, **extra)


# A draft, a case waiting for the user to confirm its data, a case in mismatch with its
# notice to print, one waiting for a photo match, and a closed one: each route finds a
# case it can act on.
draft = case("170-20-1003", "Noah", "Nocase", "1991-03-03")
closed = case("151-20-1001", "Avery", "Quickpass", "1990-02-14")
unconfirmed = case("152-20-1002", "Katharine", "Spelling", "1987-06-30")
mismatch = list_a("154-20-1004", "Omar", "Nomatch", "1979-11-02", "LAWFUL_PERMANENT_RESIDENT", "FORM_I551",
                  alien_number="A100001004", i551_number="SRC1234567890")
photo = list_a("156-20-1006", "Phoebe", "Photomatch", "1995-01-20", "LAWFUL_PERMANENT_RESIDENT", "FORM_I551",
               alien_number="A100001006", i551_number="SRC1234567891")
for number in (closed, unconfirmed, mismatch, photo):
    call("POST", f"/api/v1/cases/{number}/submit")
cases = [draft, closed, unconfirmed, mismatch, photo]

hire = call("POST", f"/api/v1/clients/{client}/hires", {"employee_id": "E1", "first_name": "Noah", "last_name": "Nocase",
                                                        "ssn": "170-20-1003", "date_of_hire": "2026-11-16"})["id"]
webhook = call("POST", f"/api/v1/clients/{client}/webhooks",
               {"url": "http://127.0.0.1:9/hook", "events": ["*"], "description": "fuzz"})["id"]
incident = call("POST", "/api/v1/incidents", {"discovered_at": "2026-11-02T09:30:00Z", "suspected": True,
                                              "description": "A laptop was lost.", "records_affected": 3})["id"]
contact = call("POST", f"/api/v1/clients/{client}/contacts", {"name": "Pat Doe", "kind": "HR", "email": "pat@example.com"})["id"]
doomed_contact = call("POST", f"/api/v1/clients/{client}/contacts", {"name": "Sam Doe", "kind": "LEGAL", "phone": "202-555-0101"})["id"]
doomed_webhook = call("POST", f"/api/v1/clients/{second_client}/webhooks",
                      {"url": "http://127.0.0.1:9/gone", "events": ["*"], "description": "fuzz, to delete"})["id"]
agent_contact = call("POST", "/api/v1/contacts", {"name": "Lee Roe", "kind": "PROGRAM_ADMIN", "phone": "202-555-0100"})["id"]
contract = call("POST", f"/api/v1/clients/{client}/federal_contracts",
                {"contract_number": "FUZZ-1", "award_date": "2026-10-01"})["id"]
call("POST", f"/api/v1/federal_contracts/{contract}/employees", {"employee_id": "E9", "first_name": "Ivy", "last_name": "Lane",
                                                                 "assigned_on": "2026-10-15", "ssn": "171-20-1009"})
manual = call("POST", "/api/v1/manual_versions", {"version": "fuzz-1", "released_on": "2026-11-02", "summary": "Fuzz"})["id"]
letter = call("POST", f"/api/v1/clients/{client}/no_match_letters",
              {"received_on": "2026-11-02", "employee_id": "E1", "letter_type": "EDCOR"})["id"]
follow_up = call("POST", f"/tips/{tip_token}", {"message": "A tip."}, auth=False)["follow_up_code"]
tip = call("GET", f"/api/v1/clients/{client}/tips")["tips"][0]["id"]

# A delivery exists once the webhook worker tried the case events (the address refuses).
delivery = None
for _ in range(50):
    deliveries = call("GET", f"/api/v1/webhooks/{webhook}/deliveries").get("deliveries", [])
    if deliveries:
        delivery = deliveries[0]["id"]
        break
    time.sleep(0.1)


def toml(value):
    return json.dumps(value)


# Ids whose parameter name means one thing everywhere; `id` and `cid` name a client, a
# user, an API key, a contact or a contract depending on the path, so those go by path.
parameters = {"path.n": {"dictionary": "cases"}, "path.hid": hire, "path.iid": incident,
              "path.lid": letter, "path.tid": tip, "path.vid": manual, "path.token": tip_token,
              "path.code": follow_up, "path.list": {"dictionary": "reference_lists"}}
if delivery:
    parameters["path.did"] = delivery
changes_client = ["PATCH /api/v1/clients/{id}", "POST /api/v1/clients/{id}/tip_token/rotate"]
# Each case operation gets the case in the state it acts on (the others draw from all).
case_for = {"POST /api/v1/cases/{n}/submit": draft, "PATCH /api/v1/cases/{n}": draft,
            "POST /api/v1/cases/{n}/confirm_details": unconfirmed, "GET /api/v1/cases/{n}/confirm_details_fields": unconfirmed,
            "POST /api/v1/cases/{n}/refer": mismatch, "POST /api/v1/cases/{n}/no_action": mismatch,
            "GET /api/v1/cases/{n}/further_action_notice": mismatch, "GET /api/v1/cases/{n}/referral_date_confirmation": mismatch,
            "GET /api/v1/cases/{n}/retrieve_photo": photo, "POST /api/v1/cases/{n}/photo_match": photo,
            "POST /api/v1/cases/{n}/scan_and_upload": photo, "POST /api/v1/cases/{n}/reverification": closed,
            "POST /api/v1/cases/{n}/close": unconfirmed, "POST /api/v1/cases/{n}/review": mismatch}
by_name = [(name, {"path.id": second_client}) for name in changes_client]
by_name += [(name, {"path.n": number}) for name, number in case_for.items()]
doomed = {"DELETE /api/v1/api_keys/{id}": {"path.id": doomed_key}, "DELETE /api/v1/contacts/{cid}": {"path.cid": doomed_contact},
          "DELETE /api/v1/webhooks/{wid}": {"path.wid": doomed_webhook}}
by_name += list(doomed.items())
by_path = [
    (r"^/api/v1/clients/\{id\}", {"path.id": client}),
    (r"^/api/v1/users/\{id\}", {"path.id": user}),
    (r"^/api/v1/api_keys/\{id\}", {"path.id": api_key}),
    (r"^/api/v1/contacts/\{cid\}", {"path.cid": {"dictionary": "contacts"}}),
    (r"^/api/v1/webhooks/\{wid\}", {"path.wid": webhook}),
    (r"^/api/v1/federal_contracts/\{cid\}", {"path.cid": contract}),
    # Half the logins use the admin's real name and password, so a successful one is tried too.
    (r"^/api/v1/authentication/login$", {"body.username": {"dictionary": "admin_username", "probability": 0.5},
                                         "body.password": {"dictionary": "admin_password", "probability": 0.5}}),
]


def inline(table):
    def value(v):
        if not isinstance(v, dict):
            return toml(v)
        return "{ " + ", ".join(f"{name} = {toml(item)}" for name, item in v.items()) + " }"
    return "{ " + ", ".join(f"{toml(k)} = {value(v)}" for k, v in table.items()) + " }"


lists = ["case_closure_reasons", "case_eligibility_statement", "case_status", "citizenship_statuses", "country_codes",
         "document_sub_types", "document_types", "duplicate_continue_reasons", "reasons_for_delay", "referral_statuses",
         "us_state_codes"]
lines = ["# Written by scripts/api-fuzz-seed.py for one run: the ids of the objects it created.",
         f"parameters = {inline(parameters)}", "",
         f"[dictionaries.cases]\nvalues = {toml(cases)}", "",
         f"[dictionaries.contacts]\nvalues = {toml([contact, agent_contact])}", "",
         f"[dictionaries.reference_lists]\nvalues = {toml(lists)}", "",
         f"[dictionaries.admin_username]\nvalues = {toml([admin_username])}", "",
         f"[dictionaries.admin_password]\nvalues = {toml([admin_password])}", ""]
for name, table in by_name:
    lines += ["[[operations]]", f"include-name = {toml(name)}", f"parameters = {inline(table)}", ""]
for regex, table in by_path:
    exclude = [name for name in changes_client if regex.startswith("^/api/v1/clients/")]
    exclude += [name for name in doomed if name.split(" ")[1].startswith(regex[1:].replace("\\", ""))]
    lines += ["[[operations]]", f"include-path-regex = {toml(regex)}"] + ([f"exclude-name = {toml(exclude)}"] if exclude else [])
    lines += [f"parameters = {inline(table)}", ""]
with open(out_dir + "/schemathesis.toml", "w") as out:
    out.write("\n".join(lines))
print(f"api-fuzz-seed: {len(cases)} cases, client {client}, delivery {'yes' if delivery else 'none'}")
