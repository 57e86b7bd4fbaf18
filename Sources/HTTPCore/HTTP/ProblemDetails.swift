import Foundation

/// One field or rule that refused a request (the `errors` member of a problem).
public struct FieldProblem: Sendable, Codable, Equatable {
    public var field: String
    /// A rule ID (`HIRE-1`) or one of REQUIRED, INVALID_FORMAT, INVALID_VALUE, OUT_OF_RANGE, UNKNOWN_FIELD, …
    public var code: String
    public var message: String
    public init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }
}

/// An RFC 9457 problem: the one shape every error response takes.
public struct ProblemDetails: Error, Sendable {
    /// Base of the `type` URIs; relative, so it resolves against the service's own address.
    public static let typeBase = "/problems/"

    public var status: HTTPStatus
    /// A short slug (`not-found`); rendered as `/problems/not-found`.
    public var type: String
    public var title: String
    public var detail: String
    public var errors: [FieldProblem]
    /// Extra members (e.g. `case_status`, `next_actions`), already JSON-encoded.
    public var extensions: [(name: String, json: String)]
    /// Headers to send with it (`Allow`, `Retry-After`, …).
    public var headers: HTTPHeaders

    public init(status: HTTPStatus, type: String, title: String, detail: String, errors: [FieldProblem] = [],
                headers: HTTPHeaders = HTTPHeaders()) {
        self.status = status
        self.type = type
        self.title = title
        self.detail = detail
        self.errors = errors
        self.extensions = []
        self.headers = headers
    }

    public var response: HTTPResponse {
        var json = "{\"type\":" + JSONText.quote(Self.typeBase + type)
        json += ",\"title\":" + JSONText.quote(title)
        json += ",\"status\":\(status.code)"
        json += ",\"detail\":" + JSONText.quote(detail)
        json += ",\"errors\":["
        for (i, error) in errors.enumerated() {
            if i > 0 { json += "," }
            json += "{\"field\":" + JSONText.quote(error.field) + ",\"code\":" + JSONText.quote(error.code)
                + ",\"message\":" + JSONText.quote(error.message) + "}"
        }
        json += "]"
        for ext in extensions { json += "," + JSONText.quote(ext.name) + ":" + ext.json }
        json += "}"
        var headers = self.headers
        headers.set("Content-Type", "application/problem+json")
        return HTTPResponse(status: status, headers: headers, body: Array(json.utf8))
    }
}

/// Minimal JSON text helpers for hand-built bodies.
public enum JSONText {
    /// `text` as a JSON string literal, escaped per RFC 8259.
    public static func quote(_ text: String) -> String {
        // Most values (codes, dates, ids) need no escape: one scan of the bytes, one copy.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }
}

/// An error that knows the problem it answers with. Domain errors conform in AgentAPI.
public protocol ProblemConvertible: Error {
    var problem: ProblemDetails { get }
}

extension ProblemDetails: ProblemConvertible {
    public var problem: ProblemDetails { self }
}
