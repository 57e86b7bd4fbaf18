import Foundation
import CSystem

/// Ignores SIGPIPE once for the test process: a peer closing mid-write must not kill the runner.
public enum TestProcess {
    public static let ignoreSigpipe: Void = { csys_ignore_sigpipe() }()
}

/// Errors of the blocking test clients.
public enum TestClientError: Error, CustomStringConvertible {
    case connect(Int32)
    case io(String)
    case malformed(String)
    case closed

    public var description: String {
        switch self {
        case .connect(let e): return "connect failed, errno \(e)"
        case .io(let s): return "I/O: \(s)"
        case .malformed(let s): return "malformed response: \(s)"
        case .closed: return "connection closed by the server"
        }
    }
}

/// A response as the test client read it.
public struct TestResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// A byte stream a test client reads responses from: plain TCP or TLS.
public protocol TestStream: AnyObject {
    func send(_ bytes: [UInt8]) throws
    /// Up to `max` bytes; empty when the peer closed.
    func receive(max: Int) throws -> [UInt8]
    func close()
}

/// Blocking plain-TCP client with a receive timeout, for live-server tests.
public final class TestTCPStream: TestStream {
    /// -1 once closed: closing twice could close a descriptor number another test in this
    /// process has reused meanwhile (a SQLite file, say).
    public private(set) var fd: Int32
    public init(host: String = "127.0.0.1", port: Int, timeoutMs: Int32 = 10_000) throws {
        _ = TestProcess.ignoreSigpipe
        let fd = csys_connect_tcp(host, Int32(port))
        guard fd >= 0 else { throw TestClientError.connect(csys_errno()) }
        _ = csys_set_timeouts(fd, timeoutMs)
        self.fd = fd
    }
    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { csys_send(fd, $0.baseAddress! + offset, $0.count - offset) }
            guard n > 0 else { throw TestClientError.io("send errno \(csys_errno())") }
            offset += n
        }
    }
    public func receive(max: Int) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max)
        let n = buffer.withUnsafeMutableBytes { csys_recv(fd, $0.baseAddress, $0.count) }
        if n < 0 { throw TestClientError.io("recv errno \(csys_errno())") }
        return Array(buffer[0..<n])
    }
    public func shutdownWrite() { _ = csys_shutdown_write(fd) }
    public func close() {
        if fd >= 0 { _ = csys_close(fd) }
        fd = -1
    }
    deinit { close() }
}

/// Reads HTTP/1.1 responses (Content-Length framed, as our server sends) off a stream.
public final class TestHTTPClient {
    public let stream: TestStream
    private var buffer: [UInt8] = []

    public init(stream: TestStream) { self.stream = stream }
    public convenience init(port: Int, timeoutMs: Int32 = 10_000) throws {
        self.init(stream: try TestTCPStream(port: port, timeoutMs: timeoutMs))
    }

    public func send(_ text: String) throws { try stream.send(Array(text.utf8)) }

    /// Sends a request with the usual headers and reads its response.
    public func request(_ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil) throws -> TestResponse {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        try stream.send(Array(head.utf8) + (body ?? []))
        return try readResponse(isHead: method == "HEAD")
    }

    /// Reads one response; 1xx interim responses are returned like any other.
    public func readResponse(isHead: Bool = false) throws -> TestResponse {
        while true {
            if let end = find([13, 10, 13, 10]) {
                let headText = String(decoding: buffer[0..<end], as: UTF8.self)
                var lines = headText.components(separatedBy: "\r\n")
                let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
                guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw TestClientError.malformed(headText) }
                var headers: [(String, String)] = []
                for line in lines {
                    guard let colon = line.firstIndex(of: ":") else { throw TestClientError.malformed(line) }
                    headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
                }
                let length = (status < 200 || status == 204 || status == 304 || isHead) ? 0
                    : Int(headers.first { $0.0.lowercased() == "content-length" }?.1 ?? "0") ?? 0
                try fill(upTo: end + 4 + length)
                let body = Array(buffer[(end + 4)..<(end + 4 + length)])
                buffer.removeFirst(end + 4 + length)
                return TestResponse(status: status, headers: headers, body: body)
            }
            try readMore()
        }
    }

    /// True when the server closed the connection (reads EOF before any byte).
    public func isClosedByServer() -> Bool {
        guard buffer.isEmpty else { return false }
        return (try? stream.receive(max: 1).isEmpty) ?? true
    }

    private func fill(upTo count: Int) throws {
        while buffer.count < count { try readMore() }
    }

    private func readMore() throws {
        let chunk = try stream.receive(max: 64 * 1024)
        if chunk.isEmpty { throw TestClientError.closed }
        buffer.append(contentsOf: chunk)
    }

    private func find(_ pattern: [UInt8]) -> Int? {
        guard buffer.count >= pattern.count else { return nil }
        for i in 0...(buffer.count - pattern.count) where buffer[i] == pattern[0] {
            if Array(buffer[i..<(i + pattern.count)]) == pattern { return i }
        }
        return nil
    }
}

/// Runs blocking client code on a thread of its own, so socket waits in tests never
/// occupy the cooperative pool that the server's tasks may need.
public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
}

extension TLSTestClient: TestStream {}
