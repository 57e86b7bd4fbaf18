import CSystem
import Glibc
import Synchronization

/// One event-loop thread: its own epoll set, wake-up eventfd, timer wheel, listening
/// sockets and connections. It is also a `TaskExecutor`, so request tasks that prefer it
/// run their CPU-only parts on this thread with no hop.
///
/// Thread-safety: every stored property below `// Loop-owned` is touched only on the loop
/// thread (the `thread` body and the jobs it runs). Other threads reach the loop only
/// through `inbox` (a mutex-guarded queue) and `wake()`. That is why the class can be
/// `@unchecked Sendable`.
final class EventLoop: TaskExecutor, @unchecked Sendable {
    enum Command {
        case drain
        case stop
        /// New connections on listener `index` use this TLS context from now on.
        case replaceTLS(index: Int, context: TLSContext)
    }

    private struct Inbox {
        var jobs: [UnownedJob] = []
        var completions: [(ConnectionHandle, HTTPResponse)] = []
        var commands: [Command] = []
    }

    let index: Int
    private let epollFD: Int32
    private let wakeFD: Int32
    private let inbox = Mutex(Inbox())
    private let wakePending = Atomic<Bool>(false)
    private let server: ServerShared

    // Loop-owned
    private var listeners: [(fd: Int32, tls: TLSContext?)] = []
    private var connections: [Connection?] = []
    private var generations: [UInt32] = []
    private var freeSlots: [Int] = []
    private var localJobs: [UnownedJob] = []
    private var wheel: TimerWheel<ConnectionHandle>
    private var dateCache = HTTPDateCache()
    private var dateBytes: [UInt8] = []
    private var tick = 0
    private var nextTickAtMs: Int64 = 0
    private var draining = false
    private var stopped = false
    private var acceptPaused = false
    private var requestCounter: UInt64 = 0
    private var openCount = 0
    /// Receive buffer shared by every connection of this loop: reads land here first.
    private let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    /// Serialization buffer reused for every response.
    private var outScratch: [UInt8] = []

    private static let listenerTag: UInt64 = 0xFFFF_FFFF_0000_0000
    private static let wakeToken: UInt64 = 0xFFFF_FFFE_0000_0000

    init(index: Int, server: ServerShared) throws {
        self.index = index
        self.server = server
        epollFD = csys_epoll_create()
        wakeFD = csys_eventfd()
        wheel = TimerWheel(slots: 64)
        guard epollFD >= 0, wakeFD >= 0 else { throw SocketError.system("epoll/eventfd", csys_errno()) }
        guard csys_epoll_add(epollFD, wakeFD, CSYS_EPOLLIN | CSYS_EPOLLET, Self.wakeToken) == 0 else {
            throw SocketError.system("epoll_ctl(eventfd)", csys_errno())
        }
        outScratch.reserveCapacity(16 * 1024)
    }

    deinit {
        scratch.deallocate()
        close(epollFD)
        close(wakeFD)
    }

    /// Called before the thread starts: the loop takes ownership of these listening sockets.
    func adopt(listener fd: Int32, tls: TLSContext?) {
        listeners.append((fd, tls))
    }

