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
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        appendQuoted(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` as a JSON string literal appended to `out`: runs with nothing to escape (most
    /// values: codes, dates, ids) are copied in one go; quotes, backslashes and control
    /// characters take their escapes (\n, \r and \t short, the others as \u00XX).
    public static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let done = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var runStart = 0
            for index in bytes.indices where needsEscape(bytes[index]) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                appendEscaped(bytes[index], to: &out)
                runStart = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
            return true
        } ?? false
        if !done {
            for byte in text.utf8 {
                if needsEscape(byte) { appendEscaped(byte, to: &out) } else { out.append(byte) }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private static func appendEscaped(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
        case 0..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            out.append(contentsOf: "u00".utf8)
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 15)])
        default: out.append(byte)
        }
    }
}

/// An error that knows the problem it answers with. Domain errors conform in AgentAPI.
public protocol ProblemConvertible: Error {
    var problem: ProblemDetails { get }
}

extension ProblemDetails: ProblemConvertible {
    public var problem: ProblemDetails { self }
}
