import CTLS

/// Why TLS could not be set up; carries OpenSSL's own reason.
public struct TLSError: Error, CustomStringConvertible {
    public let description: String
}

/// The process's one immutable TLS server configuration: certificate chain, key,
/// TLS 1.2 minimum (1.3 preferred), no renegotiation or compression, AES-256-GCM suites
/// by default, ALPN http/1.1.
///
/// `@unchecked Sendable`: the wrapped SSL_CTX is never changed after creation, and
/// OpenSSL allows any number of threads to create sessions from one context at once.
public final class TLSContext: @unchecked Sendable {
    private let context: OpaquePointer

    public init(certificateChain: String, privateKey: String,
                tls13Ciphersuites: String? = nil, tls12CipherList: String? = nil) throws {
        var error = [CChar](repeating: 0, count: 512)
        guard let context = ctls_server_ctx_new(certificateChain, privateKey, tls13Ciphersuites, tls12CipherList,
                                                &error, error.count) else {
            throw TLSError(description: String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        self.context = context
    }

    deinit { ctls_ctx_free(context) }

    /// A server session over an accepted socket; no I/O happens until the loop drives it.
    func makeSession(fd: Int32) -> TLSSession? {
        guard let connection = ctls_conn_new(context, fd, 1, nil) else { return nil }
        return TLSSession(connection)
    }

    /// The linked OpenSSL, for the startup log.
    public static var libraryVersion: String { String(cString: ctls_openssl_version()) }
}

/// One connection's TLS state, owned by its event loop's thread.
final class TLSSession {
    enum HandshakeResult { case done, wantRead, wantWrite, failed }
    private let connection: OpaquePointer

    init(_ connection: OpaquePointer) { self.connection = connection }
    deinit { ctls_conn_free(connection) }

    func handshake() -> HandshakeResult {
        switch ctls_handshake(connection) {
        case 1: return .done
        case CTLS_WANT_READ: return .wantRead
        case CTLS_WANT_WRITE: return .wantWrite
        default: return .failed
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
        map(ctls_read(connection, buffer.baseAddress, Int32(clamping: buffer.count)))
    }

    /// After a read that returned bytes: the socket was found empty and OpenSSL buffers
    /// nothing more, so another read would only say WANT_READ.
    var readDrained: Bool { ctls_read_drained(connection) != 0 }

    func write(_ bytes: UnsafeRawBufferPointer) -> IOResult {
        if bytes.isEmpty { return .bytes(0) }
        return map(ctls_write(connection, bytes.baseAddress, Int32(clamping: bytes.count)))
    }

    /// Frees OpenSSL's record buffers of an idle session; false when they still hold bytes.
    func releaseBuffers() -> Bool { ctls_conn_release_buffers(connection) == 1 }

    /// Best effort close_notify; the socket is closed right after either way.
    func shutdown() { _ = ctls_shutdown(connection) }

    var negotiatedProtocol: String { String(cString: ctls_conn_protocol(connection)) }

    private func map(_ result: Int32) -> IOResult {
        if result > 0 { return .bytes(Int(result)) }
        switch result {
        case CTLS_WANT_READ: return .wouldBlock(wantsWrite: false)
        case CTLS_WANT_WRITE: return .wouldBlock(wantsWrite: true)
        case CTLS_CLOSED: return .closed
        default: return .failed
        }
    }
}
