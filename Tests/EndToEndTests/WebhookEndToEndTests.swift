import Foundation
import Glibc
import Testing
import TestSupport

/// Webhooks against the real binary and a real receiver on loopback (a Python process
/// that checks every signature with its own hmac and base64).
@Suite struct WebhookEndToEndTests {
    /// Loopback receivers need both allowances; retries are made quick.
    static let environment = ["AGENT_WEBHOOK_ALLOW_INSECURE_HTTP": "true", "AGENT_WEBHOOK_ALLOW_PRIVATE_ADDRESSES": "true",
                              "AGENT_WEBHOOK_RETRY_BASE_SECONDS": "0.2", "AGENT_WEBHOOK_RETRY_MAX_SECONDS": "1"]

    static func register(_ admin: APIClient, client: String, url: String, events: [String] = ["*"]) throws -> (id: String, secret: String) {
        let reply = try admin.call("POST", "/api/v1/clients/\(client)/webhooks", ["url": url, "events": events, "description": "HR system"])
        guard reply.status == 201, let id = reply["id"] as? String, let secret = reply["secret"] as? String else {
            throw TestClientError.malformed("webhook create: \(reply.status) \(reply.response.bodyText)")
        }
        return (id, secret)
    }

    static func ok(_ entries: [[String: Any]]) -> [[String: Any]] { entries.filter { $0["status"] as? Int == 200 } }

