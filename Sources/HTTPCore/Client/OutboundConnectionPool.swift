import CSystem
import Synchronization

/// Keep-alive connections of one `OutboundHTTPClient`, reused across requests: at most
/// `maxIdle` wait between requests, each for at most `maxIdleSeconds`. A request on a
/// reused connection the peer closed meanwhile (no answer byte came back) is sent once
/// more on a fresh connection; a timeout is never retried. Blocking, like the client:
/// call it from threads of your own, and bound how many run at once.
public final class OutboundConnectionPool: Sendable {
    /// One open connection while it waits in the pool (used by one thread at a time).
    private struct Idle: @unchecked Sendable {
        var channel: OutboundChannel
        var origin: String
        var since: Int64
    }

    private let client: OutboundHTTPClient
    private let maxIdle: Int
    private let maxIdleMs: Int64
    private let idle = Mutex<[Idle]>([])
    private let opened = Mutex(0)

    public init(client: OutboundHTTPClient, maxIdle: Int, maxIdleSeconds: Double = 30) {
        self.client = client
        self.maxIdle = maxIdle
        self.maxIdleMs = Int64(maxIdleSeconds * 1000)
    }

    /// Connections opened so far (a measure of reuse).
    public var connectionsOpened: Int { opened.withLock { $0 } }
    public var idleCount: Int { idle.withLock { $0.count } }

    /// Sends `request` and reads the whole answer within `timeoutSeconds`, on a waiting
    /// connection to the same origin when there is one.
    public func exchange(_ request: OutboundRequest, timeoutSeconds: Double, maxBodyBytes: Int = 16 << 20) throws(OutboundError) -> OutboundAnswer {
        let deadline = csys_monotonic_ms() + Int64(timeoutSeconds * 1000)
        let origin = "\(request.url.isTLS ? "https" : "http")://\(request.url.hostHeader)"
        let bytes = OutboundHTTPClient.encode(request, keepAlive: true)
        if var reused = take(origin) {
            reused.channel.deadline = deadline
            do {
                return try finish(&reused.channel, origin: origin, bytes: bytes, maxBodyBytes: maxBodyBytes)
            } catch {
                // Closed while waiting: try a fresh connection. Anything else is the answer.
                guard case .io = error else { throw error }
            }
        }
        var channel = try open(request.url, deadline: deadline)
        return try finish(&channel, origin: origin, bytes: bytes, maxBodyBytes: maxBodyBytes)
    }

    /// Closes every waiting connection.
    public func closeAll() {
        for var entry in idle.withLock({ list -> [Idle] in defer { list = [] }; return list }) { Self.discard(&entry.channel) }
    }

    deinit { closeAll() }

    private func finish(_ channel: inout OutboundChannel, origin: String, bytes: [UInt8], maxBodyBytes: Int) throws(OutboundError) -> OutboundAnswer {
        do {
            try channel.write(bytes)
            let (answer, reusable) = try OutboundHTTPClient.readAnswer(&channel, maxBodyBytes: maxBodyBytes)
            if reusable { put(channel, origin: origin) } else { Self.discard(&channel) }
            return answer
        } catch {
            Self.discard(&channel)
            throw error
        }
    }

    private func open(_ url: ClientURL, deadline: Int64) throws(OutboundError) -> OutboundChannel {
        var lastError = OutboundError.connect("no address")
        for address in try OutboundHTTPClient.resolve(url.host) {
            let fd: Int32
            do {
                fd = try client.connect(address, port: url.port, deadline: deadline)
            } catch {
                lastError = error
                if case .timeout = error { throw error }
                continue
            }
            opened.withLock { $0 += 1 }
            var channel = OutboundChannel(fd: fd, deadline: deadline)
            if url.isTLS {
                do { try channel.startTLS(client.tls, host: url.host) } catch {
                    Self.discard(&channel)
                    throw error
                }
            }
            return channel
        }
        throw lastError
    }

    private func take(_ origin: String) -> Idle? {
        let now = csys_monotonic_ms()
        var stale: [Idle] = []
        let found = idle.withLock { list -> Idle? in
            stale = list.filter { now - $0.since > maxIdleMs }
            list.removeAll { now - $0.since > maxIdleMs }
            guard let index = list.lastIndex(where: { $0.origin == origin }) else { return nil }
            return list.remove(at: index)
        }
        for var entry in stale { Self.discard(&entry.channel) }
        return found
    }

    private func put(_ channel: OutboundChannel, origin: String) {
        var overflow: Idle? = Idle(channel: channel, origin: origin, since: csys_monotonic_ms())
        idle.withLock { list in
            if list.count < maxIdle, let entry = overflow {
                list.append(entry)
                overflow = nil
            }
        }
        if var entry = overflow { Self.discard(&entry.channel) }
    }

    private static func discard(_ channel: inout OutboundChannel) {
        channel.close()
        _ = csys_close(channel.fd)
    }
}
