import Testing
import HTTPCore

/// One valid input and the requests it must produce.
struct ValidCase: Sendable, CustomTestStringConvertible {
    var name: String
    var input: [UInt8]
    var expected: [ParsedRequest]
    var testDescription: String { name }

    init(_ name: String, _ input: String, _ expected: [ParsedRequest]) {
        self.name = name
        self.input = input.wire
        self.expected = expected
    }
}

let validCorpus: [ValidCase] = [
    ValidCase(
        "GET without body",
        "GET /health HTTP/1.1\r\nHost: example.com\r\nUser-Agent: test/1.0\r\nAccept: */*\r\n\r\n",
        [ParsedRequest(method: "GET", target: "/health",
                       headers: ["Host: example.com", "User-Agent: test/1.0", "Accept: */*"])]),
    ValidCase(
        "POST with Content-Length",
        "POST /api/v1/cases HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"a\":\"hello\"}",
        [ParsedRequest(method: "POST", target: "/api/v1/cases",
                       headers: ["Host: a", "Content-Type: application/json", "Content-Length: 13"],
                       body: "{\"a\":\"hello\"}")]),
    ValidCase(
        "chunked with extensions and trailers",
        "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n6 ; x=\"q\" ;y\r\n world\r\nA\r\n0123456789\r\n0;last\r\nX-Checksum: abc\r\nX-Other:1\r\n\r\n",
        [ParsedRequest(method: "POST", target: "/upload",
                       headers: ["Host: a", "Transfer-Encoding: chunked"], body: "hello world0123456789")]),
    ValidCase(
        "chunked, no trailers, case-insensitive coding, leading zeros",
        "PUT /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n003\r\nabc\r\n0\r\n\r\n",
        [ParsedRequest(method: "PUT", target: "/x",
                       headers: ["Host: a", "Transfer-Encoding: Chunked"], body: "abc")]),
    ValidCase(
        "pipelined pair in one buffer",
        "GET /a HTTP/1.1\r\nHost: a\r\n\r\nPOST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nxyz",
        [ParsedRequest(method: "GET", target: "/a", headers: ["Host: a"]),
         ParsedRequest(method: "POST", target: "/b", headers: ["Host: a", "Content-Length: 3"], body: "xyz")]),
    ValidCase(
        "pipelined chunked then GET",
        "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\nGET /d HTTP/1.1\r\nHost: a\r\n\r\n",
        [ParsedRequest(method: "POST", target: "/c", headers: ["Host: a", "Transfer-Encoding: chunked"], body: "hi"),
         ParsedRequest(method: "GET", target: "/d", headers: ["Host: a"])]),
    ValidCase(
        "HTTP/1.0 without Host",
        "GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        [ParsedRequest(method: "GET", target: "/old", version: "1.0", headers: ["Connection: keep-alive"])]),
    ValidCase(
        "HTTP/1.0 with body",
        "POST /old HTTP/1.0\r\nContent-Length: 2\r\n\r\nok",
        [ParsedRequest(method: "POST", target: "/old", version: "1.0", headers: ["Content-Length: 2"], body: "ok")]),
    ValidCase(
        "empty header values and OWS trimming",
        "GET / HTTP/1.1\r\nHost: a\r\nX-Empty:\r\nX-Blank: \t \r\nX-Pad: \t v a l \t\r\n\r\n",
        [ParsedRequest(method: "GET", target: "/", headers: ["Host: a", "X-Empty: ", "X-Blank: ", "X-Pad: v a l"])]),
    ValidCase(
        "percent-encoded target",
        "GET /search/caf%C3%A9?q=a%20b&x=%2F HTTP/1.1\r\nHost: a\r\n\r\n",
        [ParsedRequest(method: "GET", target: "/search/caf%C3%A9?q=a%20b&x=%2F", headers: ["Host: a"])]),
    ValidCase(
        "UTF-8 header value",
        "GET / HTTP/1.1\r\nHost: a\r\nX-Name: Zoë Müller 漢字\r\n\r\n",
        [ParsedRequest(method: "GET", target: "/", headers: ["Host: a", "X-Name: Zoë Müller 漢字"])]),
    ValidCase(
        "empty line before the request line",
        "\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
        [ParsedRequest(method: "GET", target: "/", headers: ["Host: a"])]),
    ValidCase(
        "absolute-form reduced to origin-form",
        "GET http://example.com:8080/a/b?c=d HTTP/1.1\r\nHost: example.com:8080\r\n\r\n"
            + "GET HTTPS://example.com HTTP/1.1\r\nHost: example.com\r\n\r\n"
            + "GET http://example.com?x=1 HTTP/1.1\r\nHost: example.com\r\n\r\n",
        [ParsedRequest(method: "GET", target: "/a/b?c=d", headers: ["Host: example.com:8080"]),
         ParsedRequest(method: "GET", target: "/", headers: ["Host: example.com"]),
         ParsedRequest(method: "GET", target: "/?x=1", headers: ["Host: example.com"])]),
    ValidCase(
        "OPTIONS asterisk and an extension method",
        "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\nM-SEARCH /x HTTP/1.1\r\nHost: [::1]:80\r\n\r\n",
        [ParsedRequest(method: "OPTIONS", target: "*", headers: ["Host: a"]),
         ParsedRequest(method: "M-SEARCH", target: "/x", headers: ["Host: [::1]:80"])]),
    ValidCase(
        "identical duplicate Content-Length",
        "POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc"
            + "POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 2, 02\r\n\r\nde",
        [ParsedRequest(method: "POST", target: "/a", headers: ["Host: a", "Content-Length: 3", "Content-Length: 3"], body: "abc"),
         ParsedRequest(method: "POST", target: "/b", headers: ["Host: a", "Content-Length: 2, 02"], body: "de")]),
    ValidCase(
        "Content-Length 0 and header name case kept",
        "POST /z HTTP/1.1\r\nhost: a\r\ncontent-LENGTH: 0\r\n\r\n",
        [ParsedRequest(method: "POST", target: "/z", headers: ["host: a", "content-LENGTH: 0"])]),
]

@Suite("Parser: valid requests")
struct ParserValidTests {
    @Test("parses whole", arguments: validCorpus)
    func whole(_ c: ValidCase) {
        let outcome = ParserHarness.whole(c.input)
        #expect(outcome.error == nil)
        #expect(outcome.requests == c.expected)
        #expect(outcome.heads == c.expected.count)
        #expect(outcome.unconsumed == 0)
    }

    @Test("same result split in two at every byte boundary", arguments: validCorpus)
    func everySplit(_ c: ValidCase) {
        let reference = ParserHarness.whole(c.input)
        for cut in 0...c.input.count {
            let outcome = ParserHarness.split(c.input, at: cut)
            #expect(outcome == reference, "cut at \(cut)")
            if outcome != reference { break }
        }
    }

    @Test("same result one byte at a time", arguments: validCorpus)
    func oneByteAtATime(_ c: ValidCase) {
        #expect(ParserHarness.byteByByte(c.input) == ParserHarness.whole(c.input))
        #expect(ParserHarness.byteByByte(c.input).requests == c.expected)
    }

    @Test("parseAll returns every pipelined request")
    func parseAll() {
        let input = validCorpus.flatMap(\.input)
        let results = HTTPRequestParser.parseAll(input)
        let parsed = results.compactMap { try? $0.get() }.map(ParsedRequest.init)
        #expect(parsed == validCorpus.flatMap(\.expected))
        #expect(results.count == parsed.count)
    }

    @Test("parseAll ends with the error and ignores an incomplete tail")
    func parseAllError() {
        let ok = "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
        let failing = HTTPRequestParser.parseAll((ok + "GET / HTTP/2.0\r\n\r\n" + ok).wire)
        #expect(failing.count == 2)
        if case .failure(let error) = failing.last { #expect(error.status.code == 505) } else { Issue.record("no error") }
        #expect(HTTPRequestParser.parseAll((ok + "GET / HT").wire).count == 1)
    }

    @Test("a request without body: .head, then .complete with nothing consumed, then .needMore")
    func contractWithoutBody() {
        let bytes = "GET /x HTTP/1.1\r\nHost: a\r\n\r\n".wire
        var parser = HTTPRequestParser()
        bytes.withUnsafeBytes { buffer in
            let first = parser.parse(buffer)
            #expect(first.consumed == bytes.count)
            guard case .head(let head) = first.event else { Issue.record("expected .head"); return }
            #expect(head.method == .GET)
            #expect(head.target == "/x")
            #expect(head.framing == .none)
            #expect(!head.expectsContinue)
            #expect(head.keepAlive)
            let empty = UnsafeRawBufferPointer(rebasing: buffer[bytes.count...])
            let second = parser.parse(empty)
            #expect(second.consumed == 0)
            guard case .complete(let request) = second.event else { Issue.record("expected .complete"); return }
            #expect(request.target == "/x")
            let third = parser.parse(empty)
            #expect(third.consumed == 0)
            guard case .needMore = third.event else { Issue.record("expected .needMore"); return }
        }
    }

    @Test("a body arriving later: .head, .needMore while it is partial, .complete")
    func contractWithBody() {
        var parser = HTTPRequestParser()
        let head = "POST /u HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n".wire
        let first = head.withUnsafeBytes { parser.parse($0) }
        #expect(first.consumed == head.count)
        guard case .head(let parsedHead) = first.event else { Issue.record("expected .head"); return }
        #expect(parsedHead.expectsContinue)
        #expect(parsedHead.framing == .length(4))
        let partial = [UInt8]("ab".utf8).withUnsafeBytes { parser.parse($0) }
        #expect(partial.consumed == 2)
        guard case .needMore = partial.event else { Issue.record("expected .needMore"); return }
        // The rest of the body plus the start of the next request: only the body is consumed.
        let rest = [UInt8]("cdGET".utf8).withUnsafeBytes { parser.parse($0) }
        #expect(rest.consumed == 2)
        guard case .complete(let request) = rest.event else { Issue.record("expected .complete"); return }
        #expect(request.body == Array("abcd".utf8))
    }

    @Test("Expect: 100-continue only counts for HTTP/1.1; keepAlive follows RFC 9112 §9.3")
    func headConveniences() {
        func head(_ text: String) -> RequestHead? {
            var parser = HTTPRequestParser()
            if case .head(let h) = text.wire.withUnsafeBytes({ parser.parse($0) }).event { return h }
            return nil
        }
        #expect(head("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\n")?.expectsContinue == true)
        #expect(head("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n")?.expectsContinue == false)
        #expect(head("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")?.keepAlive == false)
        #expect(head("GET / HTTP/1.0\r\n\r\n")?.keepAlive == false)
        #expect(head("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")?.keepAlive == true)
        #expect(head("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip , , chunked\r\n\r\n") == nil)
        #expect(head("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: ,chunked\r\n\r\n")?.framing == .chunked)
    }

    @Test("limits are inclusive: a request exactly at every limit parses")
    func exactlyAtLimits() {
        let limits = HTTPParserLimits(maxRequestLineBytes: 64, maxHeaderBytes: 100, maxHeaderFields: 3, maxBodyBytes: 5)
        let target = "/" + String(repeating: "a", count: 49)
        let line = "POST \(target) HTTP/1.1"
        #expect(line.utf8.count == 64)
        // Header section: 3 field lines with their CRLFs plus the final CRLF, 100 bytes.
        let filler = String(repeating: "b", count: 65)
        let section = "Host: a\r\nContent-Length: 5\r\nX: \(filler)\r\n\r\n"
        #expect(section.utf8.count == 100)
        let input = (line + "\r\n" + section + "12345").wire
        let expected = [ParsedRequest(method: "POST", target: target,
                                      headers: ["Host: a", "Content-Length: 5", "X: \(filler)"], body: "12345")]
        let outcome = ParserHarness.whole(input, limits: limits)
        #expect(outcome.error == nil)
        #expect(outcome.requests == expected)
        #expect(ParserHarness.byteByByte(input, limits: limits) == outcome)
    }

    @Test("a byte-at-a-time head is scanned in linear time")
    func linearScan() {
        // With a rescan from the start on every call this would be ~10^11 byte visits.
        let limits = HTTPParserLimits(maxHeaderBytes: 600_000, maxHeaderFields: 10_000)
        var text = "GET / HTTP/1.1\r\nHost: a\r\n"
        let field = "X-Field: " + String(repeating: "v", count: 91) + "\r\n"  // 102 bytes
        for _ in 0..<5_000 { text += field }
        text += "\r\n"
        let bytes = text.wire
        var parser = HTTPRequestParser(limits: limits)
        let clock = ContinuousClock()
        var heads = 0
        let elapsed = clock.measure {
            bytes.withUnsafeBytes { all in
                var end = 1
                while end <= all.count {
                    let (consumed, event) = parser.parse(UnsafeRawBufferPointer(rebasing: all[0..<end]))
                    if case .head(let head) = event {
                        heads += 1
                        #expect(consumed == all.count)
                        #expect(head.headers.count == 5_001)
                        break
                    }
                    #expect(consumed == 0)
                    end += 1
                }
            }
        }
        #expect(heads == 1)
        #expect(elapsed < .seconds(20))
    }
}