    @Test("500 twice then 200: retries carry the same webhook-id; events in order with growing sequence; rotation signs twice")
    func retriesOrderAndRotation() throws {
        let receiver = try WebhookReceiver()
        defer { receiver.stop() }
        let desk = try CaseEndToEndTests.openDesk(environment: Self.environment)
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        // The case's events only: with "*" the draft's work item (announced by its own pass,
        // whenever that runs) could be delivered between them under a slow machine.
        let hook = try Self.register(admin, client: desk.client, url: receiver.url,
                                     events: ["case.created", "case.status_changed", "case.closed"])
        #expect(hook.secret.hasPrefix("whsec_"))
        #expect(try admin.call("GET", "/api/v1/webhooks/\(hook.id)").response.bodyText.contains("whsec_") == false)
        try receiver.control(["secrets": [hook.secret], "fail_next": 2])

        let number = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: desk.client, ssn: "151-20-1001", first: "Avery", last: "Quickpass", dob: "1990-02-14")))
        #expect(try admin.call("POST", "/api/v1/cases/\(number)/submit")["case_status"] as? String == "CLOSED")
        let entries = try receiver.waitFor(seconds: 20) { Self.ok($0).contains { $0["type"] as? String == "case.closed" } }
        let delivered = Self.ok(entries)
        #expect(delivered.map { $0["type"] as? String ?? "" }.first == "case.created")
        #expect(delivered.map { $0["type"] as? String ?? "" }.last == "case.closed")
        // The first event was answered 500, 500, then 200: three tries, one webhook-id.
        let first = try #require(delivered.first?["id"] as? String)
        #expect(entries.filter { $0["id"] as? String == first }.map { $0["status"] as? Int ?? 0 } == [500, 500, 200])
        #expect(delivered.allSatisfy { $0["id"] as? String == $0["event_id"] as? String })
        // Growing; not always contiguous, since the client's other events (work items) share the numbering.
        let sequences = delivered.compactMap { $0["sequence"] as? Int }
        #expect(sequences.count == delivered.count && zip(sequences, sequences.dropFirst()).allSatisfy { $0 < $1 })
        #expect(entries.allSatisfy { $0["valid"] as? Bool == true && $0["has_ssn"] as? Bool == false })
        #expect(delivered.allSatisfy { $0["case_number"] as? String == number })

        let list = try admin.call("GET", "/api/v1/webhooks/\(hook.id)/deliveries?state=DELIVERED")
        let rows = list["deliveries"] as? [[String: Any]] ?? []
        #expect(rows.count == delivered.count)
        #expect(rows.first?["attempts"] as? Int == 3)
        #expect(rows.first?["last_status_code"] as? Int == 200)
        #expect(rows.first?["event_id"] as? String == first)
        let failed = try admin.call("GET", "/api/v1/webhooks/\(hook.id)/deliveries?state=FAILED")["deliveries"] as? [[String: Any]]
        #expect(failed?.isEmpty == true)
        #expect(try admin.call("GET", "/api/v1/webhooks/\(hook.id)/deliveries?state=LOST").status == 422)

        // Rotation: the next delivery carries two v1 entries, new secret and old.
        let rotated = try admin.call("POST", "/api/v1/webhooks/\(hook.id)/rotate_secret")
        let newSecret = try #require(rotated["secret"] as? String)
        #expect(newSecret != hook.secret)
        try receiver.control(["secrets": [newSecret]])
        let second = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: desk.client, ssn: "152-20-1002", first: "Katharine", last: "Spelling", dob: "1987-06-30")))
        let after = try receiver.waitFor(seconds: 10) { Self.ok($0).contains { $0["case_number"] as? String == second } }
        let signed = Self.ok(after).first { $0["case_number"] as? String == second }
        #expect(signed?["signatures"] as? [Int] == [1, 0])
    }

    @Test("A delivery to a failing receiver ends FAILED and is sent again by hand")
    func failedThenRetriedByHand() throws {
        let receiver = try WebhookReceiver()
        defer { receiver.stop() }
        let desk = try CaseEndToEndTests.openDesk(environment: Self.environment.merging(["AGENT_WEBHOOK_MAX_ATTEMPTS": "2"]) { $1 })
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let hook = try Self.register(admin, client: desk.client, url: receiver.url, events: ["case.created"])
        try receiver.control(["secrets": [hook.secret], "fail_next": 2])
        _ = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: desk.client, ssn: "151-20-1001", first: "Avery", last: "Quickpass", dob: "1990-02-14")))
        var failed: [[String: Any]] = []
        let deadline = Date().addingTimeInterval(15)
        while failed.isEmpty && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            failed = try admin.call("GET", "/api/v1/webhooks/\(hook.id)/deliveries?state=FAILED")["deliveries"] as? [[String: Any]] ?? []
        }
        let delivery = try #require(failed.first)
        #expect(delivery["attempts"] as? Int == 2)
        #expect(delivery["last_status_code"] as? Int == 500)
        let id = try #require(delivery["id"] as? String)
        #expect(try admin.call("POST", "/api/v1/webhooks/\(hook.id)/deliveries/nope/retry").status == 404)
        let retried = try admin.call("POST", "/api/v1/webhooks/\(hook.id)/deliveries/\(id)/retry")
        #expect(retried["state"] as? String == "PENDING")
        let entries = try receiver.waitFor(seconds: 10) { !Self.ok($0).isEmpty }
        #expect(Self.ok(entries).count == 1)
        #expect(try admin.call("POST", "/api/v1/webhooks/\(hook.id)/deliveries/\(id)/retry").status == 409)
        // Only event types subscribed to are delivered: no case.status_changed here.
        #expect(entries.allSatisfy { $0["type"] as? String == "case.created" })
    }

    @Test("SIGKILL between the change and the delivery: the event is delivered after the restart")
    func survivesSigkill() throws {
        let receiver = try WebhookReceiver()
        defer { receiver.stop() }
        let desk = try CaseEndToEndTests.openDesk(environment: Self.environment)
        let admin = desk.admin
        let hook = try Self.register(admin, client: desk.client, url: receiver.url)
        // Receiver stalls: nothing can be acknowledged before the kill.
        try receiver.control(["secrets": [hook.secret], "hold": true])
        let number = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: desk.client, ssn: "151-20-1001", first: "Avery", last: "Quickpass", dob: "1990-02-14")))
        desk.world.agent.signal(SIGKILL)
        _ = desk.world.agent.waitForExit(seconds: 5)
        try receiver.control(["hold": false])
        let restarted = try AgentProcess(environment: IdentityEndToEndTests.environment.merging(Self.environment) { $1 },
                                         dataDir: desk.world.agent.dataDir)
        defer { restarted.stop() }
        let entries = try receiver.waitFor(seconds: 15) { entries in
            Self.ok(entries).contains { $0["case_number"] as? String == number && $0["type"] as? String == "case.created" }
        }
        #expect(Self.ok(entries).contains { $0["case_number"] as? String == number && $0["type"] as? String == "case.created" })
    }

    @Test("Registration refuses private addresses and plain http unless allowed; roles and bodies are checked")
    func registrationRules() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let path = "/api/v1/clients/\(desk.client)/webhooks"
        for url in ["https://10.0.0.5/hook", "https://127.0.0.1:8443/hook", "https://169.254.169.254/latest", "https://[::1]/hook",
                    "https://[fd00::1]/hook", "https://100.64.0.1/hook", "https://localhost/hook", "http://93.184.216.34/hook",
                    "ftp://example.com/"] {
            let reply = try admin.call("POST", path, ["url": url, "events": ["*"]])
            #expect(reply.status == 422, "\(url)")
            #expect(reply.errorCodes == ["WEBHOOK_URL"], "\(url)")
            #expect(reply.response.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        }
        let unknown = try admin.call("POST", path, ["url": "https://10.0.0.5/", "events": ["*"], "secret": "mine"])
        #expect(unknown.status == 400)
        let badEvents = try admin.call("POST", path, ["url": "https://93.184.216.34/", "events": ["case.exploded"]])
        #expect(badEvents.status == 422)
        #expect(badEvents.errorFields == ["events[0]"])
        #expect(try admin.call("GET", "/api/v1/webhooks/missing").status == 404)
        _ = try IdentityEndToEndTests.user(admin, "hr-clerk", role: "CLIENT_USER", client: desk.client)
        let clerk = try IdentityEndToEndTests.activate(desk.port, "hr-clerk", new: "clerk-password-456")
        #expect(try clerk.call("GET", path).status == 403)
        let other = try IdentityEndToEndTests.client(admin, name: "Other Co", ein: "98-7654321")
        _ = try IdentityEndToEndTests.user(admin, "other-admin", role: "CLIENT_ADMIN", client: other)
        let otherAdmin = try IdentityEndToEndTests.activate(desk.port, "other-admin", new: "other-password-456")
        #expect(try otherAdmin.call("GET", path).status == 404)
        #expect(try otherAdmin.call("GET", "/api/v1/clients/\(other)/webhooks")["webhooks"] as? [Any] != nil)

        // Change and delete (no event is raised here, so nothing is sent to the address).
        let hook = try Self.register(admin, client: desk.client, url: "https://93.184.216.34/hook", events: ["case.closed"])
        let changed = try admin.call("PATCH", "/api/v1/webhooks/\(hook.id)", ["description": NSNull(), "enabled": false])
        #expect(changed.status == 200)
        #expect(changed["enabled"] as? Bool == false)
        #expect(changed["secret"] == nil)
        let deleted = try admin.call("DELETE", "/api/v1/webhooks/\(hook.id)")
        #expect(deleted.status == 204)
        #expect(deleted.response.body.isEmpty)
        #expect(try admin.call("GET", "/api/v1/webhooks/\(hook.id)").status == 404)
    }
}
