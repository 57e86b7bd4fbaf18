import Glibc
import Testing
@testable import Storage

/// The timestamps are written into one buffer; the text is what the first, string-joining
/// version wrote (the audit chain hashes these).
@Suite struct UTCTimeTests {
    static func joined(_ milliseconds: Int64) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let ms = Int(milliseconds % 1000)
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(ms, 3))Z"
    }

    @Test func isoTextIsAsItWasWritten() {
        var samples: [Int64] = [0, 1, 999, 1000, 86_399_999, 951_782_400_000, 1_796_428_799_999, 253_402_300_799_999,
                                UTCTime.nowMilliseconds()]
        var generator = SystemRandomNumberGenerator()
        samples += (0..<2000).map { _ in Int64.random(in: 0...4_102_444_800_000, using: &generator) }
        for ms in samples { #expect(UTCTime.iso(milliseconds: ms) == Self.joined(ms), "\(ms)") }
        #expect(UTCTime.iso(milliseconds: 1_764_806_400_123) == "2025-12-04T00:00:00.123Z")
    }
}
