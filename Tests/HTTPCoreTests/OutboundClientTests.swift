import Foundation
import HTTPCore
import Testing
import TestSupport

/// The outbound client against our own server: plain and TLS (verified against the
/// test's certificate, refused against the system store), statuses, timeouts, and
/// addresses refused before any connection.
@Suite struct OutboundClientTests {
    static func post(_ url: String, body: String = "{}") throws -> OutboundRequest {
        OutboundRequest(method: "POST", url: try ClientURL(url), headers: [("Content-Type", "application/json")], body: Array(body.utf8))
    }

    @Test func plainAndTLSRequestsGetTheirStatus() async throws {
        let live = try LiveServer.start(tls: true)
        let (port, tlsPort, ca) = (live.port, live.tlsPort, live.caFile)
        let statuses = try await offPool {
            let trusted = try OutboundHTTPClient(trust: .caFile(ca))
            let plain = try trusted.send(try Self.post("http://127.0.0.1:\(port)/echo"), timeoutSeconds: 5) { _ in nil }
            let tls = try trusted.send(try Self.post("https://localhost:\(tlsPort)/echo"), timeoutSeconds: 5) { _ in nil }
            let conflict = try trusted.send(OutboundRequest(method: "GET", url: try ClientURL("http://127.0.0.1:\(port)/fail"), headers: [],
                                                            body: []), timeoutSeconds: 5) { _ in nil }
            return [plain.status, tls.status, conflict.status]
        }
        #expect(statuses == [200, 200, 409])
        await live.server.shutdown()
    }

    @Test func anUntrustedCertificateIsRefused() async throws {
        let live = try LiveServer.start(tls: true)
        let tlsPort = live.tlsPort
        let error = await #expect(throws: OutboundError.self) {
            try await offPool {
                _ = try OutboundHTTPClient(trust: .system).send(try Self.post("https://localhost:\(tlsPort)/echo"), timeoutSeconds: 5) { _ in nil }
            }
        }
        if case .tls(let why)? = error { #expect(why.contains("certificate")) } else { Issue.record("expected a TLS error, got \(String(describing: error))") }
        await live.server.shutdown()
    }

    @Test func refusedAddressesAreNeverConnectedTo() async throws {
        let live = try LiveServer.start()
        let port = live.port
        let error = await #expect(throws: OutboundError.self) {
            try await offPool {
                _ = try OutboundHTTPClient(trust: .system).send(try Self.post("http://localhost:\(port)/echo"), timeoutSeconds: 5) { address in
                    address.restrictedRange.map { "a \($0.rawValue) address" }
                }
            }
        }
        if case .addressRefused? = error {} else { Issue.record("expected addressRefused, got \(String(describing: error))") }
        await live.server.shutdown()
    }

    @Test func aSlowAnswerTimesOut() async throws {
        let live = try LiveServer.start()
        let port = live.port
        // Timed on the sending thread itself: a loaded machine may start the thread late,
        // but the send must give up about 0.5 s after it began.
        let (elapsed, error) = try await offPool { () -> (Double, OutboundError?) in
            let started = Date()
            do {
                _ = try OutboundHTTPClient(trust: .system).send(OutboundRequest(method: "GET", url: try ClientURL("http://127.0.0.1:\(port)/slow?ms=3000"),
                                                                               headers: [], body: []), timeoutSeconds: 0.5) { _ in nil }
                return (Date().timeIntervalSince(started), nil)
            } catch {
                return (Date().timeIntervalSince(started), error as? OutboundError)
            }
        }
        #expect(elapsed < 2.5)
        if case .timeout? = error {} else { Issue.record("expected a timeout, got \(String(describing: error))") }
        await live.server.shutdown()
    }
}
