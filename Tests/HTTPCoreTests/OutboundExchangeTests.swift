import Foundation
import Glibc
import HTTPCore
import Testing
import TestSupport

/// `exchange` reads whole answers: by Content-Length from our server over TLS, by chunks
/// and up to the close from a canned peer, and refuses a body above its limit.
@Suite struct OutboundExchangeTests {
    @Test func aWholeAnswerComesBackOverTLS() async throws {
        let live = try LiveServer.start(tls: true)
        let (tlsPort, ca) = (live.tlsPort, live.caFile)
        let answer = try await offPool {
            try OutboundHTTPClient(trust: .caFile(ca)).exchange(
                OutboundRequest(method: "POST", url: try ClientURL("https://localhost:\(tlsPort)/echo"),
                                headers: [("Content-Type", "application/json")], body: Array(#"{"a":1}"#.utf8)), timeoutSeconds: 5)
        }
        #expect(answer.status == 200)
        #expect(String(decoding: answer.body, as: UTF8.self).contains(#""a":1"#))
        #expect(answer.headers["Content-Type"] != nil)
        await live.server.shutdown()
    }

    /// A peer that answers `connections` connections, one after another, with `reply` and closes each.
    static func cannedPeer(_ reply: String, connections: Int = 1) throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(fd, 4)
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        let bytes = Array(reply.utf8)
        Thread.detachNewThread {
            for _ in 0..<connections {
                let client = accept(fd, nil, nil)
                var buffer = [UInt8](repeating: 0, count: 4096)
                _ = recv(client, &buffer, buffer.count, 0)
                _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                close(client)
            }
            close(fd)
        }
        return Int(UInt16(bigEndian: bound.sin_port))
    }

    static func get(_ port: Int, maxBodyBytes: Int = 1 << 20) throws -> OutboundAnswer {
        try OutboundHTTPClient(trust: .system).exchange(
            OutboundRequest(method: "GET", url: try ClientURL("http://127.0.0.1:\(port)/x"), headers: [], body: []),
            timeoutSeconds: 5, maxBodyBytes: maxBodyBytes)
    }

    @Test func chunkedAndCloseDelimitedBodiesAreRead() async throws {
        let chunked = try Self.cannedPeer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n")
        let closed = try Self.cannedPeer("HTTP/1.1 201 Created\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 bytes")
        let (a, b) = try await offPool { (try Self.get(chunked), try Self.get(closed)) }
        #expect(String(decoding: a.body, as: UTF8.self) == "hello, world")
        #expect(b.status == 201)
        #expect(String(decoding: b.body, as: UTF8.self) == "%PDF-1.4 bytes")
    }

    @Test func aBodyAboveTheLimitIsRefused() async throws {
        let port = try Self.cannedPeer("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + String(repeating: "x", count: 100))
        await #expect(throws: OutboundError.malformedResponse) { try await offPool { _ = try Self.get(port, maxBodyBytes: 10) } }
    }
}

/// Kept-alive connections: reused between requests, replaced when the peer closed one.
@Suite struct OutboundConnectionPoolTests {
    @Test func sequentialRequestsShareOneConnection() async throws {
        let live = try LiveServer.start(tls: true)
        let (tlsPort, ca) = (live.tlsPort, live.caFile)
        let (statuses, opened, idle) = try await offPool { () -> ([Int], Int, Int) in
            let pool = OutboundConnectionPool(client: try OutboundHTTPClient(trust: .caFile(ca)), maxIdle: 2)
            var statuses: [Int] = []
            for i in 0..<3 {
                let answer = try pool.exchange(OutboundRequest(method: "POST", url: try ClientURL("https://localhost:\(tlsPort)/echo"),
                                                               headers: [], body: Array("n\(i)".utf8)), timeoutSeconds: 5)
                #expect(answer.body == Array("n\(i)".utf8))
                statuses.append(answer.status)
            }
            return (statuses, pool.connectionsOpened, pool.idleCount)
        }
        #expect(statuses == [200, 200, 200])
        #expect(opened == 1)
        #expect(idle == 1)
        await live.server.shutdown()
    }

    @Test func aConnectionThePeerClosedIsReplaced() async throws {
        // Two connections, one answer each, closed after it without saying so.
        let port = try OutboundExchangeTests.cannedPeer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", connections: 2)
        let (bodies, opened) = try await offPool { () -> ([String], Int) in
            let pool = OutboundConnectionPool(client: try OutboundHTTPClient(trust: .system), maxIdle: 1)
            var bodies: [String] = []
            for _ in 0..<2 {
                let answer = try pool.exchange(OutboundRequest(method: "GET", url: try ClientURL("http://127.0.0.1:\(port)/x"), headers: [], body: []),
                                               timeoutSeconds: 5)
                bodies.append(String(decoding: answer.body, as: UTF8.self))
                Thread.sleep(forTimeInterval: 0.1)
            }
            return (bodies, pool.connectionsOpened)
        }
        #expect(bodies == ["ok", "ok"])
        #expect(opened == 2)
    }
}
