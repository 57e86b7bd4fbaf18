import Foundation
import Glibc
import Testing
import TestSupport

/// The agent with `government_mode: ica` against `employer-agent ica-sandbox`: two
/// processes over HTTPS, the agent's clock following the sandbox's, catalog paths walked
/// through the agent's own API, and the faults of a real connection.
@Suite(.serialized) struct ICAEndToEndTests {
    struct Pair {
        let sandbox: SandboxProcess
        let desk: CaseEndToEndTests.Desk
        var admin: APIClient { desk.admin }

        /// Advances the sandbox's clock: the agent sees the results at its next poll.
        func advance(_ days: Int) throws {
            let moved = try sandbox.call("POST", "/sandbox/clock", ["advance_work_days": days])
            #expect(moved.status == 200)
        }

        func stop() {
            desk.world.agent.stop()
            sandbox.stop()
        }
    }

    /// The sandbox on Monday 2026-11-16, then an agent pointed at it with the password in a 0600 file.
    static func start(environment: [String: String] = [:], sandboxArguments: [String] = []) throws -> Pair {
        let sandbox = try SandboxProcess(arguments: sandboxArguments)
        guard try sandbox.call("POST", "/sandbox/clock", ["set_date": "2026-11-16"]).status == 200 else {
            throw TestClientError.io("sandbox clock not set:\n\(sandbox.logText)")
        }
        let passwordFile = sandbox.certificate.directory + "/ica-password"
        _ = FileManager.default.createFile(atPath: passwordFile, contents: Data("sandbox-pass\n".utf8), attributes: [.posixPermissions: 0o600])
        var env = ["AGENT_GOVERNMENT_MODE": "ica", "AGENT_ICA_BASE_URL": sandbox.baseURL, "AGENT_ICA_USERNAME": "sandbox01",
                   "AGENT_ICA_PASSWORD_FILE": passwordFile, "AGENT_ICA_CA_FILE": sandbox.certificate.cert,
                   "AGENT_ICA_FOLLOW_SANDBOX_CLOCK": "true", "AGENT_ICA_TIMEOUT_SECONDS": "5",
                   "AGENT_GOVERNMENT_POLL_SECONDS": "1", "AGENT_GOVERNMENT_RETRY_BASE_SECONDS": "1",
                   "AGENT_GOVERNMENT_RETRY_MAX_SECONDS": "2"]
        for (key, value) in environment { env[key] = value }
        let world = try IdentityEndToEndTests.startWorld(environment: env)
        let client = try IdentityEndToEndTests.client(world.admin, name: "Acme Staffing", ein: "12-3456789")
        return Pair(sandbox: sandbox, desk: CaseEndToEndTests.Desk(world: world, client: client))
    }

    @Test("EA over ICA: the case is created and submitted on the sandbox; one login; operations show the mode")
    func employmentAuthorized() throws {
        let pair = try Self.start()
        defer { pair.stop() }
        _ = try CatalogPathTests.walk(pair.desk, CaseEndToEndTests.body(client: pair.desk.client, ssn: "151-20-1001", first: "Avery",
                                                                       last: "Quickpass", dob: "1990-02-14"),
                                      [.submit("CLOSED/EMPLOYMENT_AUTHORIZED")], advance: pair.advance)
        #expect(try pair.sandbox.call("GET", "/sandbox/status").json["logins"] as? Int == 1)
        let operations = try pair.admin.call("GET", "/api/v1/operations/government")
        #expect(operations["mode"] as? String == "ica")
        #expect(operations["last_login_at"] is String)
        let ready = try pair.admin.call("GET", "/ready")
        #expect(ready.response.bodyText.contains("mode ica"))
        // The agent's clock is the sandbox's: the simulator routes are gone, the date follows.
        #expect(try pair.admin.call("POST", "/api/v1/simulator/clock", ["advance_work_days": 1]).status == 404)
        #expect(!pair.desk.world.agent.logText.contains("sandbox-pass"))
    }

    @Test("are-you-sure, confirmed, SSA TNC referred after the notice was downloaded, EA polled after the sandbox's clock moved")
    func ssaTNCWithReferral() throws {
        let pair = try Self.start()
        defer { pair.stop() }
        _ = try CatalogPathTests.walk(pair.desk, CaseEndToEndTests.body(client: pair.desk.client, ssn: "153-20-1003", first: "Dana",
                                                                       last: "Datemix", dob: "1985-04-07"), [
            .submit("UNCONFIRMED_DATA"), .confirm(["date_of_birth": "1985-04-07"], "PENDING_REFERRAL"), .notice,
            .refer("REFERRED"), .advance(4, "CLOSED", "EMPLOYMENT_AUTHORIZED"),
        ], advance: pair.advance)
    }

