import HTTPCore

/// Writes one JSON object field by field. Absent values are written as `null`, so every
/// documented field is always present in responses.
///
/// It appends bytes: every case answer is written by it, and building the text from
/// small strings (a quoted copy of each key and value, then the concatenation) cost more
/// than the content.
struct JSONObjectWriter {
    private var out: [UInt8]
    private var first = true

    init() {
        out = [UInt8(ascii: "{")]
        out.reserveCapacity(1024)
    }

    private mutating func key(_ name: String) {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        JSONText.appendQuoted(name, to: &out)
        out.append(UInt8(ascii: ":"))
    }

    mutating func string(_ name: String, _ value: String?) {
        key(name)
        if let value { JSONText.appendQuoted(value, to: &out) } else { out.append(contentsOf: "null".utf8) }
    }

    mutating func int(_ name: String, _ value: Int?) {
        key(name)
        out.append(contentsOf: (value.map(String.init) ?? "null").utf8)
    }

    mutating func bool(_ name: String, _ value: Bool?) {
        key(name)
        out.append(contentsOf: (value.map { $0 ? "true" : "false" } ?? "null").utf8)
    }

    mutating func strings(_ name: String, _ values: [String]?) {
        key(name)
        guard let values else { return out.append(contentsOf: "null".utf8) }
        out.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendQuoted(value, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// A value that is already JSON text (a nested object or array).
    mutating func raw(_ name: String, _ json: String) {
        key(name)
        out.append(contentsOf: json.utf8)
    }

    var text: String {
        var closed = out
        closed.append(UInt8(ascii: "}"))
        return String(decoding: closed, as: UTF8.self)
    }

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
