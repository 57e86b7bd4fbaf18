import CSystem
import Glibc

/// Ticks, deadlines and timeouts of the loop (one-second ticks, a timer wheel).
extension EventLoop {
    // MARK: Time

    func onTick() {
        tick += 1
        nextTickAtMs += 1000
        let now = csys_monotonic_ms()
        if nextTickAtMs <= now { nextTickAtMs = now + 1000 }
        refreshDate()
        if acceptPaused { resumeAccepting() }
        trimIdleTLSBuffers()
        for handle in wheel.advance(to: tick) {
            guard let connection = lookup(handle) else { continue }
            connection.scheduledTick = Int.max
            if connection.deadline <= tick {
                timedOut(connection)
            } else {
                schedule(connection, at: connection.deadline)
            }
        }
    }

    func refreshDate() {
        dateBytes = dateCache.bytes(forEpochSecond: Int(csys_epoch_seconds()))
    }

    /// Sets when the connection's current phase expires: never sooner than `seconds` from
    /// now (the tick in progress is partly spent, hence the extra one), at most a second later.
    func setDeadline(_ connection: Connection, seconds: Int) {
        connection.deadline = tick + max(1, seconds) + 1
        if connection.deadline < connection.scheduledTick { schedule(connection, at: connection.deadline) }
    }

    func schedule(_ connection: Connection, at when: Int) {
        connection.scheduledTick = when
        wheel.schedule(connection.handle, at: when)
    }

    func timedOut(_ connection: Connection) {
        let config = server.configuration
        switch connection.phase {
        case .handshaking:
            closeConnection(connection)
        case .dispatched:
            connection.task?.cancel()
            connection.task = nil
            connection.phase = .reading
            connection.pending.removeAll()
            let problem = ProblemDetails(status: .serviceUnavailable, type: "handler-timeout", title: "Request timed out",
                                         detail: "The service did not answer within \(config.handlerTimeoutSeconds) seconds.")
            queue(problem.response, isHead: connection.inFlightIsHead, keepAlive: false, on: connection)
            drive(connection)
        case .reading:
            if connection.requestStarted && !connection.hasOutput {
                let problem = ProblemDetails(status: .requestTimeout, type: "request-timeout", title: "Request timed out",
                                             detail: "The request was not received completely in time.")
                queue(problem.response, isHead: false, keepAlive: false, on: connection)
                drive(connection)
            } else {
                closeConnection(connection)
            }
        }
    }

}
