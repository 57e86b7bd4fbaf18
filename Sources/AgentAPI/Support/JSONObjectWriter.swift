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
        Self.appendQuoted(name, to: &out)
        out.append(UInt8(ascii: ":"))
    }

    mutating func string(_ name: String, _ value: String?) {
        key(name)
        if let value { Self.appendQuoted(value, to: &out) } else { out.append(contentsOf: "null".utf8) }
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
            Self.appendQuoted(value, to: &out)
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

    /// `text` as a JSON string literal (RFC 8259): the bytes as they are unless a quote, a
    /// backslash or a control character needs its escape.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: Self.needsEscape) else { return false }
            out.append(contentsOf: bytes)
            return true
        } ?? false
        if !plain {
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
                case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
                case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
                case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: #"\u00"#.utf8)
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 15)])
                default: out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
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
