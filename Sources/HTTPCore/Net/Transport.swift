import CSystem
import Glibc

/// Outcome of one read or write on a connection's byte stream.
enum IOResult {
    case bytes(Int)
    /// Nothing more now; the loop waits for the readiness edge it names.
    case wouldBlock(wantsWrite: Bool)
    /// Orderly end of stream from the peer.
    case closed
    case failed
}

/// How a connection's bytes travel: straight on the socket, or through a TLS session.
enum Transport {
    case plain
    case tls(TLSSession)

    func receive(fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
        switch self {
        case .plain:
            let n = csys_recv(fd, buffer.baseAddress, buffer.count)
            if n > 0 { return .bytes(n) }
            if n == 0 { return .closed }
            let err = csys_errno()
            return err == EAGAIN || err == EWOULDBLOCK ? .wouldBlock(wantsWrite: false) : .failed
        case .tls(let session):
            return session.read(into: buffer)
        }
    }

    /// After `receive` returned bytes: whether the socket is known to be empty now, so
    /// the read that would only return WANT_READ can be skipped. TLS only (its short
    /// recv, with nothing left inside OpenSSL; one A/B: ~2 µs less server CPU per
    /// keep-alive request). Plain connections still read until EAGAIN: skipping that
    /// recv by the same rule measured within noise.
    var readDrained: Bool {
        switch self {
        case .plain: return false
        case .tls(let session): return session.readDrained
        }
    }

    func send(fd: Int32, _ bytes: UnsafeRawBufferPointer) -> IOResult {
        switch self {
        case .plain:
            let n = csys_send(fd, bytes.baseAddress, bytes.count)
            if n >= 0 { return .bytes(n) }
            let err = csys_errno()
            return err == EAGAIN || err == EWOULDBLOCK ? .wouldBlock(wantsWrite: true) : .failed
        case .tls(let session):
            return session.write(bytes)
        }
    }
}
