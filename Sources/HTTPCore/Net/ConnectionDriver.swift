/// The one drive routine per connection, re-run after every change of its state (a
/// readiness edge, a finished response, a timer). It flushes, parses, dispatches and
/// reads until the socket says EAGAIN (or TLS says WANT_READ), so no edge is lost.
///
/// Under TLS a short read (the recv got fewer bytes than asked, and nothing is left
/// inside OpenSSL; see `Transport.drained`) counts as that WANT_READ: Linux queues a new edge for every later arrival of data, so
/// `readDrained` skips the read that would only say so. The flag is trusted only while
/// no edge can have been consumed without a read: within the drive that set it, and
/// across a dispatch (a drive entered while dispatched, i.e. an event or a timer during
/// the request, clears it; so does every drive that ends outside a dispatch).
extension EventLoop {
    func drive(_ connection: Connection) {
        if connection.isTLS { noteTLSActivity(connection) }
        if connection.phase == .dispatched { connection.readDrained = false }
        driveSteps(connection)
        if connection.phase != .dispatched { connection.readDrained = false }
    }

    private func driveSteps(_ connection: Connection) {
        while true {
            if connection.hasOutput {
                guard flush(connection) else { return }
            }
            if connection.closeAfterWrite {
                closeConnection(connection)
                return
            }
            switch connection.phase {
            case .dispatched:
                // In-order answers: the next pipelined request waits in `pending`.
                return
            case .handshaking:
                guard case .tls(let session) = connection.transport else { return }
                switch session.handshake() {
                case .done:
                    counters?.recordHandshake(succeeded: true)
                    connection.phase = .reading
                    setDeadline(connection, seconds: configuration.idleTimeoutSeconds)
                case .wantRead, .wantWrite:
                    return
                case .failed:
                    counters?.recordHandshake(succeeded: false)
                    closeConnection(connection)
                    return
                }
                continue
            case .reading:
                break
            }
            if !connection.pending.isEmpty, parseBuffered(connection) { continue }
            if connection.peerClosed {
                closeConnection(connection)
                return
            }
            guard readMore(connection) else { return }
        }
    }

    /// Writes queued output. Returns false when the socket is full (an EPOLLOUT edge will
    /// re-drive us) or the connection was closed.
    private func flush(_ connection: Connection) -> Bool {
        while connection.hasOutput {
            let result = connection.output.withUnsafeBytes { all in
                connection.transport.send(fd: connection.fd, UnsafeRawBufferPointer(rebasing: all[connection.outputOffset...]))
            }
            switch result {
            case .bytes(let n):
                connection.outputOffset += n
            case .wouldBlock:
                return false
            case .closed, .failed:
                closeConnection(connection)
                return false
            }
        }
        connection.output.removeAll(keepingCapacity: connection.output.capacity <= 64 * 1024)
        connection.outputOffset = 0
        return true
    }

    /// Reads once into the loop's receive buffer and appends to `pending`. Returns false
    /// when there is nothing to read now (wait for the next edge) or the connection closed.
    private func readMore(_ connection: Connection) -> Bool {
        if connection.readDrained { return false }
        let buffer = receiveBuffer
        switch connection.transport.receive(fd: connection.fd, into: buffer) {
        case .bytes(let n):
            connection.readDrained = connection.transport.readDrained
            if !connection.requestStarted {
                connection.requestStarted = true
                setDeadline(connection, seconds: configuration.headerTimeoutSeconds)
            }
            connection.pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            return true
        case .wouldBlock:
            return false
        case .closed:
            connection.peerClosed = true
            // Answer what is complete; a half request from a closed peer is dropped below.
            if connection.pending.isEmpty {
                closeConnection(connection)
                return false
            }
            return parseBuffered(connection) || closeAndStop(connection)
        case .failed:
            closeConnection(connection)
            return false
        }
    }

    private func closeAndStop(_ connection: Connection) -> Bool {
        closeConnection(connection)
        return false
    }

    /// Feeds `pending` to the parser. Returns true when it made progress the caller should
    /// follow up (a request dispatched, an error queued, a head accepted).
    private func parseBuffered(_ connection: Connection) -> Bool {
        var progressed = false
        while connection.phase == .reading && !connection.closeAfterWrite {
            let (consumed, event) = connection.pending.withUnsafeBytes { connection.parser.parse($0) }
            if consumed > 0 {
                if consumed == connection.pending.count {
                    connection.pending.removeAll(keepingCapacity: connection.pending.capacity <= 16 * 1024)
                } else {
                    connection.pending.removeFirst(consumed)
                }
            }
            switch event {
            case .needMore:
                return progressed
            case .head(let head):
                progressed = true
                let route = responder.route(method: head.method, path: HTTPRequest.path(of: head.target))
                connection.inFlightRoute = route.metricsSlot
                connection.inFlightMatch = route.matched
                if !Self.bodyIsBuffered(head, connection.pending), let answer = responder.answerBeforeBody(head) {
                    // Refused on its head: the body is never read, so the connection cannot
                    // carry another request (its unread body would be taken for one).
                    connection.pending.removeAll()
                    counters?.recordRequest(route: route.metricsSlot, method: head.method, status: answer.status.code, nanoseconds: 0)
                    queue(answer, isHead: head.method == .HEAD, keepAlive: false, on: connection)
                    return true
                }
                let limit = route.bodyLimit
                connection.parser.setBodyLimit(limit)
                if case .length(let length) = head.framing, length > limit { continue }
                if head.expectsContinue && head.framing != .none && connection.pending.isEmpty {
                    queueContinue(on: connection)
                }
                // The body may take a while to arrive: from here the idle timeout applies.
                setDeadline(connection, seconds: configuration.idleTimeoutSeconds)
            case .complete(let request):
                dispatch(request, on: connection)
                return true
            case .failed(let error):
                connection.pending.removeAll()
                let problem = ProblemDetails(status: error.status, type: "malformed-request", title: error.status.reason,
                                             detail: error.reason)
                counters?.recordRequest(route: 0, method: .GET, status: error.status.code, nanoseconds: 0)
                queue(problem.response, isHead: false, keepAlive: false, on: connection)
                return true
            }
        }
        return progressed
    }

    /// Whether the request has no body, or all of it already arrived: then the request
    /// is answered the usual way and its connection stays usable. Chunked bodies are not
    /// measured here; they count as still to come.
    static func bodyIsBuffered(_ head: RequestHead, _ pending: [UInt8]) -> Bool {
        switch head.framing {
        case .none: return true
        case .length(let length): return pending.count >= length
        case .chunked: return false
        }
    }
}
