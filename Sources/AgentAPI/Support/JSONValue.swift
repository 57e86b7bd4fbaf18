import Foundation
import HTTPCore

/// A parsed JSON value that keeps the difference between numbers, booleans and null,
/// so request bodies can be checked field by field. `JSONParser` builds it from bytes.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The JSON type name, for error messages.
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// The value as JSON text with object keys sorted: equal values give equal text, so
    /// retries that reorder keys are still recognized as the same request.
    var canonicalText: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .string(let s): return JSONText.quote(s)
        case .array(let items): return "[" + items.map(\.canonicalText).joined(separator: ",") + "]"
        case .object(let fields):
            return "{" + fields.keys.sorted().map { JSONText.quote($0) + ":" + (fields[$0]?.canonicalText ?? "null") }.joined(separator: ",") + "}"
        }
    }

    static func parse(_ bytes: [UInt8]) -> JSONValue? {
        JSONParser.parse(bytes)
    }
}
