// The request parser type: its contract, its state, the entry points (`parse`,
// `parseAll`, `setBodyLimit`) and the transitions between requests. The phases live in
// HTTPRequestParser+HeadScan/+RequestLine/+Fields/+Body/+Chunked.swift.

/// Incremental HTTP/1.1 request parser (RFC 9112), a value type owned by one connection.
///
/// Contract:
/// - The caller keeps a read buffer. It passes the unconsumed bytes, drops `consumed` bytes
///   from the front, and calls again until `.needMore` (or `.failed`). Between calls it may
///   only append to the unconsumed bytes: while the head is incomplete the parser consumes
///   nothing and remembers how far it has scanned, so each byte of the head is examined
///   once however the bytes are split (a byte-at-a-time client costs O(n), not O(n²)).
///   The caller's buffer therefore holds at most the request line + header limits.
/// - `.head` is returned as soon as the head is complete and valid; no `String` is built
///   before that. The caller may then call `setBodyLimit(_:)`, and must call `parse` again
///   (with whatever bytes it has, even none).
/// - That next call checks the body against the limit first: a Content-Length above it
///   fails with 413 before any body byte is read (so a `100 Continue` is never sent for
///   it). A request without a body returns `.complete` from that call with 0 consumed.
/// - Body bytes are consumed as they arrive; `.complete` comes when the body is complete
///   and the parser resets itself for the next pipelined request.
/// - Empty lines (CRLF) before a request line are skipped (RFC 9112 §2.2), up to
///   `maxRequestLineBytes` of them.
public struct HTTPRequestParser: Sendable {
    public var limits: HTTPParserLimits

    enum Phase: Sendable {
        case head
        /// `.head` was returned; the next call starts the body.
        case bodyStart
        case fixed
        case chunked
        case failed(HTTPParseError)
    }

    enum ChunkStep: Sendable {
        case size, sizeBWS, ext, sizeLF, data, dataCR, dataLF
        case trailerLineStart, trailerName, trailerValue, trailerLF, finalLF
    }

    /// Longest chunk-size line (size, extensions) accepted; extensions are ignored, so
    /// there is no reason to let them grow.
    static let maxChunkLineBytes = 4096
    /// Initial body reservation cap: a Content-Length within the limit must not make an
    /// idle client pin the full allocation before sending anything.
    static let maxInitialBodyReserve = 256 * 1024

    var phase: Phase = .head

    // Head scan state. Offsets are relative to the first byte of the request line, which
    // is the first byte the caller passes while `phase == .head`.
    var scanned = 0
    var lineStart = 0
    /// Offset just after the request line's CRLF; 0 while the request line is incomplete.
    var headerStart = 0
    var fieldLines = 0
    var blankBytes = 0

    // Body state.
    var head: RequestHead?
    var body: [UInt8] = []
    var bodyLimit: Int
    /// Bytes still expected: the rest of a Content-Length body, or of the current chunk.
    var remaining = 0
    var step: ChunkStep = .size
    var chunkSize = 0
    var chunkDigits = 0
    var chunkLineBytes = 0
    var trailerBytes = 0
    var trailerFields = 0

    public init(limits: HTTPParserLimits = HTTPParserLimits()) {
        self.limits = limits
        self.bodyLimit = limits.maxBodyBytes
    }

    /// Sets the body limit for the current request only (e.g. 1 MiB for a JSON route,
    /// 10 MiB for uploads); it replaces `limits.maxBodyBytes` until `.complete`. Call it
    /// after `.head` and before the next `parse`, so a Content-Length above it fails with
    /// 413 before the body arrives. A chunked body fails as soon as a chunk would take the
    /// decoded size past it.
    public mutating func setBodyLimit(_ limit: Int) {
        bodyLimit = max(0, limit)
    }

    /// Parses from the start of the unconsumed bytes; see the type's contract.
    public mutating func parse(_ bytes: UnsafeRawBufferPointer) -> (consumed: Int, event: HTTPParserEvent) {
        switch phase {
        case .head: return parseHead(bytes)
        case .bodyStart: return startBody(bytes)
        case .fixed: return readFixed(bytes)
        case .chunked: return readChunked(bytes)
        case .failed(let error): return (0, .failed(error))
        }
    }

    /// Parses a whole buffer as a sequence of pipelined requests (for tests and tools).
    /// Stops at the first error, which is the last element. A trailing incomplete request
    /// produces no element.
    public static func parseAll(
        _ bytes: [UInt8], limits: HTTPParserLimits = HTTPParserLimits()
    ) -> [Result<HTTPRequest, HTTPParseError>] {
        var parser = HTTPRequestParser(limits: limits)
        var results: [Result<HTTPRequest, HTTPParseError>] = []
        bytes.withUnsafeBytes { all in
            var offset = 0
            while true {
                let (used, event) = parser.parse(UnsafeRawBufferPointer(rebasing: all[offset...]))
                offset += used
                switch event {
                case .needMore: return
                case .head: continue
                case .complete(let request): results.append(.success(request))
                case .failed(let error): results.append(.failure(error)); return
                }
            }
        }
        return results
    }

    // MARK: - Transitions

    mutating func finish(consumed: Int) -> (consumed: Int, event: HTTPParserEvent) {
        guard let head else { return fail(.badRequest("parser state lost")) }
        var taken: [UInt8] = []
        swap(&taken, &body)
        let request = HTTPRequest(method: head.method, target: head.target, version: head.version,
                                  headers: head.headers, body: taken)
        self.head = nil
        remaining = 0
        bodyLimit = limits.maxBodyBytes
        phase = .head
        resetScan()
        return (consumed, .complete(request))
    }

    mutating func fail(_ error: HTTPParseError) -> (consumed: Int, event: HTTPParserEvent) {
        phase = .failed(error)
        head = nil
        body = []
        return (0, .failed(error))
    }

    mutating func resetScan() {
        scanned = 0
        lineStart = 0
        headerStart = 0
        fieldLines = 0
        blankBytes = 0
    }
}
