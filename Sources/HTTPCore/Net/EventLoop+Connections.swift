import CSystem
import Glibc

/// Accepting, registering and closing the loop's connections.
extension EventLoop {
    // MARK: Connections

    func acceptConnections(listenerIndex: Int) {
        guard listenerIndex < listeners.count, !draining else { return }
        let listener = listeners[listenerIndex]
        var peerBuffer = [CChar](repeating: 0, count: 64)
        // Level-triggered listener: take a bounded batch, the rest wakes us again.
        for _ in 0..<64 {
            let fd = peerBuffer.withUnsafeMutableBufferPointer { csys_accept(listener.fd, $0.baseAddress, $0.count) }
            if fd < 0 {
                let err = csys_errno()
                if err == EMFILE || err == ENFILE || err == ENOBUFS || err == ENOMEM {
                    // Out of descriptors: stop accepting for a tick instead of spinning.
                    pauseAccepting()
                }
                return
            }
            _ = csys_set_nodelay(fd)
            guard server.reserveConnection() else {
                rejectOverCapacity(fd)
                continue
            }
            let peer = String(decoding: peerBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            register(fd: fd, peer: peer, tls: listener.tls)
        }
    }

    func pauseAccepting() {
        acceptPaused = true
        for listener in listeners { _ = csys_epoll_del(epollFD, listener.fd) }
    }

    func resumeAccepting() {
        acceptPaused = false
        guard !draining else { return }
        for (i, listener) in listeners.enumerated() {
            _ = csys_epoll_add(epollFD, listener.fd, CSYS_EPOLLIN, Self.listenerTag | UInt64(i))
        }
    }

    func rejectOverCapacity(_ fd: Int32) {
        let problem = ProblemDetails(status: .serviceUnavailable, type: "overloaded", title: "Too many connections",
                                     detail: "The service is at its connection limit; retry shortly.")
        var bytes: [UInt8] = []
        ResponseSerializer.write(problem.response, isHeadRequest: false, keepAlive: false, date: dateBytes, into: &bytes)
        _ = bytes.withUnsafeBytes { csys_send(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    func register(fd: Int32, peer: String, tls: TLSContext?) {
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
        } else {
            slot = connections.count
            connections.append(nil)
            generations.append(0)
        }
        let handle = ConnectionHandle(slot: slot, generation: generations[slot])
        let transport: Transport
        if let tls {
            guard let session = tls.makeSession(fd: fd) else {
                close(fd)
                server.releaseConnection()
                freeSlots.append(slot)
                return
            }
            transport = .tls(session)
        } else {
            transport = .plain
        }
        let connection = Connection(fd: fd, handle: handle, peer: peer, transport: transport, limits: server.configuration.parserLimits)
        connections[slot] = connection
        openCount += 1
        let config = server.configuration
        setDeadline(connection, seconds: tls == nil ? config.idleTimeoutSeconds : config.tlsHandshakeTimeoutSeconds)
        let events = CSYS_EPOLLIN | CSYS_EPOLLOUT | CSYS_EPOLLRDHUP | CSYS_EPOLLET
        if csys_epoll_add(epollFD, fd, events, handle.token) != 0 {
            closeConnection(connection)
        }
    }

    func lookup(_ handle: ConnectionHandle) -> Connection? {
        guard handle.slot < connections.count, generations[handle.slot] == handle.generation else { return nil }
        return connections[handle.slot]
    }

    func closeConnection(_ connection: Connection) {
        let slot = connection.handle.slot
        guard slot < connections.count, connections[slot] === connection else { return }
        connection.task?.cancel()
        connection.task = nil
        if case .tls(let session) = connection.transport { session.shutdown() }
        if connection.onWarmList {
            connection.onWarmList = false
            server.warmTLSSessions.subtract(1, ordering: .relaxed)
        }
        _ = csys_epoll_del(epollFD, connection.fd)
        close(connection.fd)
        connections[slot] = nil
        generations[slot] &+= 1
        freeSlots.append(slot)
        openCount -= 1
        server.releaseConnection()
        reportIfDrained()
    }

}
