import Foundation
import Testing
@testable import AgentAPI

/// The hand-written trim must agree with Foundation's `.whitespaces` on every kind of blank.
@Suite struct BlankTrimmingTests {
    static let samples = [
        "", " ", "\t", "abc", " abc", "abc ", "  a b  ", "\ta\t", "\u{00A0}x\u{00A0}", "\u{3000}日本\u{3000}", "\u{2009}thin\u{202F}",
        "\n keep newline \n", "\u{200B}zero width\u{200B}", "e\u{0301} ", " \u{0301}", "\u{1680}ogham", "x\u{205F}",
    ]

    @Test(arguments: samples)
    func agreesWithFoundation(_ text: String) {
        #expect(text.trimmingBlanks() == text.trimmingCharacters(in: .whitespaces))
        #expect(text[...].trimmingBlanks() == text.trimmingCharacters(in: .whitespaces))
    }

    @Test func everyScalarIsABlankExactlyWhenFoundationSaysSo() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(scalar.isBlank == CharacterSet.whitespaces.contains(scalar), "U+\(String(value, radix: 16))")
        }
    }
}

/// The one-pass reading of a plain ASCII field must give what the general checks give.
@Suite struct PrintableASCIIFieldTests {
    static let samples = [
        "", " ", "   ", "abc", " abc", "abc ", "  a b  ", "Maria", "123-45-6789", " ~!@#$%^&*()_+{}|:\"<>? ",
        "\ta", "a\t", "a\u{7F}", "a\nb", "Zoë", " é ", "\u{00A0}x", "e\u{0301}",
    ]

    @Test(arguments: samples)
    func agreesWithTheGeneralChecks(_ text: String) {
        let plain = text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        guard let fast = RequestBody.trimmedPrintableASCII(text) else {
            #expect(!plain)
            return
        }
        #expect(plain)
        #expect(fast.text == text.trimmingBlanks())
        #expect(fast.count == text.trimmingBlanks().unicodeScalars.count)
    }
}
