@testable import AgentAPI
import Foundation
import Testing

/// The byte writer behind every case answer: what it writes parses back to what was given.
@Suite struct JSONObjectWriterTests {
    @Test func everyKindOfValueParsesBack() throws {
        let awkward = "quote \" backslash \\ line\nreturn\rtab\tbell\u{7} nul\u{0} été 日本 \u{1F600}"
        var w = JSONObjectWriter()
        w.string("plain", "E-Verify")
        w.string("awkward", awkward)
        w.string("absent", nil)
        w.int("count", 42)
        w.bool("flag", false)
        w.strings("list", ["a", awkward, ""])
        w.strings("no_list", nil)
        w.raw("nested", #"{"x":[1,2]}"#)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(w.text.utf8)) as? [String: Any])
        #expect(parsed["plain"] as? String == "E-Verify")
        #expect(parsed["awkward"] as? String == awkward)
        #expect(parsed["absent"] is NSNull && parsed["no_list"] is NSNull)
        #expect(parsed["count"] as? Int == 42)
        #expect(parsed["flag"] as? Bool == false)
        #expect(parsed["list"] as? [String] == ["a", awkward, ""])
        #expect((parsed["nested"] as? [String: Any])?["x"] as? [Int] == [1, 2])
        #expect(w.text.hasPrefix(#"{"plain":"E-Verify","awkward":"quote \" backslash \\ line\nreturn\rtab\tbell\u0007 nul\u0000 "#))
        #expect(JSONObjectWriter().text == "{}")
    }
}
