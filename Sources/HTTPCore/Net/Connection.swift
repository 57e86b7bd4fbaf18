/// Names a connection from any thread without touching it: the slot in its loop's table
/// and the generation of that slot, so a late answer for a closed connection is dropped.
struct ConnectionHandle: Sendable, Hashable {
    let slot: Int
    let generation: UInt32

    /// The epoll user data for this connection (slot in the high half, generation below).
    var token: UInt64 { UInt64(slot) << 32 | UInt64(generation) }
    init(slot: Int, generation: UInt32) {
        self.slot = slot
        self.generation = generation
    }
    init(token: UInt64) {
        slot = Int(token >> 32)
        generation = UInt32(truncatingIfNeeded: token)
    }
}

/// One client connection. Owned by its event loop's thread and never shared: tasks that
/// answer a request carry a `ConnectionHandle` instead.
final class Connection {
    enum Phase {
        /// TLS handshake not finished yet.
        case handshaking
        /// Waiting for (the rest of) a request.
        case reading
        /// A request is with the application; nothing more is parsed until it answers.
        case dispatched
    }

    let fd: Int32
    let handle: ConnectionHandle
    let peer: String
    var transport: Transport
    var phase: Phase
    var parser: HTTPRequestParser
    /// Received bytes not yet consumed by the parser.
    var pending: [UInt8] = []
    /// Serialized response bytes not yet written, from `outputOffset` on.
    var output: [UInt8] = []
    var outputOffset = 0
    /// Close as soon as `output` is flushed (error answers, `Connection: close`, drain).
    var closeAfterWrite = false
    /// The peer shut down its sending side; finish what is buffered, then close.
    var peerClosed = false
    /// Bytes of a new request have arrived (so the header timeout, not the idle one, runs).
    var requestStarted = false
    /// The last read found the socket empty and no readiness event has been handled
    /// since (see `EventLoop.drive`): reading again now would only return EAGAIN.
    var readDrained = false
    /// TLS only: the loop's tick of the last drive, and whether the connection is on the
    /// loop's list of sessions that may hold record buffers (see `trimIdleTLSBuffers`).
    var lastActiveTick = 0
    var onWarmList = false
    var inFlightIsHead = false
    var inFlightKeepAlive = true
    /// For request metrics: the matched route's slot, the method and when it was dispatched.
    var inFlightRoute = 0
    /// The route the head of the request being read matched; handed to its dispatch.
    var inFlightMatch: MatchedRoute?
    var inFlightMethod = HTTPMethod.GET
    var inFlightStartNanos: UInt64 = 0
    var task: Task<Void, Never>?
    /// The tick at which the current phase times out, and the earliest wheel entry we hold.
    var deadline = 0
    var scheduledTick = Int.max
    var isTLS: Bool { if case .tls = transport { return true } else { return false } }

    init(fd: Int32, handle: ConnectionHandle, peer: String, transport: Transport, limits: HTTPParserLimits) {
        self.fd = fd
        self.handle = handle
        self.peer = peer
        self.transport = transport
        self.parser = HTTPRequestParser(limits: limits)
        if case .tls = transport { phase = .handshaking } else { phase = .reading }
    }

    var hasOutput: Bool { outputOffset < output.count }
    /// Idle between requests: nothing buffered, nothing in flight, nothing to write.
    var isIdle: Bool { phase == .reading && !requestStarted && pending.isEmpty && !hasOutput }
}
