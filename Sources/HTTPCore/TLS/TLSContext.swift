import CTLS

/// The process's one immutable TLS server configuration (certificate, key, protocol and
/// cipher policy). Placeholder until the CTLS shim lands.
public final class TLSContext: Sendable {
    public init(certificateChain: String, privateKey: String, tls13Ciphersuites: String, tls12CipherList: String) throws {
        throw SocketError.system("TLS not available yet", 0)
    }
    func makeSession(fd: Int32) -> TLSSession? { nil }
}

/// One connection's TLS state, driven by its event loop.
final class TLSSession {
    enum HandshakeResult { case done, wantRead, wantWrite, failed }
    func handshake() -> HandshakeResult { .failed }
    func read(into buffer: UnsafeMutableRawBufferPointer) -> IOResult { .failed }
    func write(_ bytes: UnsafeRawBufferPointer) -> IOResult { .failed }
    func shutdown() {}
}
