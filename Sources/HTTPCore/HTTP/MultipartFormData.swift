/// A `multipart/form-data` body (RFC 7578) split into its named parts. Small and strict:
/// CRLF line ends, one boundary, `Content-Disposition: form-data; name="…"` on each part.
public struct MultipartFormData: Sendable {
    public struct Part: Sendable {
        public var name: String
        public var filename: String?
        public var contentType: String?
        public var body: [UInt8]
    }

    public var parts: [Part]

    public subscript(name: String) -> Part? { parts.first { $0.name == name } }

    /// The boundary parameter of a `multipart/form-data` Content-Type, if it is one.
    public static func boundary(fromContentType type: String) -> String? {
        let pieces = type.split(separator: ";").map { $0.trimmingASCIISpaces() }
        guard let first = pieces.first, first.equalsIgnoringASCIICase("multipart/form-data") else { return nil }
        for piece in pieces.dropFirst() where piece.lowercased().hasPrefix("boundary=") {
            var value = piece.dropFirst("boundary=".count)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            return value.isEmpty || value.count > 70 ? nil : String(value)
        }
        return nil
    }

    /// Nil when the body is not well-formed multipart with this boundary.
    public init?(body: [UInt8], boundary: String) {
        let delimiter = Array(("--" + boundary).utf8)
        let next = Array(("\r\n--" + boundary).utf8)
        guard body.starts(with: delimiter) else { return nil }
        var index = delimiter.count
        var parts: [Part] = []
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body[index...].starts(with: [45, 45]) { break }
            guard body[index...].starts(with: [13, 10]) else { return nil }
            index += 2
            guard let headEnd = Self.find([13, 10, 13, 10], in: body, from: index) else { return nil }
            guard let head = String(validating: body[index..<headEnd], as: UTF8.self) else { return nil }
            var name: String?
            var filename: String?
            var contentType: String?
            for line in head.split(separator: "\r\n", omittingEmptySubsequences: false) {
                guard let colon = line.firstIndex(of: ":") else { return nil }
                let field = line[..<colon].trimmingASCIISpaces()
                let value = line[line.index(after: colon)...].trimmingASCIISpaces()
                if field.equalsIgnoringASCIICase("Content-Disposition") {
                    guard value.lowercased().hasPrefix("form-data") else { return nil }
                    name = Self.parameter("name", in: value)
                    filename = Self.parameter("filename", in: value)
                } else if field.equalsIgnoringASCIICase("Content-Type") {
                    contentType = String(value)
                }
            }
            guard let partName = name else { return nil }
            let start = headEnd + 4
            guard let end = Self.find(next, in: body, from: start) else { return nil }
            parts.append(Part(name: partName, filename: filename, contentType: contentType, body: Array(body[start..<end])))
            index = end + next.count
            guard index + 2 <= body.count else { return nil }
        }
        self.parts = parts
    }

    private static func parameter(_ key: String, in value: Substring) -> String? {
        for piece in value.split(separator: ";").dropFirst() {
            let trimmed = piece.trimmingASCIISpaces()
            guard trimmed.lowercased().hasPrefix(key + "=") else { continue }
            var raw = trimmed.dropFirst(key.count + 1)
            if raw.hasPrefix("\""), raw.hasSuffix("\""), raw.count >= 2 { raw = raw.dropFirst().dropLast() }
            return String(raw)
        }
        return nil
    }

    private static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = pattern.first, bytes.count >= pattern.count, start <= bytes.count - pattern.count else { return nil }
        var i = start
        while i <= bytes.count - pattern.count {
            if bytes[i] == first && bytes[i..<(i + pattern.count)].elementsEqual(pattern) { return i }
            i += 1
        }
        return nil
    }
}
