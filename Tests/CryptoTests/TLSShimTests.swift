import CTLS
import Crypto
import Foundation
import Glibc
import Testing

// The CTLS TLS functions, exercised end to end without the network: a server and a
// client session over a non-blocking socketpair, both driven from this one thread
// (each call returns WANT_READ instead of blocking), which is how the event loops
// drive them too.

/// A server certificate and key written once per test into a temp directory.
struct TestCertificate {
    let directory: URL
    var cert: String { directory.appendingPathComponent("cert.pem").path }
    var key: String { directory.appendingPathComponent("key.pem").path }

    init() throws {
        directory = try makeTemporaryDirectory()
        try DevCertificate.write(certPath: directory.appendingPathComponent("cert.pem").path,
                                 keyPath: directory.appendingPathComponent("key.pem").path, days: 2)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

enum ShimError: Error { case setup(String) }

func cString(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

func serverContext(cert: String, key: String, tls13: String? = nil, tls12: String? = nil) -> (OpaquePointer?, String) {
    var err = [CChar](repeating: 0, count: 512)
    let ctx = err.withUnsafeMutableBufferPointer { ctls_server_ctx_new(cert, key, tls13, tls12, $0.baseAddress, $0.count) }
    return (ctx, cString(err))
}

func clientContext(ca: String? = nil, min: Int32 = 0, max: Int32 = 0) throws -> OpaquePointer {
    var err = [CChar](repeating: 0, count: 512)
    let ctx = err.withUnsafeMutableBufferPointer { ctls_client_ctx_new(ca, min, max, $0.baseAddress, $0.count) }
    guard let ctx else { throw ShimError.setup("client context: \(cString(err))") }
    return ctx
}

/// Two TLS sessions joined by a non-blocking AF_UNIX socketpair.
final class TLSPair {
    let serverFD: Int32
    let clientFD: Int32
    let server: OpaquePointer
    let client: OpaquePointer
    private var clientClosed = false

    init(serverContext: OpaquePointer, clientContext: OpaquePointer, hostname: String? = nil) throws {
        var fds: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0 else { throw ShimError.setup("socketpair") }
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        serverFD = fds[0]
        clientFD = fds[1]
        guard let s = ctls_conn_new(serverContext, serverFD, 1, nil),
              let c = ctls_conn_new(clientContext, clientFD, 0, hostname)
        else {
            close(fds[0])
            close(fds[1])
            throw ShimError.setup("ctls_conn_new")
        }
        server = s
        client = c
    }

    deinit {
        ctls_conn_free(server)
        ctls_conn_free(client)
        close(serverFD)
        if !clientClosed { close(clientFD) }
    }

    /// Drives both handshakes until each side finished or failed (status 1 or a
    /// terminal CTLS_* code); a side still waiting after that reports its WANT_*.
    func handshake() -> (client: Int32, server: Int32) {
        var c = CTLS_WANT_READ
        var s = CTLS_WANT_READ
        func pending(_ status: Int32) -> Bool { status == CTLS_WANT_READ || status == CTLS_WANT_WRITE }
        for _ in 0..<100 where pending(c) || pending(s) {
            if pending(c) { c = ctls_handshake(client) }
            if pending(s) { s = ctls_handshake(server) }
        }
        return (c, s)
    }

    /// Reads whatever `conn` can read now, until WANT_READ or a terminal status.
    func drain(_ conn: OpaquePointer) -> (bytes: [UInt8], status: Int32) {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = buffer.withUnsafeMutableBytes { ctls_read(conn, $0.baseAddress, Int32($0.count)) }
            if n > 0 { out += buffer[0..<Int(n)] } else { return (out, n) }
        }
    }

    func write(_ conn: OpaquePointer, _ bytes: [UInt8]) -> Int32 {
        bytes.withUnsafeBytes { ctls_write(conn, $0.baseAddress, Int32($0.count)) }
    }

    /// Closes the client's socket without a close_notify (a peer vanishing).
    func dropClientSocket() {
        close(clientFD)
        clientClosed = true
    }
}

func text(_ pointer: UnsafePointer<CChar>?) -> String? { pointer.map { String(cString: $0) } }

@Suite struct TLSShimTests {
    /// A peer that vanishes makes OpenSSL's next write (a session ticket, an alert)
    /// hit a closed socket; like every process hosting TLS, the test runner must
    /// ignore SIGPIPE so that this is an EPIPE error rather than death.
    static let sigpipeIgnored: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    init() {
        Self.sigpipeIgnored
    }

    @Test func tls13ByDefaultWithAES256AndALPN() throws {
        let certificate = try TestCertificate()
        defer { certificate.remove() }
        let (ctx, err) = serverContext(cert: certificate.cert, key: certificate.key)
        let server = try #require(ctx, "\(err)")
        defer { ctls_ctx_free(server) }
        let client = try clientContext()
        defer { ctls_ctx_free(client) }

        let pair = try TLSPair(serverContext: server, clientContext: client)
        // Nothing sent yet: the server must ask to wait, not fail or block.
        #expect(ctls_handshake(pair.server) == CTLS_WANT_READ)
        let result = pair.handshake()
        #expect(result.client == 1, "\(text(ctls_conn_error(pair.client)) ?? "")")
        #expect(result.server == 1, "\(text(ctls_conn_error(pair.server)) ?? "")")
        #expect(text(ctls_conn_protocol(pair.server)) == "TLSv1.3")
        #expect(text(ctls_conn_protocol(pair.client)) == "TLSv1.3")
        #expect(text(ctls_conn_cipher(pair.server)) == "TLS_AES_256_GCM_SHA384")
        #expect(text(ctls_conn_alpn(pair.server)) == "http/1.1")
        #expect(text(ctls_conn_alpn(pair.client)) == "http/1.1")

        // Data both ways, then an empty socket reads as WANT_READ.
        let request = utf8("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(pair.write(pair.client, request) == Int32(request.count))
        let received = pair.drain(pair.server)
        #expect(received.bytes == request)
        #expect(received.status == CTLS_WANT_READ)
        #expect(ctls_pending(pair.server) == 0)
        let response = utf8("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        #expect(pair.write(pair.server, response) == Int32(response.count))
        #expect(pair.drain(pair.client).bytes == response)
        #expect(pair.write(pair.server, []) == 0)

        // A clean close: close_notify from the client reads as CTLS_CLOSED.
        #expect(ctls_shutdown(pair.client) == 1)
        #expect(pair.drain(pair.server).status == CTLS_CLOSED)
        #expect(ctls_shutdown(pair.server) == 1)
    }

    @Test func tls12ClientGetsECDHEWithAES256GCM() throws {
        let certificate = try TestCertificate()
        defer { certificate.remove() }
        let server = try #require(serverContext(cert: certificate.cert, key: certificate.key).0)
        defer { ctls_ctx_free(server) }
        let client = try clientContext(max: CTLS_TLS1_2_VERSION)
        defer { ctls_ctx_free(client) }
        let pair = try TLSPair(serverContext: server, clientContext: client)
        let result = pair.handshake()
        #expect(result.client == 1 && result.server == 1)
        #expect(text(ctls_conn_protocol(pair.server)) == "TLSv1.2")
        #expect(text(ctls_conn_cipher(pair.server)) == "ECDHE-ECDSA-AES256-GCM-SHA384")
        #expect(text(ctls_conn_alpn(pair.server)) == "http/1.1")
    }

    @Test func tls11IsRefused() throws {
        let certificate = try TestCertificate()
        defer { certificate.remove() }
        let server = try #require(serverContext(cert: certificate.cert, key: certificate.key).0)
        defer { ctls_ctx_free(server) }
        let client = try clientContext(max: CTLS_TLS1_1_VERSION)
        defer { ctls_ctx_free(client) }
        let pair = try TLSPair(serverContext: server, clientContext: client)
        let result = pair.handshake()
        #expect(result.server == CTLS_ERROR)
        #expect(result.client == CTLS_ERROR)
        #expect(text(ctls_conn_error(pair.server))?.contains("protocol") == true,
                "\(text(ctls_conn_error(pair.server)) ?? "")")
        // After a fatal error no close_notify may be sent; the call says so, no crash.
        #expect(ctls_shutdown(pair.server) == CTLS_ERROR)
        #expect(ctls_read(pair.server, nil, 0) == CTLS_ERROR)
    }

    @Test func customTLS12CipherListIsHonoured() throws {
        let certificate = try TestCertificate()
        defer { certificate.remove() }
        // With only AES-128 allowed for TLS 1.2, a TLS 1.2 client negotiates AES-128:
        // the cipher arguments really replace the AES-256 defaults.
        let custom = try #require(serverContext(cert: certificate.cert, key: certificate.key,
                                                tls12: "ECDHE-ECDSA-AES128-GCM-SHA256").0)
        defer { ctls_ctx_free(custom) }
        let client = try clientContext(min: CTLS_TLS1_2_VERSION, max: CTLS_TLS1_2_VERSION)
        defer { ctls_ctx_free(client) }
        let pair = try TLSPair(serverContext: custom, clientContext: client)
        let result = pair.handshake()
        #expect(result.server == 1)
        #expect(text(ctls_conn_cipher(pair.server)) == "ECDHE-ECDSA-AES128-GCM-SHA256")
    }

    @Test func clientVerifiesCertificateAndName() throws {
        let certificate = try TestCertificate()
        defer { certificate.remove() }
        let server = try #require(serverContext(cert: certificate.cert, key: certificate.key).0)
        defer { ctls_ctx_free(server) }
        let verifying = try clientContext(ca: certificate.cert)
        defer { ctls_ctx_free(verifying) }

        for name in ["localhost", "127.0.0.1"] {
            let pair = try TLSPair(serverContext: server, clientContext: verifying, hostname: name)
            let result = pair.handshake()
            #expect(result.client == 1, "\(name): \(text(ctls_conn_error(pair.client)) ?? "")")
        }
        let wrongName = try TLSPair(serverContext: server, clientContext: verifying, hostname: "example.com")
        #expect(wrongName.handshake().client == CTLS_ERROR)
        #expect(text(ctls_conn_error(wrongName.client))?.contains("mismatch") == true,
                "\(text(ctls_conn_error(wrongName.client)) ?? "")")

        // A different self-signed certificate is not trusted.
        let other = try TestCertificate()
        defer { other.remove() }
        let otherCA = try clientContext(ca: other.cert)
        defer { ctls_ctx_free(otherCA) }
        let untrusted = try TLSPair(serverContext: server, clientContext: otherCA, hostname: "localhost")
        #expect(untrusted.handshake().client == CTLS_ERROR)
    }

