import Foundation
import Testing
@testable import Storage

/// The string-array fast path must read exactly what the JSON decoder reads, and leave
/// everything it is not sure of to the decoder.
@Suite struct RowCodecTests {
    static let samples: [String] = [
        "[]", #"["MONDAY"]"#, #"["MONDAY","FRIDAY"]"#, #"["2026-12-24","2026-12-31"]"#, #"[""]"#, #"["",""]"#,
        #"["a", "b"]"#, #"[ "a" ]"#, #"["quote \" inside"]"#, #"["back\\slash"]"#, #"["\u00e9t\u00e9"]"#, #"["été","日本"]"#,
        #"["a",]"#, #"["a""b"]"#, #"["a"#, "[1,2]", "not json", "", #"{"a":"b"}"#, #"["a"],"#, #"[null]"#,
    ]

    @Test(arguments: samples)
    func readsWhatTheDecoderReads(_ text: String) {
        let decoded = (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
        #expect(RowCodec.strings(text) == decoded)
    }

    @Test func takesTheFastPathForWhatItWrites() {
        for list in [[], ["MONDAY", "TUESDAY"], ["2027-01-01"], ["été"]] {
            #expect(RowCodec.plainStrings(RowCodec.json(list)) == list)
        }
        #expect(RowCodec.plainStrings(#"["a\"b"]"#) == nil)
        #expect(RowCodec.plainStrings(#"["a", "b"]"#) == nil)
    }
}
