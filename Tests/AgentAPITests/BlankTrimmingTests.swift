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
