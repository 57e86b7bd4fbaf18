/// The shapes of single case fields (API.md "Case body"), as pure functions from
/// the text sent to its normalized form, nil when the shape is wrong. The rules that
/// combine fields live in `CaseRules`.
public enum CaseFieldFormat {
    /// The longest name: API.md allows 1–40 characters.
    public static let maximumNameLength = 40

    /// `text` without leading and trailing white space; nil when nothing is left, so
    /// an empty string from a form counts as "not given".
    public static func trimmed(_ text: String?) -> String? {
        guard let text else { return nil }
        // Nearly every value arrives trimmed: printable ASCII at both ends says so cheaply.
        if let first = text.utf8.first, let last = text.utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return text
        }
        let result = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        return result.isEmpty ? nil : result
    }

    /// Whether `name` is 1–40 characters, each a letter of any script, a space, an
    /// apostrophe (straight or typographic), a hyphen or a period, with at least one
    /// letter (a name of punctuation alone is a typo).
    public static func isName(_ name: String) -> Bool {
        // Most names are ASCII: judged on the bytes, where a letter is A–Z or a–z, as
        // `Character.isLetter` says for them (its Unicode lookup cost more than the rest).
        let bytes = name.utf8
        if bytes.allSatisfy({ $0 < 0x80 }) {
            return (1...maximumNameLength).contains(bytes.count)
                && bytes.allSatisfy { isASCIILetter($0) || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "'")
                    || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
                && bytes.contains(where: isASCIILetter)
        }
        return (1...maximumNameLength).contains(name.count)
            && name.allSatisfy { $0.isLetter || " '’-.".contains($0) }
            && name.contains(where: \.isLetter)
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    /// `###-##-####` from nine digits with or without both hyphens; nil otherwise.
    /// Says nothing about whether the number can exist (`ssnNeverIssuedReason`).
    public static func normalizedSSN(_ text: String) -> String? {
        // On the bytes: anything not ASCII fails the digit test either way.
        let bytes = Array(text.utf8)
        let hyphen = UInt8(ascii: "-")
        var digits: [UInt8]
        if bytes.count == 11 {
            guard bytes[3] == hyphen, bytes[6] == hyphen else { return nil }
            digits = Array(bytes[0..<3])
            digits += bytes[4..<6]
            digits += bytes[7..<11]
        } else {
            digits = bytes
        }
        guard digits.count == 9, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        digits.insert(hyphen, at: 5)
        digits.insert(hyphen, at: 3)
        return String(decoding: digits, as: UTF8.self)
    }

    /// Why a well-formed SSN (`###-##-####`) can never have been issued — area 000,
    /// 666 or 900–999, group 00, serial 0000 — or nil when it could exist.
    public static func ssnNeverIssuedReason(_ ssn: String) -> String? {
        // The normalized form (every caller's) is judged on its bytes; splitting it into
        // Strings cost more than the rest of the SSN's checks together.
        let bytes = ssn.utf8
        if bytes.count == 11 {
            var values: [Int] = []
            values.reserveCapacity(9)
            for (offset, byte) in bytes.enumerated() {
                if offset == 3 || offset == 6 {
                    if byte != UInt8(ascii: "-") { break }
                } else if isASCIIDigit(byte) {
                    values.append(Int(byte - UInt8(ascii: "0")))
                } else {
                    break
                }
            }
            if values.count == 9 {
                let area = values[0] * 100 + values[1] * 10 + values[2]
                if area == 0 || area == 666 || area >= 900 { return "no SSN starts with \(ssn.prefix(3))" }
                if values[3] == 0 && values[4] == 0 { return "no SSN has 00 as its middle two digits" }
                if values[5...].allSatisfy({ $0 == 0 }) { return "no SSN ends in 0000" }
                return nil
            }
        }
        let parts = ssn.split(separator: "-").map(String.init)
        guard parts.count == 3, let area = Int(parts[0]) else { return "it is not in the form ###-##-####" }
        if area == 0 || area == 666 || area >= 900 { return "no SSN starts with \(parts[0])" }
        if parts[1] == "00" { return "no SSN has 00 as its middle two digits" }
        if parts[2] == "0000" { return "no SSN ends in 0000" }
        return nil
    }

    /// `A` and nine digits from `A` (either case) or nothing, then 7 to 9 digits;
    /// shorter numbers are left-padded with zeros, as older A-numbers are written
    /// with fewer digits. All zeros is refused: no such number exists.
    public static func normalizedAlienNumber(_ text: String) -> String? {
        var digits = Substring(text)
        if let first = digits.first, first == "A" || first == "a" { digits = digits.dropFirst() }
        guard (7...9).contains(digits.count), digits.allSatisfy(isASCIIDigit), digits.contains(where: { $0 != "0" })
        else { return nil }
        return "A" + String(repeating: "0", count: 9 - digits.count) + digits
    }

    /// Upper-cased ASCII letters and digits only, with a length in `lengths`; nil
    /// otherwise. Document numbers are printed in capitals, so case is not kept.
    public static func normalizedAlphanumeric(_ text: String, lengths: ClosedRange<Int>) -> String? {
        // On the bytes: every accepted character is one ASCII byte, so the byte count is
        // the character count whenever the check passes.
        let bytes = text.utf8
        guard lengths.contains(bytes.count), bytes.allSatisfy({ isASCIIDigit($0) || isASCIILetter($0) }) else { return nil }
        return text.uppercased()
    }

    private static func isASCIIDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// An I-551 or I-766 card number: three letters and ten digits (`ABC1234567890`),
    /// upper-cased.
    public static func normalizedCardNumber(_ text: String) -> String? {
        let characters = Array(text)
        guard characters.count == 13, characters[0..<3].allSatisfy(isASCIILetter),
              characters[3...].allSatisfy(isASCIIDigit)
        else { return nil }
        return text.uppercased()
    }

    /// A List B or C document number: 1 to 25 ASCII letters, digits, hyphens and
    /// spaces (states print license numbers with both), upper-cased, with at least
    /// one letter or digit.
    public static func normalizedDocumentNumber(_ text: String) -> String? {
        let bytes = text.utf8  // ASCII only, so bytes are characters (as above)
        guard (1...25).contains(bytes.count),
              bytes.allSatisfy({ isASCIIDigit($0) || isASCIILetter($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: " ") }),
              bytes.contains(where: { isASCIIDigit($0) || isASCIILetter($0) })
        else { return nil }
        return text.uppercased()
    }

    /// A plain-shape email check (CASE-2): one `@`, a local part of 1–64 characters,
    /// a domain with a dot and no empty label, 254 characters at most, no spaces or
    /// control characters. Deliverability is not ours to judge.
    public static func isEmail(_ text: String) -> Bool {
        guard text.count <= 254, !text.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 32 || $0 == 127 } == true })
        else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...64).contains(parts[0].count) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }

    /// A free identifier (employer case ID, federal contract ID): 1 to `maximum`
    /// printable characters, no control characters.
    public static func isPrintableIdentifier(_ text: String, maximum: Int) -> Bool {
        (1...maximum).contains(text.count) && !text.unicodeScalars.contains { $0.value < 32 || (127...159).contains($0.value) }
    }

    // `asciiValue` rather than comparing characters: "A" plus a combining accent
    // sorts between "A" and "Z" but is not an ASCII letter.
    static func isASCIIDigit(_ character: Character) -> Bool {
        character.asciiValue.map { (48...57).contains($0) } ?? false
    }

    static func isASCIILetter(_ character: Character) -> Bool {
        character.asciiValue.map { (65...90).contains($0) || (97...122).contains($0) } ?? false
    }
}
