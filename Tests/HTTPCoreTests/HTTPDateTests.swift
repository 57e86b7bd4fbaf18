import Testing
import HTTPCore

@Suite("HTTPDateCache")
struct HTTPDateTests {
    @Test("known epoch seconds format as IMF-fixdate", arguments: [
        (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
        (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (1_700_000_000, "Tue, 14 Nov 2023 22:13:20 GMT"),
        (253_402_300_799, "Fri, 31 Dec 9999 23:59:59 GMT"),
    ])
    func known(_ second: Int, _ expected: String) {
        var cache = HTTPDateCache()
        #expect(String(decoding: cache.bytes(forEpochSecond: second), as: UTF8.self) == expected)
        #expect(String(decoding: HTTPDateCache.format(epochSecond: second), as: UTF8.self) == expected)
    }

    @Test("the value follows the second")
    func changesWithTheSecond() {
        var cache = HTTPDateCache()
        let first = cache.bytes(forEpochSecond: 784_111_777)
        #expect(cache.bytes(forEpochSecond: 784_111_777) == first)
        #expect(String(decoding: cache.bytes(forEpochSecond: 784_111_778), as: UTF8.self) == "Sun, 06 Nov 1994 08:49:38 GMT")
        #expect(String(decoding: cache.bytes(forEpochSecond: 784_111_837), as: UTF8.self) == "Sun, 06 Nov 1994 08:50:37 GMT")
        #expect(cache.bytes(forEpochSecond: 784_111_777) == first)
    }

    @Test("the current date has the fixed 29-byte shape")
    func current() {
        var cache = HTTPDateCache()
        let text = String(decoding: cache.currentBytes(), as: UTF8.self)
        #expect(text.utf8.count == 29)
        #expect(text.hasSuffix(" GMT"))
        #expect(Array(text.utf8)[3] == UInt8(ascii: ","))
    }
}
