import Foundation
import Glibc
import Testing
import TestSupport

/// What a real connection does to the agent: the sandbox dies mid-submit, a token is
/// revoked, the sandbox is slow. Work is never lost and never retried in a tight loop.
@Suite(.serialized) struct ICAFaultTests {
    /// A catalog EA person; `again` for a second case of the same SSN (CASE-5 asks why).
    static func eaBody(_ pair: ICAEndToEndTests.Pair, again: Bool = false) -> [String: Any] {
        CaseEndToEndTests.body(client: pair.desk.client, ssn: "151-20-1001", first: "Avery", last: "Quickpass", dob: "1990-02-14",
                               extra: again ? ["duplicate_continue_reason_code": "INCORRECT_INFORMATION_ENTERED"] : [:])
    }

    /// Waits up to `seconds` for the case to reach `status`; the last status seen.
    static func waitFor(_ pair: ICAEndToEndTests.Pair, _ number: String, _ status: String, seconds: Double = 20) throws -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        var seen: String?
        repeat {
            seen = try pair.admin.call("GET", "/api/v1/cases/\(number)")["case_status"] as? String
            if seen == status { return seen }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < deadline
        return seen
    }

    @Test("the sandbox killed mid-submit: the case queues (202) and goes out once the sandbox is back")
    func killedMidSubmit() throws {
        let pair = try ICAEndToEndTests.start()
        defer { pair.stop() }
        let number = try CaseEndToEndTests.created(try pair.admin.call("POST", "/api/v1/cases", Self.eaBody(pair)))
        // The submission reaches the simulator and waits there; the process dies under it.
        #expect(try pair.sandbox.call("POST", "/sandbox/outages", ["latency_ms": 3000]).status == 200)
        let answered = DispatchSemaphore(value: 0)
        let reply = LockedBox<(Int, String?)>()
        let admin = pair.admin
        Thread.detachNewThread {
            if let submitted = try? admin.call("POST", "/api/v1/cases/\(number)/submit") {
                reply.set((submitted.status, submitted["case_status"] as? String))
            }
            answered.signal()
        }
        Thread.sleep(forTimeInterval: 1.0)
        pair.sandbox.kill()
        #expect(answered.wait(timeout: .now() + 10) == .success)
        #expect(reply.value?.0 == 202)
        #expect(reply.value?.1 == "QUEUED")
        let queued = try pair.admin.call("GET", "/api/v1/operations/government")
        #expect(queued["queue_depth"] as? Int == 1)
        #expect(queued["last_error"] is String)

        try pair.sandbox.start(port: pair.sandbox.port)
        #expect(try pair.sandbox.call("DELETE", "/sandbox/outages").status == 200)
        #expect(try Self.waitFor(pair, number, "CLOSED") == "CLOSED")
        #expect(try pair.admin.call("GET", "/api/v1/operations/government")["queue_depth"] as? Int == 0)
    }

    @Test("a revoked token renews once: another login took the user's token, the agent logs in again and goes on")
    func revokedToken() throws {
        let pair = try ICAEndToEndTests.start()
        defer { pair.stop() }
        let first = try CaseEndToEndTests.created(try pair.admin.call("POST", "/api/v1/cases", Self.eaBody(pair)))
        #expect(try pair.admin.call("POST", "/api/v1/cases/\(first)/submit")["case_status"] as? String == "CLOSED")
        #expect(try pair.sandbox.call("GET", "/sandbox/status").json["logins"] as? Int == 1)
        // Someone else logs in as the same user: the agent's token is revoked.
        let other = try pair.sandbox.call("POST", "/api/v31/authentication/login", ["username": "sandbox01", "password": "sandbox-pass"])
        #expect(other.status == 200)
        let second = try CaseEndToEndTests.created(try pair.admin.call("POST", "/api/v1/cases", Self.eaBody(pair, again: true)))
        #expect(try pair.admin.call("POST", "/api/v1/cases/\(second)/submit")["case_status"] as? String == "CLOSED")
        #expect(try pair.sandbox.call("GET", "/sandbox/status").json["logins"] as? Int == 3)
    }

    @Test("a 401 after renewal fails the call (queued), with one login attempt, not a loop")
    func refusedLoginDoesNotLoop() throws {
        let pair = try ICAEndToEndTests.start(environment: ["AGENT_GOVERNMENT_RETRY_BASE_SECONDS": "30", "AGENT_GOVERNMENT_RETRY_MAX_SECONDS": "60"])
        defer { pair.stop() }
        let first = try CaseEndToEndTests.created(try pair.admin.call("POST", "/api/v1/cases", Self.eaBody(pair)))
        #expect(try pair.admin.call("POST", "/api/v1/cases/\(first)/submit").status == 200)
        // The sandbox comes back with another password: its tokens are gone and the agent's password is wrong.
        pair.sandbox.stop()
        let credentials = pair.sandbox.certificate.directory + "/credentials"
        _ = FileManager.default.createFile(atPath: credentials, contents: Data("sandbox01:changed-pass\n".utf8))
        try pair.sandbox.start(port: pair.sandbox.port, arguments: ["--credentials", credentials])
        let second = try CaseEndToEndTests.created(try pair.admin.call("POST", "/api/v1/cases", Self.eaBody(pair, again: true)))
        let submitted = try pair.admin.call("POST", "/api/v1/cases/\(second)/submit")
        #expect(submitted.status == 202)
        let status = try pair.sandbox.call("GET", "/sandbox/status").json
        #expect(status["login_attempts"] as? Int == 1)
        let operations = try pair.admin.call("GET", "/api/v1/operations/government")
        #expect((operations["last_error"] as? String)?.contains("login refused") == true)
        #expect(!pair.desk.world.agent.logText.contains("sandbox-pass"))
    }

    @Test("a slow sandbox times out: the submission queues (202) within the timeout and goes out when it is fast again")
    func slowSandbox() throws {
        let pair = try ICAEndToEndTests.start(environment: ["AGENT_ICA_TIMEOUT_SECONDS": "1"])
        defer { pair.stop() }
        let number = try CaseEndToEndTests.created(try pair.admin.call("POST", "/api/v1/cases", Self.eaBody(pair)))
        #expect(try pair.sandbox.call("POST", "/sandbox/outages", ["latency_ms": 4000]).status == 200)
        let started = Date()
        let submitted = try pair.admin.call("POST", "/api/v1/cases/\(number)/submit")
        #expect(submitted.status == 202)
        #expect(Date().timeIntervalSince(started) < 3.5)
        let operations = try pair.admin.call("GET", "/api/v1/operations/government")
        #expect((operations["last_error"] as? String)?.contains("timed out") == true)
        #expect(try pair.sandbox.call("DELETE", "/sandbox/outages").status == 200)
        #expect(try Self.waitFor(pair, number, "CLOSED") == "CLOSED")
    }
}

/// A value set on one thread and read on another.
final class LockedBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T?
    func set(_ value: T) { lock.lock(); stored = value; lock.unlock() }
    var value: T? { lock.lock(); defer { lock.unlock() }; return stored }
}
