import CSystem
import Glibc
import Synchronization
import Foundation

/// What every loop of one server shares: configuration, the application, the global
/// connection count, and the drain bookkeeping. Immutable but for atomics and one mutex.
final class ServerShared: Sendable {
    let configuration: HTTPServerConfiguration
    let responder: any HTTPResponder
    private let openConnections = Atomic<Int>(0)
    private let drained = Mutex<Set<Int>>([])
    private let bootTag: String

    init(configuration: HTTPServerConfiguration, responder: any HTTPResponder) {
        self.configuration = configuration
        self.responder = responder
        bootTag = String(UInt32.random(in: .min ... .max), radix: 16)
    }

    func reserveConnection() -> Bool {
        let now = openConnections.add(1, ordering: .relaxed).newValue
        if now > configuration.maxConnections {
            openConnections.subtract(1, ordering: .relaxed)
            return false
        }
        return true
    }

    func releaseConnection() { openConnections.subtract(1, ordering: .relaxed) }
    var connectionCount: Int { openConnections.load(ordering: .relaxed) }

    /// TLS sessions that may hold record buffers: changes when a session turns busy or
    /// idle, not per request.
    let warmTLSSessions = Atomic<Int>(0)

    func loopDrained(_ index: Int) { _ = drained.withLock { $0.insert(index) } }
    func drainedCount() -> Int { drained.withLock { $0.count } }

    /// Cheap unique request IDs: boot tag, loop, per-loop counter.
    func requestID(loop: Int, counter: UInt64) -> String {
        "\(bootTag)-\(loop)-\(counter)"
    }
}

/// The HTTP/1.1 server: binds the listeners, runs one event loop per core, and drains
/// gracefully. Start it, read `ports`, and call `shutdown()` to stop.
public final class HTTPServer: Sendable {
    let shared: ServerShared
    private let loops: [EventLoop]
    private let threads: Mutex<[pthread_t]>
    /// The bound port of each configured listener, in configuration order.
    public let ports: [Int]

    /// TLS sessions keeping OpenSSL's record buffers because they were busy within the
    /// last tick or two; idle sessions give theirs back.
    public var tlsSessionsHoldingBuffers: Int { shared.warmTLSSessions.load(ordering: .relaxed) }

    /// Binds every listener (port 0 gets a free port) and starts the loops.
    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder) throws {
        csys_ignore_sigpipe()
        let shared = ServerShared(configuration: configuration, responder: responder)
        let loopCount = configuration.eventLoops > 0 ? configuration.eventLoops : max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        var loops: [EventLoop] = []
        for i in 0..<loopCount { loops.append(try EventLoop(index: i, server: shared)) }

        // SO_REUSEPORT: the first loop binds (port 0 included), the others join that port,
        // and the kernel spreads new connections across them.
        var ports: [Int] = []
        var opened: [Int32] = []
        do {
            for listener in configuration.listeners {
                var port = listener.port
                for loop in loops {
                    let fd = csys_listen_tcp(configuration.host, Int32(port), configuration.backlog)
                    guard fd >= 0 else { throw SocketError.system("listen on \(configuration.host):\(port)", csys_errno()) }
                    opened.append(fd)
                    if port == 0 { port = Int(csys_local_port(fd)) }
                    loop.adopt(listener: fd, tls: listener.tls)
                }
                ports.append(port)
            }
        } catch {
            for fd in opened { close(fd) }
            throw error
        }
        self.shared = shared
        self.loops = loops
        self.ports = ports
        self.threads = Mutex([])
        var started: [pthread_t] = []
        for loop in loops {
            started.append(try Self.startThread(for: loop))
        }
        threads.withLock { $0 = started }
    }

    private static func startThread(for loop: EventLoop) throws -> pthread_t {
        let box = Unmanaged.passRetained(loop).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            let loop = Unmanaged<EventLoop>.fromOpaque(raw).takeRetainedValue()
            // Named like the storage threads, so top, perf and gdb tell the loops apart
            // (unnamed, they showed the name of the thread that started them).
            _ = csys_name_this_thread("http.loop.\(loop.index + 1)")
            loop.run()
            return nil
        }, box)
        guard result == 0 else {
            Unmanaged<EventLoop>.fromOpaque(box).release()
            throw SocketError.system("pthread_create", result)
        }
        return thread
    }

    /// Swaps the certificate of the TLS listener at `index` (configuration order) without a
    /// restart: connections accepted from now on use `context`; live sessions keep theirs.
    public func replaceTLSContext(_ context: TLSContext, forListener index: Int) {
        for loop in loops { loop.send(.replaceTLS(index: index, context: context)) }
    }

    /// Each loop's request counters (empty when not recording).
    var loopCounters: [LoopCounters] { loops.compactMap(\.counters) }

    /// Open connections across all loops.
    public var connectionCount: Int { shared.connectionCount }

    /// Stops accepting, lets in-flight requests finish (up to the drain timeout), closes
    /// every connection and joins the loop threads.
    public func shutdown() async {
        for loop in loops { loop.send(.drain) }
        let deadline = ContinuousClock.now + .seconds(shared.configuration.drainTimeoutSeconds)
        while shared.drainedCount() < loops.count && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        for loop in loops { loop.send(.stop) }
        let toJoin = threads.withLock { threads -> [pthread_t] in
            let all = threads
            threads = []
            return all
        }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            // Joining blocks, so it happens on a thread of its own, never the cooperative pool.
            let joiner = Thread { for thread in toJoin { pthread_join(thread, nil) }; done.resume() }
            joiner.start()
        }
    }
}