    @Test func largeWritesArePartialAndResumable() throws {
        let certificate = try TestCertificate()
        defer { certificate.remove() }
        let server = try #require(serverContext(cert: certificate.cert, key: certificate.key).0)
        defer { ctls_ctx_free(server) }
        let client = try clientContext()
        defer { ctls_ctx_free(client) }
        let pair = try TLSPair(serverContext: server, clientContext: client)
        #expect(pair.handshake() == (1, 1))

        // 1 MiB is far more than the socketpair buffers: the server's writes must come
        // back partial or WANT_WRITE, and resume after the client reads.
        let payload = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var sent = 0
        var received: [UInt8] = []
        var sawBackpressure = false
        for _ in 0..<10_000 where received.count < payload.count {
            if sent < payload.count {
                let n = payload[sent...].withUnsafeBytes { ctls_write(pair.server, $0.baseAddress, Int32($0.count)) }
                if n > 0 {
                    sent += Int(n)
                    if sent < payload.count { sawBackpressure = true }
                } else {
                    #expect(n == CTLS_WANT_WRITE)
                    sawBackpressure = true
                }
            }
            let chunk = pair.drain(pair.client)
            #expect(chunk.status == CTLS_WANT_READ)
            received += chunk.bytes
        }
        #expect(sawBackpressure)
        #expect(received == payload)
    }

