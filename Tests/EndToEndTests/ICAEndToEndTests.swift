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
    static func start(environment: [String: String] = [:]) throws -> Pair {
        let sandbox = try SandboxProcess()
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
