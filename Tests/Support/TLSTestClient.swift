import CSystem
import CTLS
import Foundation
import Glibc

/// Why a `TLSTestClient` call failed, with OpenSSL's or the OS's reason.
public enum TLSTestClientError: Error, CustomStringConvertible {
    case connect(String)
    case context(String)
    case handshake(String)
    case io(String)
    /// Nothing arrived (or could be sent) within the client's timeout.
    case timeout

    public var description: String {
        switch self {
        case .connect(let why): "connect: \(why)"
        case .context(let why): "TLS context: \(why)"
        case .handshake(let why): "TLS handshake: \(why)"
        case .io(let why): "TLS I/O: \(why)"
        case .timeout: "timed out"
        }
    }
}

/// A small blocking TLS client for tests (URLSession on Linux cannot trust a
/// throwaway certificate). It connects and completes the handshake in `init`; every
/// call blocks at most `timeoutSeconds`, so a server that never answers fails the
/// test instead of hanging it. Not thread-safe: use it from one task.
public final class TLSTestClient {
    private var fd: Int32
    private var context: OpaquePointer?
    private var connection: OpaquePointer?

    /// Connects to host:port and performs the TLS handshake.
    /// - Parameters:
    ///   - caFile: a PEM file of trusted certificates (e.g. the test's self-signed
    ///     certificate): the server certificate and `serverName` (default: `host`) are
    ///     then verified. nil verifies nothing.
    ///   - minVersion, maxVersion: 0 or `CTLS_TLS1_x_VERSION` (e.g. a maximum of
    ///     `CTLS_TLS1_1_VERSION` to check that the server refuses TLS 1.1).
    public init(host: String = "127.0.0.1", port: Int, caFile: String?, minVersion: Int32 = 0,
                maxVersion: Int32 = 0, serverName: String? = nil, timeoutSeconds: Int = 10) throws {
        TestProcess.ignoreSigpipe
        var err = [CChar](repeating: 0, count: 512)
        let ctx = err.withUnsafeMutableBufferPointer {
            ctls_client_ctx_new(caFile, minVersion, maxVersion, $0.baseAddress, $0.count)
        }
        guard let ctx else { throw TLSTestClientError.context(Self.text(err)) }

        let socket = csys_connect_tcp(host, Int32(port))
        guard socket >= 0 else {
            ctls_ctx_free(ctx)
            let code = csys_errno()
            let reason = strerror(code).map { String(cString: $0) } ?? "errno \(code)"
            throw TLSTestClientError.connect("\(host):\(port): \(reason)")
        }
        // Blocking socket with timeouts: a stalled read surfaces as EAGAIN, which the
        // shim reports as CTLS_WANT_READ, which this client reports as `.timeout`.
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        let size = socklen_t(MemoryLayout<timeval>.size)
        guard setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, size) == 0,
              setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, size) == 0,
              let conn = ctls_conn_new(ctx, socket, 0, serverName ?? host)
        else {
            Glibc.close(socket)
            ctls_ctx_free(ctx)
            throw TLSTestClientError.connect("socket setup failed")
        }
        let status = ctls_handshake(conn)
        guard status == 1 else {
            let why = status == CTLS_WANT_READ || status == CTLS_WANT_WRITE
                ? "timed out"
                : status == CTLS_CLOSED ? "server closed the connection" : String(cString: ctls_conn_error(conn))
            ctls_conn_free(conn)
            Glibc.close(socket)
            ctls_ctx_free(ctx)
            throw TLSTestClientError.handshake(why)
        }
        fd = socket
        context = ctx
        connection = conn
    }

    deinit { close() }

    /// The negotiated protocol, e.g. "TLSv1.3".
    public var negotiatedProtocol: String {
        guard let connection else { return "" }
        return String(cString: ctls_conn_protocol(connection))
    }

    /// The negotiated cipher suite, e.g. "TLS_AES_256_GCM_SHA384".
    public var negotiatedCipher: String {
        guard let connection else { return "" }
        return String(cString: ctls_conn_cipher(connection))
    }

    /// The ALPN protocol the server selected (the client offers "http/1.1"), if any.
    public var negotiatedALPN: String? {
        guard let connection, let alpn = ctls_conn_alpn(connection) else { return nil }
        return String(cString: alpn)
    }

    /// Sends all of `bytes` (one TLS record per 16 KiB).
    public func send(_ bytes: [UInt8]) throws {
        try send(bytes, recordSize: 16384)
    }

    /// Sends the UTF-8 bytes of `text`.
    public func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    /// Sends `bytes` as separate TLS records of at most `recordSize` bytes each (1: one
    /// record per byte), to exercise a server's handling of input that trickles in.
    public func send(_ bytes: [UInt8], recordSize: Int) throws {
        guard let connection else { throw TLSTestClientError.io("closed") }
        let step = max(1, recordSize)
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + step, bytes.count)
            let n = bytes[offset..<end].withUnsafeBytes {
                ctls_write(connection, $0.baseAddress, Int32($0.count))
            }
            if n > 0 {
                offset += Int(n)
            } else if n == CTLS_WANT_READ || n == CTLS_WANT_WRITE {
                throw TLSTestClientError.timeout
            } else if n == CTLS_CLOSED {
                throw TLSTestClientError.io("server closed the connection")
            } else {
                throw TLSTestClientError.io(String(cString: ctls_conn_error(connection)))
            }
        }
    }

    /// Up to `max` bytes, blocking until some arrive; empty when the server closed.
    public func receive(max: Int = 65536) throws -> [UInt8] {
        guard let connection else { throw TLSTestClientError.io("closed") }
        var buffer = [UInt8](repeating: 0, count: Swift.max(1, max))
        let n = buffer.withUnsafeMutableBytes { ctls_read(connection, $0.baseAddress, Int32($0.count)) }
        if n > 0 { return Array(buffer[0..<Int(n)]) }
        if n == CTLS_CLOSED { return [] }
        if n == CTLS_WANT_READ || n == CTLS_WANT_WRITE { throw TLSTestClientError.timeout }
        throw TLSTestClientError.io(String(cString: ctls_conn_error(connection)))
    }

    /// Everything until the server closes the connection.
    public func receiveUntilClosed(limit: Int = 64 << 20) throws -> [UInt8] {
        var all: [UInt8] = []
        while true {
            let chunk = try receive()
            if chunk.isEmpty { return all }
            all += chunk
            if all.count > limit { throw TLSTestClientError.io("more than \(limit) bytes") }
        }
    }

    /// Reads until `delimiter` appears (e.g. "\r\n\r\n" for a response head) and
    /// returns everything read so far, or fails if the server closes first.
    public func receive(until delimiter: [UInt8], limit: Int = 1 << 20) throws -> [UInt8] {
        var all: [UInt8] = []
        while !Self.contains(all, delimiter) {
            let chunk = try receive()
            if chunk.isEmpty { throw TLSTestClientError.io("closed before the delimiter arrived") }
            all += chunk
            if all.count > limit { throw TLSTestClientError.io("more than \(limit) bytes") }
        }
        return all
    }

    /// Sends close_notify (best effort) and closes the socket. Safe to call twice.
    public func close() {
        if let connection {
            _ = ctls_shutdown(connection)
            ctls_conn_free(connection)
            self.connection = nil
        }
        if fd >= 0 {
            Glibc.close(fd)
            fd = -1
        }
        if let context {
            ctls_ctx_free(context)
            self.context = nil
        }
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle) {
            return true
        }
        return false
    }

    fileprivate static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Throwaway certificates for TLS tests, made by the same code as
/// `employer-agent dev-cert` (EC P-256, self-signed, SAN localhost and 127.0.0.1).
public enum TestCertificates {
    /// Writes `dir/cert.pem` and `dir/key.pem` (creating `dir`) and returns their paths.
    /// Pass the certificate as `caFile` to trust it.
    public static func make(in dir: String) throws -> (cert: String, key: String) {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let cert = (dir as NSString).appendingPathComponent("cert.pem")
        let key = (dir as NSString).appendingPathComponent("key.pem")
        var err = [CChar](repeating: 0, count: 512)
        let ok = err.withUnsafeMutableBufferPointer {
            ctls_write_self_signed(cert, key, 2, $0.baseAddress, $0.count)
        }
        guard ok == 1 else { throw TLSTestClientError.context(TLSTestClient.text(err)) }
        return (cert, key)
    }

    /// A certificate in a fresh directory under the system temp dir; remove
    /// `directory` when done.
    public static func makeTemporary() throws -> (directory: String, cert: String, key: String) {
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("tls-test-\(UUID().uuidString)")
        let made = try make(in: directory)
        return (directory, made.cert, made.key)
    }
}
