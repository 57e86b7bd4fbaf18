import CSystem
import CTLS

/// One outbound request. The client adds `Host`, `Content-Length` and `Connection: close`.
public struct OutboundRequest: Sendable {
    public var method: String
    public var url: ClientURL
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, url: ClientURL, headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// The status of an answer; its headers and body are not read (callers judge by status).
public struct OutboundResponse: Sendable, Equatable {
    public var status: Int
}

/// Why an outbound request got no answer. Texts carry no request content.
public enum OutboundError: Error, Equatable, CustomStringConvertible {
    case resolve(String)
    /// Every address of the host, or one of them, is in a range the caller refuses.
    case addressRefused(String)
    case connect(String)
    case tls(String)
    case timeout(String)
    case io(String)
    case malformedResponse

    public var description: String {
        switch self {
        case .resolve(let why): return "cannot resolve host: \(why)"
        case .addressRefused(let why): return "address refused: \(why)"
        case .connect(let why): return "connect failed: \(why)"
        case .tls(let why): return "TLS failed: \(why)"
        case .timeout(let phase): return "timed out while \(phase)"
        case .io(let why): return "I/O failed: \(why)"
        case .malformedResponse: return "malformed response"
        }
    }
}

/// Whom an HTTPS request trusts.
public enum OutboundTrust: Sendable {
    /// The system's CA store (production).
    case system
    /// Only the certificates in a PEM file (tests with a throwaway certificate).
    case caFile(String)
}

/// A small blocking HTTP/1.1 client: one request per connection, no redirects followed
/// (a 3xx is just a status), TLS verified (certificate chain, host name, SNI). Each call
/// blocks its thread for at most `timeoutSeconds`, connect included, so callers run it on
/// threads of their own; how many run at once is theirs to bound. Every address a host
/// resolves to is shown to `admit` first and the connection goes to an admitted address,
/// so a name cannot be re-pointed between the check and the connect.
public final class OutboundHTTPClient: Sendable {
    /// An SSL_CTX is safe to share between threads once built (OpenSSL's guarantee);
    /// the pointer is never changed after `init`.
    nonisolated(unsafe) let tls: OpaquePointer
    public static let maxHeadBytes = 16 * 1024

    public init(trust: OutboundTrust) throws(OutboundError) {
        var err = [CChar](repeating: 0, count: 512)
        let ctx: OpaquePointer? = err.withUnsafeMutableBufferPointer { buffer in
            switch trust {
            case .system: return ctls_client_ctx_new_system_trust(buffer.baseAddress, buffer.count)
            case .caFile(let path): return ctls_client_ctx_new(path, CTLS_TLS1_2_VERSION, 0, buffer.baseAddress, buffer.count)
            }
        }
        guard let ctx else { throw .tls(String(decoding: err.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)) }
        tls = ctx
    }

    deinit { ctls_ctx_free(tls) }

    /// The addresses `host` resolves to (an IP literal resolves to itself). Blocks.
    public static func resolve(_ host: String) throws(OutboundError) -> [IPAddress] {
        if let literal = IPAddress(host) { return [literal] }
        let stride = 64, max = 16
        var out = [CChar](repeating: 0, count: stride * max)
        let count = out.withUnsafeMutableBufferPointer { csys_resolve(host, $0.baseAddress, stride, Int32(max)) }
        guard count > 0 else {
            throw .resolve(count == 0 ? "no addresses" : String(cString: csys_resolve_error(count)))
        }
        return (0..<Int(count)).compactMap { i in
            let slot = out[(i * stride)..<((i + 1) * stride)].prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            return IPAddress(String(decoding: slot, as: UTF8.self))
        }
    }

