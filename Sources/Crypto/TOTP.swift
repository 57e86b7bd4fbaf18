/// Time-based one-time passwords (RFC 6238) over HOTP (RFC 4226): the second factor
/// of a login. HMAC-SHA-1 is the default because every authenticator app speaks it;
/// SHA-256 and SHA-512 are there for the RFC's other vectors.
public enum TOTP {
    /// The RFC's default time step, in seconds.
    public static let defaultPeriod: Int64 = 30
    /// Secret size for new enrollments: 160 bits, as RFC 4226 section 4 recommends.
    public static let secretByteCount = 20
    /// Code lengths HOTP allows (RFC 4226 asks for at least 6; 10 is the most a 31-bit
    /// truncated value can fill).
    public static let digitRange = 6...10

    /// The time step number of a Unix time: floor(time / period) (T0 = 0).
    public static func step(at unixSeconds: Int64, period: Int64 = defaultPeriod) -> Int64 {
        precondition(period > 0, "the TOTP period must be positive")
        // Floor, not truncation, so times before 1970 do not share step 0.
        let quotient = unixSeconds / period
        return unixSeconds % period < 0 ? quotient - 1 : quotient
    }

    /// The HOTP value of `counter` (RFC 4226 section 5.3), zero-padded to `digits`.
    public static func code(secret: [UInt8], counter: Int64, digits: Int = 6, algorithm: DigestAlgorithm = .sha1) -> String {
        precondition(digitRange.contains(digits), "TOTP codes have 6 to 10 digits")
        var message = [UInt8](repeating: 0, count: 8)
        var value = UInt64(bitPattern: counter)
        for index in stride(from: 7, through: 0, by: -1) {
            message[index] = UInt8(truncatingIfNeeded: value)
            value >>= 8
        }
        let mac = HMAC.authenticationCode(for: message, key: secret, using: algorithm)
        // Dynamic truncation: the low nibble of the last byte picks 4 bytes, top bit cleared.
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let binary = UInt64(mac[offset] & 0x7f) << 24 | UInt64(mac[offset + 1]) << 16
            | UInt64(mac[offset + 2]) << 8 | UInt64(mac[offset + 3])
        var modulus: UInt64 = 1
        for _ in 0..<digits { modulus *= 10 }
        let text = String(binary % modulus)
        return String(repeating: "0", count: digits - text.count) + text
    }

    /// The code for the step holding `unixSeconds`.
    public static func code(secret: [UInt8], at unixSeconds: Int64, digits: Int = 6, period: Int64 = defaultPeriod,
                            algorithm: DigestAlgorithm = .sha1) -> String {
        code(secret: secret, counter: step(at: unixSeconds, period: period), digits: digits, algorithm: algorithm)
    }

    /// The step whose code `code` is, looking `window` steps either side of the step of
    /// `unixSeconds` (RFC 6238 section 5.2 allows for clock drift and typing time), or nil.
    /// Every candidate is computed and compared in constant time, so the answer's timing
    /// does not tell which step (or how much of a code) matched. Callers must refuse a step
    /// at or before the last one accepted, or a code could be replayed within its window.
    public static func matchingStep(_ code: String, secret: [UInt8], at unixSeconds: Int64, window: Int = 1, digits: Int = 6,
                                    period: Int64 = defaultPeriod, algorithm: DigestAlgorithm = .sha1) -> Int64? {
        guard code.utf8.count == digits, code.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        let center = step(at: unixSeconds, period: period)
        var found: Int64?
        for offset in -Int64(max(window, 0))...Int64(max(window, 0)) {
            let candidate = center + offset
            let expected = self.code(secret: secret, counter: candidate, digits: digits, algorithm: algorithm)
            if ConstantTime.equals(expected, code) && found == nil { found = candidate }
        }
        return found
    }

    /// An `otpauth://` URI (the Key Uri Format authenticator apps read from a QR code).
    /// `issuer` and `account` are percent-encoded; the secret is unpadded base32.
    public static func provisioningURI(secret: [UInt8], issuer: String, account: String, digits: Int = 6,
                                       period: Int64 = defaultPeriod) -> String {
        let label = percentEncoded(issuer) + ":" + percentEncoded(account)
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret, padding: false))&issuer=\(percentEncoded(issuer))"
            + "&algorithm=SHA1&digits=\(digits)&period=\(period)"
    }

    /// RFC 3986 unreserved characters pass; everything else becomes %XX of its UTF-8 bytes.
    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0f)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Base32 (RFC 4648 section 6): the form TOTP secrets are shown and typed in.
public enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// Encodes `bytes`; `padding` appends `=` to a multiple of eight characters.
    public static func encode(_ bytes: [UInt8], padding: Bool = true) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 4) / 5 * 8)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[Int(buffer >> UInt32(bits) & 31)])
            }
            buffer &= (1 << UInt32(bits)) - 1
        }
        if bits > 0 { out.append(alphabet[Int(buffer << UInt32(5 - bits) & 31)]) }
        if padding { while out.count % 8 != 0 { out.append(UInt8(ascii: "=")) } }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes padded or unpadded base32. Lower case is accepted, because people type
    /// these secrets; anything else (wrong padding, an impossible length, non-zero unused
    /// bits, other characters) gives nil.
    public static func decode(_ text: String) -> [UInt8]? {
        var chars = Array(text.utf8)
        if chars.count % 8 == 0, let firstPad = chars.firstIndex(of: UInt8(ascii: "=")) {
            // Padding only ever fills 1, 3, 4 or 6 places, and only at the end.
            guard [1, 3, 4, 6].contains(chars.count - firstPad),
                  chars[firstPad...].allSatisfy({ $0 == UInt8(ascii: "=") }) else { return nil }
            chars.removeSubrange(firstPad...)
        }
        // Lengths 1, 3 and 6 mod 8 never come out of an encoder.
        guard [0, 2, 4, 5, 7].contains(chars.count % 8) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count * 5 / 8)
        var buffer: UInt32 = 0
        var bits = 0
        for c in chars {
            guard let v = value(c) else { return nil }
            buffer = buffer << 5 | UInt32(v)
            bits += 5
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
                buffer &= (1 << UInt32(bits)) - 1
            }
        }
        // Leftover bits must be zero, or two texts would decode to the same bytes.
        guard buffer == 0 else { return nil }
        return out
    }

    private static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): c - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): c - UInt8(ascii: "a")
        case UInt8(ascii: "2")...UInt8(ascii: "7"): c - UInt8(ascii: "2") + 26
        default: nil
        }
    }
}
