// Byte classes and byte-level helpers of HTTP/1.1 syntax, shared by the request parser
// and the response serializer.

/// Byte-level syntax shared by the parser and the serializer; namespaced so these short
/// names never clash with helpers elsewhere in the module.
enum HTTPSyntax {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let slash: UInt8 = 0x2F
    static let zero: UInt8 = 0x30

    /// tchar of RFC 9110 §5.6.2.
    @inline(__always)
    static func isTchar(_ b: UInt8) -> Bool {
        switch b {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A:
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// Bytes allowed in a field value: HTAB, SP, VCHAR and obs-text (RFC 9110 §5.5).
    @inline(__always)
    static func isFieldValueByte(_ b: UInt8) -> Bool {
        (b >= 0x20 && b != 0x7F) || b == tab
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    @inline(__always)
    static func isOWS(_ b: UInt8) -> Bool { b == space || b == tab }

    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x37
        case 0x61...0x66: return b - 0x57
        default: return nil
        }
    }

    /// ASCII case-insensitive comparison of `p[r]` with a lowercase literal, without a String.
    @inline(__always)
    static func equalsLowercased(_ p: UnsafeRawBufferPointer, _ r: Range<Int>, _ lower: StaticString) -> Bool {
        guard r.count == lower.utf8CodeUnitCount else { return false }
        let s = lower.utf8Start
        var k = 0
        for index in r {
            var b = p[index]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            if b != s[k] { return false }
            k += 1
        }
        return true
    }
}
