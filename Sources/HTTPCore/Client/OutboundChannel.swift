import CSystem
import CTLS
import Glibc

/// The byte stream of one outbound connection: a non-blocking socket, TLS or not, where
/// every wait is a poll bounded by the request's deadline.
struct OutboundChannel {
    let fd: Int32
    /// Set again for each request when the connection is reused.
    var deadline: Int64
    private var tls: OpaquePointer?

    init(fd: Int32, deadline: Int64) {
        self.fd = fd
        self.deadline = deadline
    }

    /// Waits until the socket is readable (or writable); `.timeout` past the deadline.
    private func wait(write: Bool, _ phase: String) throws(OutboundError) {
        let remaining = deadline - csys_monotonic_ms()
        guard remaining > 0 else { throw .timeout(phase) }
        let ready = csys_poll_one(fd, write ? 1 : 0, Int32(clamping: remaining))
        if ready == 0 { throw .timeout(phase) }
        if ready < 0 { throw .io("poll errno \(csys_errno())") }
    }

    mutating func startTLS(_ context: OpaquePointer, host: String) throws(OutboundError) {
        guard let conn = ctls_conn_new(context, fd, 0, host) else { throw .tls("cannot start a session") }
        tls = conn
        while true {
            let status = ctls_handshake(conn)
            switch status {
            case 1: return
            case CTLS_WANT_READ: try wait(write: false, "in the TLS handshake")
            case CTLS_WANT_WRITE: try wait(write: true, "in the TLS handshake")
            case CTLS_CLOSED: throw .tls("closed during the handshake")
            default: throw .tls(String(cString: ctls_conn_error(conn)))
            }
        }
    }

    func write(_ bytes: [UInt8]) throws(OutboundError) {
        var offset = 0
        while offset < bytes.count {
            let n: Int = bytes.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return 0 }
                if let tls { return Int(ctls_write(tls, base + offset, Int32(clamping: raw.count - offset))) }
                return csys_send(fd, base + offset, raw.count - offset)
            }
            if n > 0 { offset += n; continue }
            if let tls {
                switch Int32(n) {
                case CTLS_WANT_READ: try wait(write: false, "sending")
                case CTLS_WANT_WRITE: try wait(write: true, "sending")
                default: throw .io(String(cString: ctls_conn_error(tls)))
                }
            } else if csys_errno() == EAGAIN {
                try wait(write: true, "sending")
            } else {
                throw .io("send errno \(csys_errno())")
            }
        }
    }

    /// Up to `max` bytes; empty once the peer closed.
    func read(max: Int) throws(OutboundError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max)
        while true {
            let n: Int = buffer.withUnsafeMutableBytes { raw in
                if let tls { return Int(ctls_read(tls, raw.baseAddress, Int32(clamping: raw.count))) }
                return csys_recv(fd, raw.baseAddress, raw.count)
            }
            if n > 0 { return Array(buffer[0..<n]) }
            if let tls {
                switch Int32(n) {
                case CTLS_WANT_READ: try wait(write: false, "waiting for the answer")
                case CTLS_WANT_WRITE: try wait(write: true, "waiting for the answer")
                case CTLS_CLOSED: return []
                default: throw .io(String(cString: ctls_conn_error(tls)))
                }
            } else if n == 0 {
                return []
            } else if csys_errno() == EAGAIN {
                try wait(write: false, "waiting for the answer")
            } else {
                throw .io("recv errno \(csys_errno())")
            }
        }
    }

    /// Frees the TLS session (no close_notify wait: the socket closes right after).
    mutating func close() {
        if let tls {
            _ = ctls_shutdown(tls)
            ctls_conn_free(tls)
        }
        tls = nil
    }
}