    @Test("DHS TNC on a permanent resident card, contested, then EA")
    func dhsTNC() throws {
        let pair = try Self.start()
        defer { pair.stop() }
        _ = try CatalogPathTests.walk(pair.desk, CatalogPathTests.listA(pair.desk.client, ssn: "154-20-1004", first: "Omar", last: "Nomatch",
                                                                       dob: "1979-11-02", citizenship: "LAWFUL_PERMANENT_RESIDENT",
                                                                       document: "FORM_I551",
                                                                       extra: ["alien_number": "A100001004", "i551_number": "SRC1234567890"]), [
            .submit("PENDING_REFERRAL"), .notice, .refer("REFERRED"), .advance(5, "CLOSED", "EMPLOYMENT_AUTHORIZED"),
        ], advance: pair.advance)
    }

    @Test("TNC-6 over ICA: photo mismatch, copies sent multipart, DHS photo TNC contested, EA")
    func photoMismatch() throws {
        let pair = try Self.start()
        defer { pair.stop() }
        _ = try CatalogPathTests.walk(pair.desk, CatalogPathTests.listA(pair.desk.client, ssn: "157-20-1007", first: "Milo", last: "Mismatch",
                                                                       dob: "1989-12-01", citizenship: "NONCITIZEN_AUTHORIZED_TO_WORK",
                                                                       document: "FORM_I766",
                                                                       extra: ["alien_number": "A100001007", "i766_number": "IOE1234567890"]), [
            .submit("PHOTO_MATCH"), .retrievePhoto, .photo("NOT_MATCHING", "SCAN_AND_UPLOAD"), .uploadMultipart("PENDING_REFERRAL"),
            .notice, .refer("REFERRED"), .advance(5, "CLOSED", "EMPLOYMENT_AUTHORIZED"),
        ], advance: pair.advance)
    }

    @Test("the government's own notices pass through as PDFs (source=government); the agent's rendering stays the default")
    func governmentNoticesPassThrough() throws {
        let pair = try Self.start()
        defer { pair.stop() }
        let body = CatalogPathTests.listA(pair.desk.client, ssn: "154-20-1004", first: "Omar", last: "Nomatch", dob: "1979-11-02",
                                          citizenship: "LAWFUL_PERMANENT_RESIDENT", document: "FORM_I551",
                                          extra: ["alien_number": "A100001004", "i551_number": "SRC1234567890"])
        let number = try CaseEndToEndTests.created(try pair.admin.call("POST", "/api/v1/cases", body))
        #expect(try pair.admin.call("POST", "/api/v1/cases/\(number)/submit")["case_status"] as? String == "PENDING_REFERRAL")
        let passed = try pair.admin.call("GET", "/api/v1/cases/\(number)/further_action_notice?source=government")
        #expect(passed.status == 200)
        #expect(passed.response.body.starts(with: Array("%PDF".utf8)))
        #expect(passed.response.bodyText.contains("Further Action Notice, case"))
        #expect(try pair.admin.call("GET", "/api/v1/cases/\(number)/further_action_notice?source=elsewhere").status == 422)
        #expect(try pair.admin.call("POST", "/api/v1/cases/\(number)/refer", ["employee_notified": true])["case_status"] as? String == "REFERRED")
        let confirmation = try pair.admin.call("GET", "/api/v1/cases/\(number)/referral_date_confirmation?source=government")
        #expect(confirmation.response.bodyText.contains("Referral Date Confirmation"))
    }

    @Test("a short token life: the agent refreshes before expiry instead of logging in again")
    func refreshBeforeExpiry() throws {
        // An 8-second token is refreshed from 6 s on (a quarter of its life before the end);
        // the worker's polls (every second) and the next submission give it the chance.
        let pair = try Self.start(sandboxArguments: ["--token-seconds", "8"])
        defer { pair.stop() }
        let first = try CaseEndToEndTests.created(try pair.admin.call("POST", "/api/v1/cases", ICAFaultTests.eaBody(pair)))
        #expect(try pair.admin.call("POST", "/api/v1/cases/\(first)/submit")["case_status"] as? String == "CLOSED")
        Thread.sleep(forTimeInterval: 6.5)
        let second = try CaseEndToEndTests.created(try pair.admin.call("POST", "/api/v1/cases", ICAFaultTests.eaBody(pair, again: true)))
        #expect(try pair.admin.call("POST", "/api/v1/cases/\(second)/submit")["case_status"] as? String == "CLOSED")
        let status = try pair.sandbox.call("GET", "/sandbox/status").json
        #expect(status["login_attempts"] as? Int == 1)
        #expect((status["logins"] as? Int ?? 0) >= 2)
    }

    @Test("dual TNC contested, final nonconfirmation polled, closed as terminated")
    func dualTNCThenFNC() throws {
        let pair = try Self.start()
        defer { pair.stop() }
        _ = try CatalogPathTests.walk(pair.desk, CaseEndToEndTests.body(client: pair.desk.client, ssn: "155-20-1005", first: "Devon",
                                                                       last: "Bothways", dob: "1992-09-09",
                                                                       citizenship: "NONCITIZEN_AUTHORIZED_TO_WORK", alien: "A100001005"), [
            .submit("PENDING_REFERRAL"), .notice, .refer("REFERRED"),
            .advance(6, "FINAL_NONCONFIRMATION", "FINAL_NONCONFIRMATION"),
            .close("EMPLOYEE_TERMINATED_FOR_FNC_RESULT", false, "CLOSED/FINAL_NONCONFIRMATION"),
        ], advance: pair.advance)
    }