    /// Sends `request` and reads the status of the answer. `admit` returns nil for an
    /// address that may be connected to, or the reason it may not.
    public func send(_ request: OutboundRequest, timeoutSeconds: Double,
                     admit: (IPAddress) -> String?) throws(OutboundError) -> OutboundResponse {
        let deadline = csys_monotonic_ms() + Int64(timeoutSeconds * 1000)
        let addresses = try Self.resolve(request.url.host)
        for address in addresses {
            if let reason = admit(address) { throw .addressRefused("\(request.url.host) resolves to \(reason)") }
        }
        return try onFirstConnection(request, addresses: addresses, deadline: deadline) { channel throws(OutboundError) in
            OutboundResponse(status: try Self.readStatus(&channel))
        }
    }

    /// Connects to the first of `addresses` that answers (a timeout ends the search: the
    /// deadline is spent), starts TLS when the URL asks, writes `request` and lets `read`
    /// take the answer; the connection is closed afterwards.
    func onFirstConnection<T>(_ request: OutboundRequest, addresses: [IPAddress], deadline: Int64,
                              read: (inout OutboundChannel) throws(OutboundError) -> T) throws(OutboundError) -> T {
        var lastError = OutboundError.connect("no address")
        for address in addresses {
            let fd: Int32
            do {
                fd = try connect(address, port: request.url.port, deadline: deadline)
            } catch {
                lastError = error
                if case .timeout = error { throw error }
                continue
            }
            defer { _ = csys_close(fd) }
            var channel = OutboundChannel(fd: fd, deadline: deadline)
            if request.url.isTLS { try channel.startTLS(tls, host: request.url.host) }
            defer { channel.close() }
            try channel.write(Self.encode(request))
            return try read(&channel)
        }
        throw lastError
    }

    func connect(_ address: IPAddress, port: Int, deadline: Int64) throws(OutboundError) -> Int32 {
        let fd = csys_connect_start(address.description, Int32(port))
        guard fd >= 0 else { throw .connect("\(address): errno \(csys_errno())") }
        let remaining = deadline - csys_monotonic_ms()
        let ready = remaining > 0 ? csys_poll_one(fd, 1, Int32(clamping: remaining)) : 0
        if ready <= 0 {
            _ = csys_close(fd)
            throw ready == 0 ? .timeout("connecting") : .connect("\(address): poll errno \(csys_errno())")
        }
        let error = csys_socket_error(fd)
        guard error == 0 else {
            _ = csys_close(fd)
            throw .connect("\(address): errno \(error)")
        }
        return fd
    }

    static func encode(_ request: OutboundRequest, keepAlive: Bool = false) -> [UInt8] {
        var head = "\(request.method) \(request.url.target) HTTP/1.1\r\nHost: \(request.url.hostHeader)\r\n"
        for (name, value) in request.headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(request.body.count)\r\nConnection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n"
        return Array(head.utf8) + request.body
    }

    /// Reads up to the end of the head and returns the final status (1xx interim answers
    /// are skipped). The body is left unread: the connection is closed after this.
    static func readStatus(_ channel: inout OutboundChannel) throws(OutboundError) -> Int {
        var buffer: [UInt8] = []
        while true {
            if let end = headEnd(buffer) {
                let line = buffer.prefix { $0 != 13 }
                let parts = String(decoding: line, as: UTF8.self).split(separator: " ", maxSplits: 2)
                guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3, let status = Int(parts[1]) else {
                    throw .malformedResponse
                }
                if (100...199).contains(status) {
                    buffer.removeFirst(end)
                    continue
                }
                return status
            }
            guard buffer.count < maxHeadBytes else { throw .malformedResponse }
            let chunk = try channel.read(max: 4096)
            if chunk.isEmpty { throw buffer.isEmpty ? .io("closed before answering") : .malformedResponse }
            buffer += chunk
        }
    }

    /// The index just past the blank line ending a head, if `buffer` holds one.
    static func headEnd(_ buffer: [UInt8]) -> Int? {
        guard buffer.count >= 4 else { return nil }
        for i in 0...(buffer.count - 4) where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 {
            return i + 4
        }
        return nil
    }
}
