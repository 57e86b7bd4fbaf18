import AgentCore
import Foundation
import Testing
@testable import Storage

/// The audit chain hashes `AuditLog.quote`'s text, so it must never change: this is the
/// text earlier entries were hashed with, written the way it first was.
@Suite struct AuditQuoteTests {
    static func firstQuote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    @Test func quotesEveryByteAsTheChainFirstDid() {
        var samples = ["", "plain", #"[{"field":"status","before":"DRAFT","after":"CLOSED"}]"#, "back\\slash", "tab\there",
                       "line\nfeed\r", "\u{1}\u{1f}\u{7f}", "été 日本 \u{1F600}", "\"\"", "\\\"\\"]
        samples += (0..<0x20).map { "a" + String(UnicodeScalar(UInt8($0))) + "b" }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let scalars = (0..<Int.random(in: 0..<24, using: &generator)).compactMap { _ in
                Unicode.Scalar([0x00, 0x1f, 0x22, 0x5c, 0x41, 0xe9, 0x65e5, 0x1F600, 0x0a].randomElement(using: &generator)!)
            }
            samples.append(String(String.UnicodeScalarView(scalars)))
        }
        for text in samples { #expect(AuditLog.quote(text) == Self.firstQuote(text), "\(Array(text.utf8))") }
    }

    /// The canonical text and the changes' JSON are written into one buffer now; they must
    /// be the very text the first string-joining versions made.
    @Test func theCanonicalTextAndChangesAreAsTheChainFirstWroteThem() {
        func firstChanges(_ changes: [FieldChange]) -> String {
            "[" + changes.map { change in
                "{\"field\":\(Self.firstQuote(change.field)),\"before\":\(change.before.map(Self.firstQuote) ?? "null"),\"after\":\(change.after.map(Self.firstQuote) ?? "null")}"
            }.joined(separator: ",") + "]"
        }
        func firstCanonical(_ fields: [String?]) -> String {
            "[" + fields.map { $0.map(Self.firstQuote) ?? "null" }.joined(separator: ",") + "]"
        }
        let changeSets: [[FieldChange]] = [
            [],
            [FieldChange(field: "case_status", before: nil, after: "DRAFT")],
            [FieldChange(field: "ssn", before: "***-**-1001", after: "***-**-2002"), FieldChange(field: "note", before: "a\"b\\c\n", after: nil)],
        ]
        for changes in changeSets {
            let encoded = AuditLog.encodeChanges(changes)
            #expect(encoded == firstChanges(changes))
            let fields: [String?] = ["2026-12-04T06:00:00.000Z", "user", "u-1", nil, "case.submit", "case", "2026338000001AB", encoded,
                                     "127.0.0.1", "boot-1-\u{1}"]
            let canonical = AuditLog.canonical(at: fields[0]!, actorType: fields[1]!, actorID: fields[2], clientID: fields[3],
                                               action: fields[4]!, objectType: fields[5]!, objectID: fields[6], changes: encoded,
                                               sourceIP: fields[8], requestID: fields[9])
            #expect(canonical == firstCanonical(fields))
        }
    }
}
