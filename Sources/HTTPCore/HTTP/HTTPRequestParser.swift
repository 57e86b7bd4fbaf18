/// Size limits the request parser enforces while bytes arrive, so a client can never make
/// the server buffer more than these (ARCHITECTURE.md "Limits and timeouts").
public struct HTTPParserLimits: Sendable, Equatable {
    /// Bytes of the request line, without its CRLF. Longer → 414, detected as soon as the
    /// line passes the limit even if its end never comes.
    public var maxRequestLineBytes: Int
    /// Bytes of the header section after the request line: every field line with its CRLF
    /// plus the final empty line. Larger → 431, detected while the section is incomplete.
    /// Chunked trailers have a budget of the same size.
    public var maxHeaderBytes: Int
    /// Header field lines (and, separately, trailer field lines). More → 431.
    public var maxHeaderFields: Int
    /// Body bytes (decoded, for chunked) unless `HTTPRequestParser.setBodyLimit(_:)` says
    /// otherwise for a request. More → 413.
    public var maxBodyBytes: Int

    public init(
        maxRequestLineBytes: Int = 8192,
        maxHeaderBytes: Int = 65536,
        maxHeaderFields: Int = 100,
        maxBodyBytes: Int = 10 * 1024 * 1024
    ) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderFields = maxHeaderFields
        self.maxBodyBytes = maxBodyBytes
    }
}

/// How the body of a request is delimited (RFC 9112 §6.3).
public enum BodyFraming: Sendable, Equatable {
    /// No Content-Length and no Transfer-Encoding: the request has no body.
    case none
    /// `Content-Length: n` (possibly 0).
    case length(Int)
    /// `Transfer-Encoding: chunked`.
    case chunked
}

/// A validated request head, delivered before the body so the caller can pick a body
/// limit, answer `Expect: 100-continue`, or refuse early.
public struct RequestHead: Sendable {
    public var method: HTTPMethod
    /// Origin-form (`/path?query`), or `*` for `OPTIONS *`. An absolute-form target
    /// (`http://host/path?q`) has already been reduced to its origin-form.
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var framing: BodyFraming

    public init(method: HTTPMethod, target: String, version: HTTPVersion, headers: HTTPHeaders, framing: BodyFraming) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.framing = framing
    }

    /// The client waits for `100 Continue` before sending the body (RFC 9110 §10.1.1).
    /// Only HTTP/1.1 clients may ask; an HTTP/1.0 Expect is ignored.
    public var expectsContinue: Bool {
        version == .http1_1 && headers.hasToken("100-continue", in: "Expect")
    }

    /// Whether the connection may stay open after this request (same rule as `HTTPRequest.keepAlive`).
    public var keepAlive: Bool {
        if headers.hasToken("close", in: "Connection") { return false }
        if version == .http1_1 { return true }
        return headers.hasToken("keep-alive", in: "Connection")
    }
}

