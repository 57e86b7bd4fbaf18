/// Why a request could not be parsed. Every case ends the connection: after an error the
/// parser cannot know where the next request would start, so the caller answers with
/// `status` (plus `Connection: close`) and closes.
///
/// The associated text is a short reason for logs and for the error body; it never echoes
/// request bytes back, so it is safe to show.
public enum HTTPParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Malformed syntax or ambiguous framing → 400.
    case badRequest(String)
    /// The request line passed `HTTPParserLimits.maxRequestLineBytes` → 414.
    case uriTooLong(String)
    /// The header (or trailer) section passed its byte or field-count limit → 431.
    case headerFieldsTooLarge(String)
    /// A well-formed version other than HTTP/1.0 and HTTP/1.1 → 505.
    case httpVersionNotSupported(String)
    /// The body is (or announces itself) larger than the limit → 413.
    case contentTooLarge(String)
    /// A transfer coding other than `chunked` → 501.
    case notImplemented(String)

    /// The status to answer with before closing the connection.
    public var status: HTTPStatus {
        switch self {
        case .badRequest: return .badRequest
        case .uriTooLong: return .uriTooLong
        case .headerFieldsTooLarge: return .headerFieldsTooLarge
        case .httpVersionNotSupported: return .httpVersionNotSupported
        case .contentTooLarge: return .contentTooLarge
        case .notImplemented: return .notImplemented
        }
    }

    /// The short human reason carried by the case.
    public var reason: String {
        switch self {
        case .badRequest(let r), .uriTooLong(let r), .headerFieldsTooLarge(let r),
             .httpVersionNotSupported(let r), .contentTooLarge(let r), .notImplemented(let r):
            return r
        }
    }

    public var description: String { "\(status.code) \(status.reason): \(reason)" }
}
