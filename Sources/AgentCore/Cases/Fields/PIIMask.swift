/// How case PII is shown in responses (API.md: SSN `***-**-1234`, other numbers
/// their last four characters; ACC-2, SEC-1). Masking keeps the length of the value
/// so a user can still tell a 9-character number from a 12-character one.
public enum PIIMask {
    /// The case fields whose values are masked in every response.
    public static let maskedFields: [String] = [
        "ssn", "alien_number", "i94_number", "foreign_passport_number", "us_passport_number",
        "i551_number", "i766_number", "document_bc_number",
    ]

    /// `123-45-6789` → `***-**-6789`. Anything not in that shape is masked like any
    /// other number, so a malformed SSN never leaks through.
    public static func ssn(_ value: String) -> String {
        if let bytes = printableASCII(value) {
            guard bytes.count == 11, bytes[3] == UInt8(ascii: "-"), bytes[6] == UInt8(ascii: "-") else { return lastFour(ascii: bytes) }
            return "***-**-" + String(decoding: bytes[7...], as: UTF8.self)
        }
        let characters = Array(value)
        guard characters.count == 11, characters[3] == "-", characters[6] == "-" else { return lastFour(value) }
        return "***-**-" + String(characters[7...])
    }

    /// Every character but the last four replaced by `*`; a value of four
    /// characters or fewer is masked whole, since its last four would be all of it.
    public static func lastFour(_ value: String) -> String {
        if let bytes = printableASCII(value) { return lastFour(ascii: bytes) }
        guard value.count > 4 else { return String(repeating: "*", count: value.count) }
        return String(repeating: "*", count: value.count - 4) + String(value.suffix(4))
    }

    /// `lastFour` of text whose every byte is a character (`printableASCII`).
    private static func lastFour(ascii bytes: [UInt8]) -> String {
        guard bytes.count > 4 else { return String(repeating: "*", count: bytes.count) }
        return String(repeating: "*", count: bytes.count - 4) + String(decoding: bytes[(bytes.count - 4)...], as: UTF8.self)
    }

    /// The bytes of `value` when each is a printable ASCII character, so that a byte is a
    /// character (no CR LF pair, no combining mark): the stored numbers always are, and
    /// counting bytes spares breaking the text into grapheme clusters.
    static func printableASCII(_ value: String) -> [UInt8]? {
        let bytes = Array(value.utf8)
        return bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } ? bytes : nil
    }

    /// The masked form of `value` for the field called `field`; unchanged when the
    /// field is not one of `maskedFields`.
    public static func mask(_ value: String, field: String) -> String {
        switch field {
        case "ssn": ssn(value)
        case _ where maskedFields.contains(field): lastFour(value)
        default: value
        }
    }
}