/// What one `HTTPRequestParser.parse(_:)` call produced.
public enum HTTPParserEvent: Sendable {
    /// Every byte that could be used is used; call again when more arrive.
    case needMore
    /// The head is complete and valid. Call `parse` again right away (even with no new
    /// bytes) to read the body or get `.complete`.
    case head(RequestHead)
    /// The request, body included. The parser is ready for the next (pipelined) request.
    case complete(HTTPRequest)
    /// The request is invalid; answer `error.status` and close the connection. The parser
    /// stays failed: further calls return the same error.
    case failed(HTTPParseError)
}

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

    private enum Phase: Sendable {
        case head
        /// `.head` was returned; the next call starts the body.
        case bodyStart
        case fixed
        case chunked
        case failed(HTTPParseError)
    }

    private enum ChunkStep: Sendable {
        case size, sizeBWS, ext, sizeLF, data, dataCR, dataLF
        case trailerLineStart, trailerName, trailerValue, trailerLF, finalLF
    }

    /// Longest chunk-size line (size, extensions) accepted; extensions are ignored, so
    /// there is no reason to let them grow.
    static let maxChunkLineBytes = 4096
    /// Initial body reservation cap: a Content-Length within the limit must not make an
    /// idle client pin the full allocation before sending anything.
    static let maxInitialBodyReserve = 256 * 1024

    private var phase: Phase = .head

    // Head scan state. Offsets are relative to the first byte of the request line, which
    // is the first byte the caller passes while `phase == .head`.
    private var scanned = 0
    private var lineStart = 0
    /// Offset just after the request line's CRLF; 0 while the request line is incomplete.
    private var headerStart = 0
    private var fieldLines = 0
    private var blankBytes = 0

    // Body state.
    private var head: RequestHead?
    private var body: [UInt8] = []
    private var bodyLimit: Int
    /// Bytes still expected: the rest of a Content-Length body, or of the current chunk.
    private var remaining = 0
    private var step: ChunkStep = .size
    private var chunkSize = 0
    private var chunkDigits = 0
    private var chunkLineBytes = 0
    private var trailerBytes = 0
    private var trailerFields = 0

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

    // MARK: - Head

    private mutating func parseHead(_ buffer: UnsafeRawBufferPointer) -> (consumed: Int, event: HTTPParserEvent) {
        var skip = 0
        if scanned == 0 {
            while skip < buffer.count {
                let b = buffer[skip]
                if b == HTTPSyntax.cr {
                    // A lone CR at the end may still become an empty line; scanning it as
                    // the start of a request line would misread the CRLF that follows.
                    guard skip + 1 < buffer.count else { return (skip, .needMore) }
                    guard buffer[skip + 1] == HTTPSyntax.lf else { return fail(.badRequest("bare CR in request head")) }
                    skip += 2
                    blankBytes += 2
                    if blankBytes > limits.maxRequestLineBytes {
                        return fail(.badRequest("too many empty lines before the request line"))
                    }
                } else if b == HTTPSyntax.lf {
                    return fail(.badRequest("bare LF in request head"))
                } else {
                    break
                }
            }
        }
        let p = UnsafeRawBufferPointer(rebasing: buffer[skip...])
        let count = p.count
        if count < scanned {
            // The caller broke the contract (dropped unconsumed bytes); rescan rather than
            // read stale offsets.
            resetScan()
        }
        var i = scanned
        while i < count {
            let b = p[i]
            if headerStart != 0 && i + 1 - headerStart > limits.maxHeaderBytes {
                return fail(.headerFieldsTooLarge("header section too large"))
            }
            if b == HTTPSyntax.lf {
                guard i > 0, p[i - 1] == HTTPSyntax.cr else { return fail(.badRequest("bare LF in request head")) }
                if headerStart == 0 {
                    headerStart = i + 1
                } else if i - 1 == lineStart {
                    // The empty line: the head is complete.
                    let headEnd = i + 1
                    let requestLineEnd = headerStart - 2
                    let fields = fieldLines
                    resetScan()
                    let parsed: RequestHead
                    do {
                        parsed = try Self.makeHead(
                            UnsafeRawBufferPointer(rebasing: p[0..<headEnd]),
                            requestLineEnd: requestLineEnd, fieldCount: fields)
                    } catch {
                        return fail(error)
                    }
                    head = parsed
                    bodyLimit = limits.maxBodyBytes
                    phase = .bodyStart
                    return (skip + headEnd, .head(parsed))
                } else {
                    fieldLines += 1
                    if fieldLines > limits.maxHeaderFields {
                        return fail(.headerFieldsTooLarge("too many header fields"))
                    }
                }
                lineStart = i + 1
            } else {
                // Any CR must be followed by LF.
                if i > 0 && p[i - 1] == HTTPSyntax.cr { return fail(.badRequest("bare CR in request head")) }
                // The request line has i + 1 bytes so far (a CR may be its terminator).
                if headerStart == 0 && b != HTTPSyntax.cr && i >= limits.maxRequestLineBytes {
                    return fail(.uriTooLong("request line too long"))
                }
            }
            i += 1
        }
        scanned = count
        return (skip, .needMore)
    }

    private mutating func resetScan() {
        scanned = 0
        lineStart = 0
        headerStart = 0
        fieldLines = 0
        blankBytes = 0
    }

    /// Builds the head from complete head bytes (request line, fields, final CRLF), in
    /// which every CR is known to be followed by LF and vice versa.
    static func makeHead(
        _ p: UnsafeRawBufferPointer, requestLineEnd: Int, fieldCount: Int
    ) throws(HTTPParseError) -> RequestHead {
        // Request line: method SP request-target SP HTTP-version, single spaces only.
        var i = 0
        while i < requestLineEnd, p[i] != HTTPSyntax.space {
            guard HTTPSyntax.isTchar(p[i]) else { throw .badRequest("invalid character in method") }
            i += 1
        }
        guard i > 0, i < requestLineEnd else { throw .badRequest("malformed request line") }
        let methodRange = 0..<i
        i += 1
        let targetStart = i
        while i < requestLineEnd, p[i] != HTTPSyntax.space {
            // Visible ASCII only: no controls, no whitespace, no raw non-ASCII bytes
            // (clients must percent-encode them).
            guard p[i] > 0x20, p[i] < 0x7F else { throw .badRequest("invalid character in request target") }
            i += 1
        }
        guard i > targetStart, i < requestLineEnd else { throw .badRequest("malformed request line") }
        let targetRange = targetStart..<i
        let version = try parseVersion(p, (i + 1)..<requestLineEnd)
        let method = makeMethod(p, methodRange)
        let target = try makeTarget(p, targetRange, method: method)

        // Field lines.
        var fields: [(name: String, value: String)] = []
        fields.reserveCapacity(fieldCount)
        var contentLength: Int?
        var sawTransferEncoding = false
        var codings = TransferCodings()
        var hostCount = 0
        let fieldsEnd = p.count - 2  // start of the final empty line
        var line = requestLineEnd + 2
        while line < fieldsEnd {
            var cr = line
            while cr < fieldsEnd, p[cr] != HTTPSyntax.cr { cr += 1 }
            let first = p[line]
            if first == HTTPSyntax.space || first == HTTPSyntax.tab { throw .badRequest("obsolete line folding in header") }
            var colon = line
            while colon < cr, p[colon] != HTTPSyntax.colon {
                // Also rejects whitespace before the colon (RFC 9112 §5.1).
                guard HTTPSyntax.isTchar(p[colon]) else { throw .badRequest("invalid header field name") }
                colon += 1
            }
            guard colon < cr else { throw .badRequest("header field without colon") }
            guard colon > line else { throw .badRequest("empty header field name") }
            var valueStart = colon + 1
            var valueEnd = cr
            while valueStart < valueEnd, HTTPSyntax.isOWS(p[valueStart]) { valueStart += 1 }
            while valueEnd > valueStart, HTTPSyntax.isOWS(p[valueEnd - 1]) { valueEnd -= 1 }
            for k in valueStart..<valueEnd {
                let b = p[k]
                if !HTTPSyntax.isFieldValueByte(b) {
                    throw .badRequest("invalid character in header value")
                }
            }
            let nameRange = line..<colon
            let valueRange = valueStart..<valueEnd
            if HTTPSyntax.equalsLowercased(p, nameRange, "content-length") {
                let value = try parseContentLength(p, valueRange)
                if let previous = contentLength, previous != value {
                    throw .badRequest("conflicting Content-Length values")
                }
                contentLength = value
            } else if HTTPSyntax.equalsLowercased(p, nameRange, "transfer-encoding") {
                sawTransferEncoding = true
                codings.add(p, valueRange)
            } else if HTTPSyntax.equalsLowercased(p, nameRange, "host") {
                hostCount += 1
                guard isValidHost(p, valueRange) else { throw .badRequest("invalid Host header") }
            }
            fields.append((
                name: String(decoding: UnsafeRawBufferPointer(rebasing: p[nameRange]), as: UTF8.self),
                // Non-ASCII (obs-text) bytes are decoded as UTF-8; invalid sequences
                // become U+FFFD rather than failing the request.
                value: String(decoding: UnsafeRawBufferPointer(rebasing: p[valueRange]), as: UTF8.self)
            ))
            line = cr + 2
        }

        // RFC 9112 §3.2: exactly one Host in HTTP/1.1, never more than one.
        if hostCount > 1 { throw .badRequest("more than one Host header") }
        if hostCount == 0 && version == .http1_1 { throw .badRequest("missing Host header") }

        // RFC 9112 §6.3 framing.
        let framing: BodyFraming
        if sawTransferEncoding {
            if contentLength != nil { throw .badRequest("both Content-Length and Transfer-Encoding") }
            if version == .http1_0 { throw .badRequest("Transfer-Encoding in an HTTP/1.0 request") }
            if codings.count == 0 { throw .badRequest("empty Transfer-Encoding") }
            if codings.chunkedCount > 0 && !codings.lastIsChunked {
                throw .badRequest("chunked is not the final transfer coding")
            }
            if codings.chunkedCount > 1 { throw .badRequest("chunked applied more than once") }
            if codings.hasOther { throw .notImplemented("unsupported transfer coding") }
            framing = .chunked
        } else if let contentLength {
            framing = .length(contentLength)
        } else {
            framing = .none
        }
        return RequestHead(method: method, target: target, version: version,
                           headers: HTTPHeaders(fields), framing: framing)
    }

    /// `HTTP/` DIGIT `.` DIGIT; only 1.0 and 1.1 are served.
    static func parseVersion(_ p: UnsafeRawBufferPointer, _ r: Range<Int>) throws(HTTPParseError) -> HTTPVersion {
        let s = r.lowerBound
        guard r.count == 8,
              p[s] == UInt8(ascii: "H"), p[s + 1] == UInt8(ascii: "T"), p[s + 2] == UInt8(ascii: "T"),
              p[s + 3] == UInt8(ascii: "P"), p[s + 4] == UInt8(ascii: "/"),
              HTTPSyntax.isDigit(p[s + 5]), p[s + 6] == UInt8(ascii: "."), HTTPSyntax.isDigit(p[s + 7])
        else { throw .badRequest("malformed HTTP version") }
        let major = Int(p[s + 5] - HTTPSyntax.zero)
        let minor = Int(p[s + 7] - HTTPSyntax.zero)
        guard major == 1, minor <= 1 else { throw .httpVersionNotSupported("HTTP version not supported") }
        return minor == 1 ? .http1_1 : .http1_0
    }

    static func makeMethod(_ p: UnsafeRawBufferPointer, _ r: Range<Int>) -> HTTPMethod {
        HTTPMethod(String(decoding: UnsafeRawBufferPointer(rebasing: p[r]), as: UTF8.self))
    }

    /// Origin-form is kept as sent; `*` only for OPTIONS; absolute-form (`http://` or
    /// `https://`, RFC 9112 §3.2.2) is reduced to its path and query, because this server
    /// is one origin and routes on the path. Authority-form (CONNECT) is refused.
    static func makeTarget(_ p: UnsafeRawBufferPointer, _ r: Range<Int>, method: HTTPMethod) throws(HTTPParseError) -> String {
        let first = p[r.lowerBound]
        if first == HTTPSyntax.slash {
            return String(decoding: UnsafeRawBufferPointer(rebasing: p[r]), as: UTF8.self)
        }
        if r.count == 1 && first == UInt8(ascii: "*") {
            guard method == .OPTIONS else { throw .badRequest("asterisk target outside OPTIONS") }
            return "*"
        }
        let schemeLength: Int
        if r.count > 7, HTTPSyntax.equalsLowercased(p, r.lowerBound..<(r.lowerBound + 7), "http://") {
            schemeLength = 7
        } else if r.count > 8, HTTPSyntax.equalsLowercased(p, r.lowerBound..<(r.lowerBound + 8), "https://") {
            schemeLength = 8
        } else {
            throw .badRequest("unsupported request target form")
        }
        let authorityStart = r.lowerBound + schemeLength
        var k = authorityStart
        while k < r.upperBound, p[k] != HTTPSyntax.slash, p[k] != UInt8(ascii: "?"), p[k] != UInt8(ascii: "#") { k += 1 }
        guard k > authorityStart else { throw .badRequest("absolute-form target without authority") }
        if k == r.upperBound { return "/" }
        let rest = String(decoding: UnsafeRawBufferPointer(rebasing: p[k..<r.upperBound]), as: UTF8.self)
        return p[k] == HTTPSyntax.slash ? rest : "/" + rest
    }

    /// `1*DIGIT`, or a comma list of identical ones (RFC 9110 §8.6). A valid number too
    /// large for `Int` can never fit any body limit → 413.
    static func parseContentLength(_ p: UnsafeRawBufferPointer, _ r: Range<Int>) throws(HTTPParseError) -> Int {
        var result: Int?
        var start = r.lowerBound
        while true {
            var end = start
            while end < r.upperBound, p[end] != UInt8(ascii: ",") { end += 1 }
            var a = start
            var b = end
            while a < b, HTTPSyntax.isOWS(p[a]) { a += 1 }
            while b > a, HTTPSyntax.isOWS(p[b - 1]) { b -= 1 }
            guard a < b else { throw .badRequest("invalid Content-Length") }
            var value = 0
            var overflow = false
            for k in a..<b {
                guard HTTPSyntax.isDigit(p[k]) else { throw .badRequest("invalid Content-Length") }
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(Int(p[k] - HTTPSyntax.zero))
                if o1 || o2 { overflow = true }
                value = sum
            }
            if overflow { throw .contentTooLarge("Content-Length too large") }
            if let result, result != value { throw .badRequest("conflicting Content-Length values") }
            result = value
            if end == r.upperBound { break }
            start = end + 1
        }
        return result ?? 0
    }

    /// Host = uri-host [ ":" port ]: reg-name, IP literal or IPv4 characters only. Empty
    /// is allowed (RFC 9110 §7.2).
    static func isValidHost(_ p: UnsafeRawBufferPointer, _ r: Range<Int>) -> Bool {
        for k in r {
            let b = p[k]
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"):
                continue
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"),
                 UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"),
                 UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"),
                 UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "%"),
                 UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"):
                continue
            default:
                return false
            }
        }
        return true
    }

    /// The transfer codings listed by every Transfer-Encoding field, in order.
    struct TransferCodings {
        var count = 0
        var chunkedCount = 0
        var lastIsChunked = false
        var hasOther = false

        mutating func add(_ p: UnsafeRawBufferPointer, _ r: Range<Int>) {
            var start = r.lowerBound
            while start <= r.upperBound {
                var end = start
                while end < r.upperBound, p[end] != UInt8(ascii: ",") { end += 1 }
                var a = start
                var b = end
                while a < b, HTTPSyntax.isOWS(p[a]) { a += 1 }
                while b > a, HTTPSyntax.isOWS(p[b - 1]) { b -= 1 }
                // Empty list elements are ignored (RFC 9110 §5.6.1).
                if a < b {
                    count += 1
                    if HTTPSyntax.equalsLowercased(p, a..<b, "chunked") {
                        chunkedCount += 1
                        lastIsChunked = true
                    } else {
                        hasOther = true
                        lastIsChunked = false
                    }
                }
                start = end + 1
            }
        }
    }

    // MARK: - Body

    private mutating func startBody(_ p: UnsafeRawBufferPointer) -> (consumed: Int, event: HTTPParserEvent) {
        guard let head else { return fail(.badRequest("parser state lost")) }
        switch head.framing {
        case .none:
            return finish(consumed: 0)
        case .length(let length):
            if length > bodyLimit { return fail(.contentTooLarge("body larger than \(bodyLimit) bytes")) }
            if length == 0 { return finish(consumed: 0) }
            body.reserveCapacity(min(length, Self.maxInitialBodyReserve))
            remaining = length
            phase = .fixed
            return readFixed(p)
        case .chunked:
            step = .size
            chunkSize = 0
            chunkDigits = 0
            chunkLineBytes = 0
            phase = .chunked
            return readChunked(p)
        }
    }

    private mutating func readFixed(_ p: UnsafeRawBufferPointer) -> (consumed: Int, event: HTTPParserEvent) {
        let take = min(remaining, p.count)
        if take > 0 {
            body.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[0..<take]))
            remaining -= take
        }
        if remaining == 0 { return finish(consumed: take) }
        return (take, .needMore)
    }

    /// Chunked decoding (RFC 9112 §7.1), byte by byte except for chunk data, so nothing
    /// but the decoded body is buffered.
    private mutating func readChunked(_ p: UnsafeRawBufferPointer) -> (consumed: Int, event: HTTPParserEvent) {
        let n = p.count
        var i = 0
        while i < n {
            if step == .data {
                let take = min(remaining, n - i)
                body.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[i..<(i + take)]))
                i += take
                remaining -= take
                if remaining == 0 { step = .dataCR }
                continue
            }
            let b = p[i]
            i += 1
            switch step {
            case .size, .sizeBWS, .ext:
                chunkLineBytes += 1
                if chunkLineBytes > Self.maxChunkLineBytes { return fail(.badRequest("chunk size line too long")) }
                switch step {
                case .size:
                    if let digit = HTTPSyntax.hexValue(b) {
                        chunkDigits += 1
                        guard chunkDigits <= 16, chunkSize <= (Int.max - Int(digit)) / 16 else {
                            return fail(.badRequest("chunk size too large"))
                        }
                        chunkSize = chunkSize * 16 + Int(digit)
                    } else if chunkDigits == 0 {
                        return fail(.badRequest("invalid chunk size"))
                    } else if b == HTTPSyntax.cr {
                        step = .sizeLF
                    } else if b == UInt8(ascii: ";") {
                        step = .ext
                    } else if HTTPSyntax.isOWS(b) {
                        step = .sizeBWS
                    } else {
                        return fail(.badRequest("invalid chunk size"))
                    }
                case .sizeBWS:
                    // BWS may only precede a chunk extension.
                    if b == UInt8(ascii: ";") {
                        step = .ext
                    } else if !HTTPSyntax.isOWS(b) {
                        return fail(.badRequest("invalid chunk size"))
                    }
                default:
                    // Extensions are ignored; only their bytes are checked.
                    if b == HTTPSyntax.cr {
                        step = .sizeLF
                    } else if !HTTPSyntax.isFieldValueByte(b) {
                        return fail(.badRequest("invalid chunk extension"))
                    }
                }
            case .sizeLF:
                guard b == HTTPSyntax.lf else { return fail(.badRequest("bare CR in chunk size line")) }
                if chunkSize == 0 {
                    step = .trailerLineStart
                    trailerBytes = 0
                    trailerFields = 0
                } else {
                    guard chunkSize <= bodyLimit - body.count else {
                        return fail(.contentTooLarge("body larger than \(bodyLimit) bytes"))
                    }
                    remaining = chunkSize
                    step = .data
                }
                chunkSize = 0
                chunkDigits = 0
                chunkLineBytes = 0
            case .dataCR:
                guard b == HTTPSyntax.cr else { return fail(.badRequest("missing CRLF after chunk data")) }
                step = .dataLF
            case .dataLF:
                guard b == HTTPSyntax.lf else { return fail(.badRequest("missing CRLF after chunk data")) }
                step = .size
            case .trailerLineStart, .trailerName, .trailerValue, .trailerLF, .finalLF:
                // Trailer fields are validated like header fields, bounded by the header
                // limits, then dropped: nothing here needs them.
                trailerBytes += 1
                if trailerBytes > limits.maxHeaderBytes { return fail(.headerFieldsTooLarge("trailer section too large")) }
                switch step {
                case .trailerLineStart:
                    if b == HTTPSyntax.cr {
                        step = .finalLF
                    } else if HTTPSyntax.isTchar(b) {
                        step = .trailerName
                    } else if HTTPSyntax.isOWS(b) {
                        return fail(.badRequest("obsolete line folding in trailer"))
                    } else {
                        return fail(.badRequest("invalid trailer field name"))
                    }
                case .trailerName:
                    if b == HTTPSyntax.colon {
                        step = .trailerValue
                    } else if !HTTPSyntax.isTchar(b) {
                        return fail(.badRequest("invalid trailer field name"))
                    }
                case .trailerValue:
                    if b == HTTPSyntax.cr {
                        step = .trailerLF
                    } else if !HTTPSyntax.isFieldValueByte(b) {
                        return fail(.badRequest("invalid character in trailer value"))
                    }
                case .trailerLF:
                    guard b == HTTPSyntax.lf else { return fail(.badRequest("bare CR in trailer")) }
                    trailerFields += 1
                    if trailerFields > limits.maxHeaderFields { return fail(.headerFieldsTooLarge("too many trailer fields")) }
                    step = .trailerLineStart
                default:
                    guard b == HTTPSyntax.lf else { return fail(.badRequest("bare CR after trailer section")) }
                    return finish(consumed: i)
                }
            case .data:
                break  // handled above
            }
        }
        return (n, .needMore)
    }

    // MARK: - Transitions

    private mutating func finish(consumed: Int) -> (consumed: Int, event: HTTPParserEvent) {
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

    private mutating func fail(_ error: HTTPParseError) -> (consumed: Int, event: HTTPParserEvent) {
        phase = .failed(error)
        head = nil
        body = []
        return (0, .failed(error))
    }
}