    @Test func peerVanishingReadsAsClosed() throws {
        let certificate = try TestCertificate()
        defer { certificate.remove() }
        let server = try #require(serverContext(cert: certificate.cert, key: certificate.key).0)
        defer { ctls_ctx_free(server) }
        let client = try clientContext()
        defer { ctls_ctx_free(client) }
        let pair = try TLSPair(serverContext: server, clientContext: client)
        #expect(pair.handshake() == (1, 1))
        _ = pair.drain(pair.client)  // session tickets
        pair.dropClientSocket()
        #expect(pair.drain(pair.server).status == CTLS_CLOSED)
        // The session is unusable afterwards, and says so instead of crashing.
        #expect(ctls_shutdown(pair.server) == CTLS_ERROR)
    }

    @Test func serverContextErrorsAreDescribed() throws {
        let certificate = try TestCertificate()
        defer { certificate.remove() }
        let other = try TestCertificate()
        defer { other.remove() }

        let missing = serverContext(cert: certificate.directory.appendingPathComponent("none.pem").path, key: certificate.key)
        #expect(missing.0 == nil)
        #expect(missing.1.contains("certificate chain"), "\(missing.1)")

        let mismatched = serverContext(cert: certificate.cert, key: other.key)
        #expect(mismatched.0 == nil)
        #expect(mismatched.1.contains("does not match") || mismatched.1.contains("values mismatch"), "\(mismatched.1)")

        let badSuites = serverContext(cert: certificate.cert, key: certificate.key, tls13: "NOT_A_SUITE")
        #expect(badSuites.0 == nil)
        #expect(!badSuites.1.isEmpty)

        var err = [CChar](repeating: 0, count: 128)
        let badVersion = err.withUnsafeMutableBufferPointer { ctls_client_ctx_new(nil, 0x0200, 0, $0.baseAddress, $0.count) }
        #expect(badVersion == nil)
    }

    @Test func contextReferenceCounting() throws {
        let certificate = try TestCertificate()
        defer { certificate.remove() }
        let server = try #require(serverContext(cert: certificate.cert, key: certificate.key).0)
        #expect(ctls_ctx_up_ref(server) == 1)
        ctls_ctx_free(server)
        // Still usable: one reference left.
        let client = try clientContext()
        defer { ctls_ctx_free(client) }
        let pair = try TLSPair(serverContext: server, clientContext: client)
        ctls_ctx_free(server)  // the sessions keep their own references
        #expect(pair.handshake() == (1, 1))
    }
}
