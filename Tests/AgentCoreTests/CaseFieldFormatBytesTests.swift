import AgentCore
import Testing

/// `isName` and `normalizedSSN` judge ASCII text on its bytes; they must answer as the
/// character-by-character rules they replaced.
@Suite struct CaseFieldFormatBytesTests {
    static func nameByCharacters(_ name: String) -> Bool {
        (1...CaseFieldFormat.maximumNameLength).contains(name.count)
            && name.allSatisfy { $0.isLetter || " '’-.".contains($0) }
            && name.contains(where: \.isLetter)
    }

    static func ssnByCharacters(_ text: String) -> String? {
        let characters = Array(text)
        let digits: [Character]
        if characters.count == 11 {
            guard characters[3] == "-", characters[6] == "-" else { return nil }
            digits = Array(characters[0..<3] + characters[4..<6] + characters[7..<11])
        } else {
            digits = characters
        }
        guard digits.count == 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return String(digits[0..<3]) + "-" + String(digits[3..<5]) + "-" + String(digits[5..<9])
    }

    @Test func namesAreJudgedAsCharacterByCharacter() {
        var samples = ["", "O'Brien", "Anne-Marie", "St. John", "  ", "'-.", "X", "Ngọc", "Zoë", "D’Angelo", "José María",
                       String(repeating: "a", count: 40), String(repeating: "a", count: 41), "A1", "tab\tname", "e\u{301}"]
        samples += (0..<128).map { "Ab" + String(UnicodeScalar(UInt8($0))) }
        for sample in samples { #expect(CaseFieldFormat.isName(sample) == Self.nameByCharacters(sample), "\(Array(sample.utf8))") }
    }

    @Test func ssnsNormalizeAsCharacterByCharacter() {
        let samples = ["123-45-6789", "123456789", "123-456789", "12-345-6789", "123-45-678", "1234567890", "123-45-678x",
                       "١٢٣-٤٥-٦٧٨٩", "123 45 6789", "", "---------", "123-45-6789 ", "12345678\u{0663}", "123-45-67８9"]
        for sample in samples { #expect(CaseFieldFormat.normalizedSSN(sample) == Self.ssnByCharacters(sample), "\(sample)") }
    }
}
