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

    /// A peer that answers every connection with `reply` and closes.
    static func cannedPeer(_ reply: String) throws -> Int {
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
            let client = accept(fd, nil, nil)
            var buffer = [UInt8](repeating: 0, count: 4096)
            _ = recv(client, &buffer, buffer.count, 0)
            _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            close(client)
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
