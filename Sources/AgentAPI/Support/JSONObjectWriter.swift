import HTTPCore

/// Writes one JSON object field by field. Absent values are written as `null`, so every
/// documented field is always present in responses.
struct JSONObjectWriter {
    private var out = "{"
    private var first = true

    private mutating func key(_ name: String) {
        if !first { out += "," }
        first = false
        out += JSONText.quote(name) + ":"
    }

    mutating func string(_ name: String, _ value: String?) {
        key(name)
        out += value.map(JSONText.quote) ?? "null"
    }

    mutating func int(_ name: String, _ value: Int?) {
        key(name)
        out += value.map(String.init) ?? "null"
    }

    mutating func bool(_ name: String, _ value: Bool?) {
        key(name)
        out += value.map { $0 ? "true" : "false" } ?? "null"
    }

    mutating func strings(_ name: String, _ values: [String]?) {
        key(name)
        out += values.map { "[" + $0.map(JSONText.quote).joined(separator: ",") + "]" } ?? "null"
    }

    /// A value that is already JSON text (a nested object or array).
    mutating func raw(_ name: String, _ json: String) {
        key(name)
        out += json
    }

    var text: String { out + "}" }

    /// `{"<name>": [items...], "next_cursor": ...}`, the list shape of API.md.
    static func list(_ name: String, items: [String], nextCursor: String?) -> String {
        var writer = JSONObjectWriter()
        writer.raw(name, "[" + items.joined(separator: ",") + "]")
        writer.string("next_cursor", nextCursor)
        return writer.text
    }
}

extension HTTPResponse {
    static func json(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json", body: Array(text.utf8))
    }
}