    @Test("manual review: the expected date comes over the wire, EA is polled after 3 federal work days")
    func manualReview() throws {
        let pair = try Self.start()
        defer { pair.stop() }
        _ = try CatalogPathTests.walk(pair.desk, CaseEndToEndTests.body(client: pair.desk.client, ssn: "158-20-1008", first: "Nina",
                                                                       last: "Moretime", dob: "1983-05-05",
                                                                       citizenship: "LAWFUL_PERMANENT_RESIDENT", alien: "A100001008"), [
            .submit("MANUAL_REVIEW"), .advance(3, "CLOSED", "EMPLOYMENT_AUTHORIZED"),
        ], advance: pair.advance)
    }

    @Test("TNC-9 over ICA: not contested (no_action), then closed")
    func noActionThenClose() throws {
        let pair = try Self.start()
        defer { pair.stop() }
        let admin = pair.admin
        let number = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: pair.desk.client, ssn: "165-20-1015", first: "Grace", last: "Memoriam", dob: "1931-01-01")))
        #expect(try admin.call("POST", "/api/v1/cases/\(number)/submit")["case_status"] as? String == "PENDING_REFERRAL")
        _ = try admin.call("GET", "/api/v1/cases/\(number)/further_action_notice")
        let final = try admin.call("POST", "/api/v1/cases/\(number)/no_action", ["employee_notified": true])
        #expect(final["case_status"] as? String == "FINAL_NONCONFIRMATION")
        let closed = try admin.call("POST", "/api/v1/cases/\(number)/close",
                                    ["case_closure_reason_code": "EMPLOYEE_TERMINATED_FOR_FNC_RESULT", "currently_employed": false])
        #expect(closed["case_status"] as? String == "CLOSED")
    }

    @Test("continuance after the referral, then EA")
    func continuance() throws {
        let pair = try Self.start()
        defer { pair.stop() }
        _ = try CatalogPathTests.walk(pair.desk, CaseEndToEndTests.body(client: pair.desk.client, ssn: "159-20-1009", first: "Cody",
                                                                       last: "Continuance", dob: "1975-03-03",
                                                                       extra: ["document_c_type_code": "BIRTH_CERTIFICATE"]), [
            .submit("PENDING_REFERRAL"), .notice, .refer("REFERRED"), .advance(5, "CASE_IN_CONTINUANCE", nil),
            .advance(10, "CLOSED", "EMPLOYMENT_AUTHORIZED"),
        ], advance: pair.advance)
    }

    @Test("close and resubmit: closed on the sandbox, a new case with the right passport is authorized")
    func closeAndResubmit() throws {
        let pair = try Self.start()
        defer { pair.stop() }
        let passport = ["document_sub_type_code": "US_PASSPORT_BOOK"]
        _ = try CatalogPathTests.walk(pair.desk, CatalogPathTests.listA(pair.desk.client, ssn: "161-20-1011", first: "Carla", last: "Resubmit",
                                                                       dob: "1991-10-10", citizenship: "US_CITIZEN", document: "US_PASSPORT",
                                                                       extra: passport.merging(["us_passport_number": "561234978"]) { a, _ in a }), [
            .submit("CLOSE_CASE_AND_RESUBMIT/CLOSE_CASE_AND_RESUBMIT"), .close("INCORRECT_DATA", nil, "CLOSED/CLOSE_CASE_AND_RESUBMIT"),
        ], advance: pair.advance)
        _ = try CatalogPathTests.walk(pair.desk, CatalogPathTests.listA(pair.desk.client, ssn: "161-20-1011", first: "Carla", last: "Resubmit",
                                                                       dob: "1991-10-10", citizenship: "US_CITIZEN", document: "US_PASSPORT",
                                                                       extra: passport.merging(["us_passport_number": "561234987",
                                                                                                "duplicate_continue_reason_code": "INCORRECT_INFORMATION_ENTERED"]) { a, _ in a }), [
            .submit("CLOSED/EMPLOYMENT_AUTHORIZED"),
        ], advance: pair.advance)
    }

    @Test("TNC-4 over ICA: no contact within 8 federal work days becomes a final nonconfirmation")
    func noContactFNC() throws {
        let pair = try Self.start()
        defer { pair.stop() }
        _ = try CatalogPathTests.walk(pair.desk, CatalogPathTests.listA(pair.desk.client, ssn: "162-20-1012", first: "Nolan", last: "Nocall",
                                                                       dob: "1998-08-08", citizenship: "LAWFUL_PERMANENT_RESIDENT",
                                                                       document: "FORM_I551",
                                                                       extra: ["alien_number": "A100001012", "i551_number": "SRC1234567892"]), [
            .submit("PENDING_REFERRAL"), .notice, .refer("REFERRED"), .advance(8, "REFERRED", nil),
            .advance(1, "FINAL_NONCONFIRMATION", "FINAL_NONCONFIRMATION"),
        ], advance: pair.advance)
    }
}