    // MARK: Cross-thread entry points

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        if isCurrent {
            localJobs.append(job)
        } else {
            inbox.withLock { $0.jobs.append(job) }
            wake()
        }
    }

    /// Hands a finished response to the loop that owns the connection.
    func deliver(_ response: HTTPResponse, to handle: ConnectionHandle) {
        if isCurrent {
            complete(handle, with: response)
        } else {
            inbox.withLock { $0.completions.append((handle, response)) }
            wake()
        }
    }

    func send(_ command: Command) {
        inbox.withLock { $0.commands.append(command) }
        wake()
    }

    private var isCurrent: Bool {
        csys_current_loop() == Unmanaged.passUnretained(self).toOpaque()
    }

    private func wake() {
        // One eventfd write per batch: the loop clears the flag before it empties the inbox.
        if !wakePending.exchange(true, ordering: .acquiringAndReleasing) {
            _ = csys_eventfd_signal(wakeFD)
        }
    }

    // MARK: The loop

    /// The thread body. Returns after `.stop`.
    func run() {
        csys_set_current_loop(Unmanaged.passUnretained(self).toOpaque())
        for (i, listener) in listeners.enumerated() {
            _ = csys_epoll_add(epollFD, listener.fd, CSYS_EPOLLIN, Self.listenerTag | UInt64(i))
        }
        refreshDate()
        nextTickAtMs = csys_monotonic_ms() + 1000
        var events = [csys_event](repeating: csys_event(), count: 256)
        while !stopped {
            let now = csys_monotonic_ms()
            let timeout = localJobs.isEmpty ? Int32(max(0, min(1000, nextTickAtMs - now))) : 0
            let count = events.withUnsafeMutableBufferPointer { buffer in
                csys_epoll_wait(epollFD, buffer.baseAddress, Int32(buffer.count), timeout)
            }
            if count > 0 {
                for i in 0..<Int(count) { handle(event: events[i]) }
            }
            drainInbox()
            runLocalJobs()
            if csys_monotonic_ms() >= nextTickAtMs { onTick() }
        }
        closeEverything()
        csys_set_current_loop(nil)
    }

    private func handle(event: csys_event) {
        let data = event.data
        if data == Self.wakeToken {
            _ = csys_eventfd_drain(wakeFD)
            return
        }
        if data & Self.listenerTag == Self.listenerTag {
            acceptConnections(listenerIndex: Int(data & 0xFFFF_FFFF))
            return
        }
        let handle = ConnectionHandle(token: data)
        guard let connection = lookup(handle) else { return }
        if event.events & (CSYS_EPOLLERR | CSYS_EPOLLHUP) != 0 && event.events & CSYS_EPOLLIN == 0 {
            closeConnection(connection)
            return
        }
        drive(connection)
    }

    private func drainInbox() {
        wakePending.store(false, ordering: .releasing)
        let taken = inbox.withLock { box -> Inbox in
            let copy = box
            box = Inbox()
            return copy
        }
        localJobs.append(contentsOf: taken.jobs)
        for (handle, response) in taken.completions { complete(handle, with: response) }
        for command in taken.commands { perform(command) }
    }

    private func runLocalJobs() {
        // Bounded so a task that keeps re-enqueueing cannot starve the sockets.
        var budget = 4096
        while !localJobs.isEmpty && budget > 0 {
            let batch = localJobs
            localJobs.removeAll(keepingCapacity: true)
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
            budget -= batch.count
        }
    }

    private func perform(_ command: Command) {
        switch command {
        case .drain:
            guard !draining else { return }
            draining = true
            for listener in listeners { _ = csys_epoll_del(epollFD, listener.fd) }
            for case let connection? in connections {
                if connection.isIdle { closeConnection(connection) } else { connection.inFlightKeepAlive = false }
            }
            reportIfDrained()
        case .stop:
            stopped = true
        case let .replaceTLS(index, context):
            // Per loop, listeners are adopted in configuration order; only TLS ones change.
            if index < listeners.count, listeners[index].tls != nil { listeners[index].tls = context }
        }
    }

    private func reportIfDrained() {
        if draining && openCount == 0 { server.loopDrained(index) }
    }

    private func closeEverything() {
        for case let connection? in connections { closeConnection(connection) }
        for listener in listeners { close(listener.fd) }
        listeners.removeAll()
    }

    // MARK: Time

    private func onTick() {
        tick += 1
        nextTickAtMs += 1000
        let now = csys_monotonic_ms()
        if nextTickAtMs <= now { nextTickAtMs = now + 1000 }
        refreshDate()
        if acceptPaused { resumeAccepting() }
        wheel.advance(to: tick) { handle in
            guard let connection = lookup(handle) else { return }
            connection.scheduledTick = Int.max
            if connection.deadline <= tick {
                timedOut(connection)
            } else {
                schedule(connection, at: connection.deadline)
            }
        }
    }

    private func refreshDate() {
        dateBytes = dateCache.bytes(forEpochSecond: Int(csys_epoch_seconds()))
    }

    /// Sets when the connection's current phase expires: never sooner than `seconds` from
    /// now (the tick in progress is partly spent, hence the extra one), at most a second later.
    func setDeadline(_ connection: Connection, seconds: Int) {
        connection.deadline = tick + max(1, seconds) + 1
        if connection.deadline < connection.scheduledTick { schedule(connection, at: connection.deadline) }
    }

    private func schedule(_ connection: Connection, at when: Int) {
        connection.scheduledTick = when
        wheel.schedule(connection.handle, at: when)
    }

    private func timedOut(_ connection: Connection) {
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

    // MARK: Connections

    private func acceptConnections(listenerIndex: Int) {
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

    private func pauseAccepting() {
        acceptPaused = true
        for listener in listeners { _ = csys_epoll_del(epollFD, listener.fd) }
    }

    private func resumeAccepting() {
        acceptPaused = false
        guard !draining else { return }
        for (i, listener) in listeners.enumerated() {
            _ = csys_epoll_add(epollFD, listener.fd, CSYS_EPOLLIN, Self.listenerTag | UInt64(i))
        }
    }

    private func rejectOverCapacity(_ fd: Int32) {
        let problem = ProblemDetails(status: .serviceUnavailable, type: "overloaded", title: "Too many connections",
                                     detail: "The service is at its connection limit; retry shortly.")
        var bytes: [UInt8] = []
        ResponseSerializer.write(problem.response, isHeadRequest: false, keepAlive: false, date: dateBytes, into: &bytes)
        _ = bytes.withUnsafeBytes { csys_send(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    private func register(fd: Int32, peer: String, tls: TLSContext?) {
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

    private func lookup(_ handle: ConnectionHandle) -> Connection? {
        guard handle.slot < connections.count, generations[handle.slot] == handle.generation else { return nil }
        return connections[handle.slot]
    }

    func closeConnection(_ connection: Connection) {
        let slot = connection.handle.slot
        guard slot < connections.count, connections[slot] === connection else { return }
        connection.task?.cancel()
        connection.task = nil
        if case .tls(let session) = connection.transport { session.shutdown() }
        _ = csys_epoll_del(epollFD, connection.fd)
        close(connection.fd)
        connections[slot] = nil
        generations[slot] &+= 1
        freeSlots.append(slot)
        openCount -= 1
        server.releaseConnection()
        reportIfDrained()
    }

    // MARK: Requests and responses

    /// Serializes `response` behind whatever the connection still has to write.
    func queue(_ response: HTTPResponse, isHead: Bool, keepAlive: Bool, on connection: Connection) {
        if !connection.hasOutput {
            connection.output.removeAll(keepingCapacity: connection.output.capacity <= 64 * 1024)
            connection.outputOffset = 0
        }
        ResponseSerializer.write(response, isHeadRequest: isHead, keepAlive: keepAlive, date: dateBytes, into: &connection.output)
        if !keepAlive { connection.closeAfterWrite = true }
    }

    func queueContinue(on connection: Connection) {
        connection.output.append(contentsOf: Self.continueBytes)
    }
    private static let continueBytes = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    func dispatch(_ request: HTTPRequest, on connection: Connection) {
        connection.phase = .dispatched
        connection.inFlightIsHead = request.method == .HEAD
        connection.inFlightKeepAlive = request.keepAlive && !draining
        setDeadline(connection, seconds: server.configuration.handlerTimeoutSeconds)
        requestCounter &+= 1
        let info = RequestInfo(requestID: server.requestID(loop: index, counter: requestCounter),
                               remoteAddress: connection.peer, isTLS: connection.isTLS)
        let handle = connection.handle
        let responder = server.responder
        connection.task = Task(executorPreference: self) {
            let response = await responder.respond(to: request, info: info)
            self.deliver(response, to: handle)
        }
    }

    private func complete(_ handle: ConnectionHandle, with response: HTTPResponse) {
        guard let connection = lookup(handle), connection.phase == .dispatched else { return }
        connection.task = nil
        connection.phase = .reading
        connection.requestStarted = false
        queue(response, isHead: connection.inFlightIsHead, keepAlive: connection.inFlightKeepAlive, on: connection)
        setDeadline(connection, seconds: server.configuration.idleTimeoutSeconds)
        drive(connection)
    }

    var isDraining: Bool { draining }
    var configuration: HTTPServerConfiguration { server.configuration }
    var responder: any HTTPResponder { server.responder }
    var receiveBuffer: UnsafeMutableRawBufferPointer { scratch }
}

/// Errors from socket setup, carrying errno.
public enum SocketError: Error, CustomStringConvertible {
    case system(String, Int32)
    public var description: String {
        switch self {
        case let .system(call, code): return "\(call) failed: \(String(cString: strerror(code))) (errno \(code))"
        }
    }
}
