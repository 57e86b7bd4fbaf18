import CSystem

/// OpenSSL's record buffers (~34 KiB per TLS session). Freeing them after every request
/// (SSL_MODE_RELEASE_BUFFERS) cost ~2,200 instructions a keep-alive round trip, so a
/// session keeps them while busy and gives them back once idle for a whole tick (checked
/// on each tick): idle keep-alive sessions hold no buffers, busy ones are not slowed.
extension EventLoop {
    /// Called on every drive of a TLS connection: one store, and a list entry only when
    /// the session turns busy.
    func noteTLSActivity(_ connection: Connection) {
        connection.lastActiveTick = tick
        if !connection.onWarmList {
            connection.onWarmList = true
            warmTLS.append(connection.handle)
            server.warmTLSSessions.add(1, ordering: .relaxed)
        }
    }

    func trimIdleTLSBuffers() {
        guard !warmTLS.isEmpty else { return }
        var kept = 0
        for i in warmTLS.indices {
            let handle = warmTLS[i]
            // A closed connection left the count when it closed.
            guard let connection = lookup(handle), connection.onWarmList else { continue }
            if connection.lastActiveTick + 1 < tick, connection.isIdle,
               case .tls(let session) = connection.transport, session.releaseBuffers() {
                connection.onWarmList = false
                server.warmTLSSessions.subtract(1, ordering: .relaxed)
                continue
            }
            warmTLS[kept] = handle
            kept += 1
        }
        let left = warmTLS.count - kept // trimmed or closed
        warmTLS.removeLast(left)
        // Freed buffers stay in malloc's heap, scattered between live sessions, so the
        // resident size would not fall; after many at once, give whole free pages back.
        if left >= 64 { csys_release_free_memory() }
    }
}
