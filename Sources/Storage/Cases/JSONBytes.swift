/// The little JSON that stored rows need, on bytes: quoting strings, and a reader for
/// objects of strings, booleans and string arrays (what `CaseInputCodec` stores).
enum JSONBytes {
    /// `text` as a JSON string: quotes and backslashes behind a backslash, control bytes
    /// as \u00XX (lower-case hex), everything else as it is. The audit chain hashes this
    /// text (`AuditLog`), so it must never change. Runs with nothing to escape are copied
    /// in one go.
    static func appendString(_ text: String, to out: inout [UInt8]) {
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
        guard byte < 0x20 else { return out.append(byte) }
        let hex = Array("0123456789abcdef".utf8)
        out.append(contentsOf: "u00".utf8)
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0x0F)])
    }

    struct Reader {
        private let bytes: [UInt8]
        private var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        private var failure: RowDecodingError { .invalid(column: "json at byte \(position)") }

        private mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func expect(_ byte: UInt8) throws {
            skipSpace()
            guard position < bytes.count, bytes[position] == byte else { throw failure }
            position += 1
        }

        mutating func consumeIf(_ byte: UInt8) throws -> Bool {
            skipSpace()
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        mutating func bool() throws -> Bool {
            skipSpace()
            for (word, value) in [(Array("true".utf8), true), (Array("false".utf8), false)]
            where bytes[position...].starts(with: word) {
                position += word.count
                return value
            }
            throw failure
        }

        mutating func string() throws -> String {
            try expect(UInt8(ascii: "\""))
            var out: [UInt8] = []
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                switch byte {
                case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard position < bytes.count else { throw failure }
                    let escape = bytes[position]
                    position += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"): out.append(contentsOf: String(try unicodeEscape()).utf8)
                    default: throw failure
                    }
                default: out.append(byte)
                }
            }
            throw failure
        }

        /// `\uXXXX`, joining a surrogate pair written as two escapes.
        private mutating func unicodeEscape() throws -> Character {
            let first = try hex4()
            if (0xD800..<0xDC00).contains(first) {
                guard bytes[position...].starts(with: Array("\\u".utf8)) else { throw failure }
                position += 2
                let second = try hex4()
                guard (0xDC00..<0xE000).contains(second),
                      let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) else { throw failure }
                return Character(scalar)
            }
            guard let scalar = Unicode.Scalar(first) else { throw failure }
            return Character(scalar)
        }

        private mutating func hex4() throws -> UInt32 {
            guard position + 4 <= bytes.count else { throw failure }
            var value: UInt32 = 0
            for byte in bytes[position..<position + 4] {
                guard let digit = Self.hexValue(byte) else { throw failure }
                value = value << 4 | digit
            }
            position += 4
            return value
        }

        private static func hexValue(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
            default: nil
            }
        }

        /// `value` once only white space is left.
        func finished<T>(_ value: T) throws -> T {
            var copy = self
            copy.skipSpace()
            guard copy.position == bytes.count else { throw failure }
            return value
        }
    }
}
