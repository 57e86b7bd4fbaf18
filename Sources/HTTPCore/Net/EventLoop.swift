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

    struct Inbox {
        var jobs: [UnownedJob] = []
        var completions: [(ConnectionHandle, HTTPResponse)] = []
        var commands: [Command] = []
    }

    let index: Int
    let epollFD: Int32
    let wakeFD: Int32
    private let inbox = Mutex(Inbox())
    let wakePending = Atomic<Bool>(false)
    let server: ServerShared
    /// Nil unless the server records request metrics.
    let counters: LoopCounters?

    // Loop-owned
    var listeners: [(fd: Int32, tls: TLSContext?)] = []
    var connections: [Connection?] = []
    var generations: [UInt32] = []
    var freeSlots: [Int] = []
    var localJobs: [UnownedJob] = []
    var wheel: TimerWheel<ConnectionHandle>
    /// TLS connections driven recently, whose sessions may hold record buffers.
    var warmTLS: [ConnectionHandle] = []
    var dateCache = HTTPDateCache()
    var dateBytes: [UInt8] = []
    var tick = 0
    var nextTickAtMs: Int64 = 0
    var draining = false
    var stopped = false
    var acceptPaused = false
    var requestCounter: UInt64 = 0
    var openCount = 0
    /// Receive buffer shared by every connection of this loop: reads land here first.
    let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    /// Serialization buffer reused for every response.
    var outScratch: [UInt8] = []

    static let listenerTag: UInt64 = 0xFFFF_FFFF_0000_0000
    static let wakeToken: UInt64 = 0xFFFF_FFFE_0000_0000

    init(index: Int, server: ServerShared) throws {
        self.index = index
        self.server = server
        counters = server.configuration.recordsRequestMetrics
            ? LoopCounters(layout: CounterLayout(routes: max(1, server.responder.metricsRouteLabels.count))) : nil
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

    var isCurrent: Bool {
        csys_current_loop() == Unmanaged.passUnretained(self).toOpaque()
    }

    func wake() {
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

    func handle(event: csys_event) {
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

    func drainInbox() {
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

    func runLocalJobs() {
        // Bounded so a task that keeps re-enqueueing cannot starve the sockets.
        var budget = 4096
        while !localJobs.isEmpty && budget > 0 {
            let batch = localJobs
            localJobs.removeAll(keepingCapacity: true)
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
            budget -= batch.count
        }
    }

    func perform(_ command: Command) {
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

    func reportIfDrained() {
        if draining && openCount == 0 { server.loopDrained(index) }
    }

    func closeEverything() {
        for case let connection? in connections { closeConnection(connection) }
        for listener in listeners { close(listener.fd) }
        listeners.removeAll()
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
        connection.output.append(contentsOf: ResponseSerializer.continueBytes)
    }

    func dispatch(_ request: HTTPRequest, on connection: Connection) {
        connection.phase = .dispatched
        connection.inFlightIsHead = request.method == .HEAD
        connection.inFlightKeepAlive = request.keepAlive && !draining
        setDeadline(connection, seconds: server.configuration.handlerTimeoutSeconds)
        if counters != nil {
            connection.inFlightMethod = request.method
            connection.inFlightStartNanos = csys_monotonic_ns()
        }
        requestCounter &+= 1
        let info = RequestInfo(requestID: server.requestID(loop: index, counter: requestCounter),
                               remoteAddress: connection.peer, isTLS: connection.isTLS, matched: connection.inFlightMatch)
        connection.inFlightMatch = nil
        let handle = connection.handle
        let responder = server.responder
        connection.task = Task(executorPreference: self) {
            let response = await responder.respond(to: request, info: info)
            self.deliver(response, to: handle)
        }
    }

    func complete(_ handle: ConnectionHandle, with response: HTTPResponse) {
        guard let connection = lookup(handle), connection.phase == .dispatched else { return }
        connection.task = nil
        connection.phase = .reading
        connection.requestStarted = false
        if let counters {
            counters.recordRequest(route: connection.inFlightRoute, method: connection.inFlightMethod, status: response.status.code,
                                   nanoseconds: csys_monotonic_ns() &- connection.inFlightStartNanos)
        }
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
