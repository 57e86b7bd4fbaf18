// The request parser's vocabulary: the limits it enforces, how a body is framed, the
// validated head it delivers, and the events one `parse` call returns.

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