// MARK: - Byte classes

/// Byte-level syntax shared by the parser and the serializer; namespaced so these short
/// names never clash with helpers elsewhere in the module.
enum HTTPSyntax {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let slash: UInt8 = 0x2F
    static let zero: UInt8 = 0x30

    /// tchar of RFC 9110 §5.6.2.
    @inline(__always)
    static func isTchar(_ b: UInt8) -> Bool {
        switch b {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A:
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// Bytes allowed in a field value: HTAB, SP, VCHAR and obs-text (RFC 9110 §5.5).
    @inline(__always)
    static func isFieldValueByte(_ b: UInt8) -> Bool {
        (b >= 0x20 && b != 0x7F) || b == tab
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    @inline(__always)
    static func isOWS(_ b: UInt8) -> Bool { b == space || b == tab }

    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x37
        case 0x61...0x66: return b - 0x57
        default: return nil
        }
    }

    /// ASCII case-insensitive comparison of `p[r]` with a lowercase literal, without a String.
    @inline(__always)
    static func equalsLowercased(_ p: UnsafeRawBufferPointer, _ r: Range<Int>, _ lower: StaticString) -> Bool {
        guard r.count == lower.utf8CodeUnitCount else { return false }
        let s = lower.utf8Start
        var k = 0
        for index in r {
            var b = p[index]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            if b != s[k] { return false }
            k += 1
        }
        return true
    }
}
