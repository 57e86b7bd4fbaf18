import Foundation
import Testing
@testable import AgentAPI

/// The request-body parser: RFC 8259 and nothing else, never a crash or a hang.
@Suite struct JSONParserTests {
    static func parse(_ text: String) -> JSONValue? { JSONParser.parse(Array(text.utf8)) }

    @Test func parsesEveryKindOfValue() {
        #expect(Self.parse(#" {"a": [1, -2.5e3, 0, true, false, null], "b": {"c": "d"}, "e": ""} "#) == .object([
            "a": .array([.number(1), .number(-2500), .number(0), .bool(true), .bool(false), .null]),
            "b": .object(["c": .string("d")]), "e": .string(""),
        ]))
        #expect(Self.parse("[]") == .array([]))
        #expect(Self.parse("{}") == .object([:]))
        #expect(Self.parse("\"x\"") == .string("x"))
    }

    @Test func decodesEscapesAndUnicode() {
        #expect(Self.parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
        #expect(Self.parse(#""\u00e9\u4e2d\ud83d\ude00""#) == .string("é中😀"))
        #expect(Self.parse("\"Zoë 😀 中\"") == .string("Zoë 😀 中"))
    }

    @Test(arguments: [
        "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "01", "-", "1.", ".5", "1e", "+1", "NaN", "Infinity",
        "1e400", "-1e400", "tru", "nul", "[1 2]", "\"unterminated", "\"tab\there\"", "\"\\x\"", "\"\\u12\"", "\"\\ud83d\"",
        "\"\\ud83d\\u0041\"", "\"\\udc00\"", "{\"a\":1,\"a\":2}", "{\"a\":1} x", "[1]]", "// c\n1", "'single'",
    ])
    func refusesWhatIsNotJSON(_ text: String) {
        #expect(Self.parse(text) == nil)
    }

    @Test func refusesInvalidUTF8AndDeepNesting() {
        #expect(JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) == nil)
        #expect(JSONParser.parse([0x22, 0xFF, 0x22]) == nil)
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(Self.parse(deep) == nil)
        let allowed = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect(Self.parse(allowed) != nil)
    }

    /// Whatever Foundation reads as a JSON object, ours reads the same (and our canonical
    /// text parses back to the same value).
    @Test func agreesWithFoundationOnValidDocuments() throws {
        let documents = [
            #"{"first_name":"Ana","ssn":"151-20-1001","n":12,"f":0.25,"list":["a","b"],"flag":true,"none":null}"#,
            #"{"nested":{"deeper":{"x":[1,2,{"y":"z"}]}},"big":123456789012,"neg":-7,"exp":1E-3}"#,
        ]
        for document in documents {
            let ours = try #require(Self.parse(document))
            let theirs = try JSONSerialization.jsonObject(with: Data(document.utf8)) as? NSDictionary
            let oursAgain = try JSONSerialization.jsonObject(with: Data(ours.canonicalText.utf8)) as? NSDictionary
            #expect(theirs == oursAgain)
            #expect(Self.parse(ours.canonicalText) == ours)
        }
    }

    @Test func neverCrashesOnRandomBytes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("{}[]\",:0123456789.eE+-tfnrul\\ abc".utf8) + [0x00, 0x1F, 0xC3, 0xFF]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...24, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0x20 }
            _ = JSONParser.parse(bytes)
        }
    }
}
