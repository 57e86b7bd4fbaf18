import Foundation
import Testing
import TestSupport

/// Issue 12, item 1: what is kept for an Idempotency-Key holds no personal data in
/// clear, is compared by a keyed MAC, and is replayed only to a caller who may still
/// see the case.
@Suite struct IdempotencyEndToEndTests {
    /// A person the simulator does not know, so nothing but the case itself holds these values.
    static let person = (first: "Zebulon", last: "Keptanswer", dob: "1977-03-05", ssn: "152-33-4455",
                         email: "zeb.keptanswer@example.com")

    static func body(client: String) -> [String: Any] {
        CaseEndToEndTests.body(client: client, ssn: person.ssn, first: person.first, last: person.last, dob: person.dob,
                               extra: ["employee_email_address": person.email, "employer_case_id": "HR-7781"])
    }

    /// Every byte of every file under `directory` (database, WAL, key file, logs).
    static func allBytes(under directory: URL) -> [Data] {
        let paths = FileManager.default.enumerator(atPath: directory.path)?.compactMap { $0 as? String } ?? []
        return paths.compactMap { FileManager.default.contents(atPath: directory.appendingPathComponent($0).path) }
    }

    @Test("Issue 12.1: a case created with an Idempotency-Key leaves no name, email, date of birth or SSN in clear on disk")
    func keptAnswersAreSealed() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let key = [("Idempotency-Key", "sealed-0001")]
        let first = try desk.admin.call("POST", "/api/v1/cases", Self.body(client: desk.client), headers: key)
        #expect(first.status == 201)
        #expect(first.response.bodyText.contains(Self.person.last))
        let replay = try desk.admin.call("POST", "/api/v1/cases", Self.body(client: desk.client), headers: key)
        #expect(replay.status == 201)
        #expect(replay.response.header("Idempotent-Replayed") == "true")
        #expect(replay.response.bodyText == first.response.bodyText)

        let secrets = [Self.person.first, Self.person.last, Self.person.dob, Self.person.ssn, "152334455", Self.person.email]
        // While the agent runs (the WAL holds the latest pages) and after it stopped.
        for phase in ["running", "stopped"] {
            if phase == "stopped" { desk.world.agent.stop() }
            let files = Self.allBytes(under: desk.world.agent.dataDir)
            #expect(!files.isEmpty)
            for secret in secrets {
                let needle = Data(secret.utf8)
                #expect(!files.contains { $0.range(of: needle) != nil }, "\(phase): '\(secret)' is on disk in clear")
            }
        }
    }

    @Test("Issue 12.1: a replay answers 404 once the caller may no longer see the case")
    func replayRechecksVisibility() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let clerkID = try IdentityEndToEndTests.user(admin, "acme.clerk", role: "CLIENT_ADMIN", client: desk.client)
        let clerk = try IdentityEndToEndTests.activate(desk.port, "acme.clerk", new: "acme-clerk-password-1")
        #expect(try admin.call("POST", "/api/v1/training/records", ["user_id": clerkID, "date": "2026-01-05", "score_percent": 90]).status == 201)
        var body = Self.body(client: desk.client)
        body.removeValue(forKey: "client_company_id")
        let key = [("Idempotency-Key", "moved-0001")]
        let created = try clerk.call("POST", "/api/v1/cases", body, headers: key)
        #expect(created.status == 201)
        #expect(try clerk.call("POST", "/api/v1/cases", body, headers: key).status == 201)

        // The clerk moves to another client: the kept answer names a case it may not see now.
        let other = try IdentityEndToEndTests.client(admin, name: "Other Co", ein: "55-1234567")
        #expect(try admin.call("PATCH", "/api/v1/users/\(clerkID)", ["client_company_id": other]).status == 200)
        let replay = try clerk.call("POST", "/api/v1/cases", body, headers: key)
        #expect(replay.status == 404)
        #expect(!replay.response.bodyText.contains(Self.person.last))
    }
}
