import Testing
import HTTPCore

/// One invalid input and the status it must end with.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    var name: String
    var input: [UInt8]
    var status: Int
    var testDescription: String { "\(name) → \(status)" }

    init(_ name: String, _ input: String, _ status: Int) {
        self.name = name
        self.input = input.wire
        self.status = status
    }

    init(_ name: String, bytes: [UInt8], _ status: Int) {
        self.name = name
        self.input = bytes
        self.status = status
    }
}

private let host = "Host: a\r\n"

let malformedCorpus: [MalformedCase] = [
    // Request line.
    MalformedCase("missing version", "GET /\r\n\r\n", 400),
    MalformedCase("missing target and version", "GET\r\n\(host)\r\n", 400),
    MalformedCase("empty method", " / HTTP/1.1\r\n\(host)\r\n", 400),
    MalformedCase("double space before target", "GET  / HTTP/1.1\r\n\(host)\r\n", 400),
    MalformedCase("double space before version", "GET /  HTTP/1.1\r\n\(host)\r\n", 400),
    MalformedCase("trailing space after version", "GET / HTTP/1.1 \r\n\(host)\r\n", 400),
    MalformedCase("tab as separator", "GET\t/ HTTP/1.1\r\n\(host)\r\n", 400),
    MalformedCase("lowercase http", "GET / http/1.1\r\n\(host)\r\n", 400),
    MalformedCase("version without minor", "GET / HTTP/1\r\n\(host)\r\n", 400),
    MalformedCase("two-digit minor", "GET / HTTP/1.10\r\n\(host)\r\n", 400),
    MalformedCase("non-token method GE(T", "GE(T / HTTP/1.1\r\n\(host)\r\n", 400),
    MalformedCase("DEL in method", "G\u{7F}T / HTTP/1.1\r\n\(host)\r\n", 400),
    MalformedCase("control byte in target", "GET /a\u{01}b HTTP/1.1\r\n\(host)\r\n", 400),
    MalformedCase("NUL in target", "GET /a\u{00}b HTTP/1.1\r\n\(host)\r\n", 400),
    MalformedCase("raw non-ASCII in target", "GET /café HTTP/1.1\r\n\(host)\r\n", 400),
    MalformedCase("relative target", "GET a/b HTTP/1.1\r\n\(host)\r\n", 400),
    MalformedCase("asterisk outside OPTIONS", "GET * HTTP/1.1\r\n\(host)\r\n", 400),
    MalformedCase("authority-form", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", 400),
    MalformedCase("absolute-form without authority", "GET http:///x HTTP/1.1\r\n\(host)\r\n", 400),
    MalformedCase("HTTP/2.0", "GET / HTTP/2.0\r\n\(host)\r\n", 505),
    MalformedCase("HTTP/1.2", "GET / HTTP/1.2\r\n\(host)\r\n", 505),
    MalformedCase("HTTP/0.9", "GET / HTTP/0.9\r\n\r\n", 505),
    MalformedCase("HTTP/3.0", "GET / HTTP/3.0\r\n\(host)\r\n", 505),

    // Line endings.
    MalformedCase("bare LF after request line", "GET / HTTP/1.1\n\(host)\r\n", 400),
    MalformedCase("bare LF after a field", "GET / HTTP/1.1\r\nHost: a\n\r\n", 400),
    MalformedCase("bare LF as the final empty line", "GET / HTTP/1.1\r\nHost: a\r\n\n", 400),
    MalformedCase("LF before the request line", "\nGET / HTTP/1.1\r\n\(host)\r\n", 400),
    MalformedCase("bare CR in request line", "GET / HTTP/1.1\rHost: a\r\n\r\n", 400),
    MalformedCase("bare CR in field value", "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", 400),
    MalformedCase("CR CR LF", "GET / HTTP/1.1\r\r\n\(host)\r\n", 400),
    // Caught while the head is still incomplete, not only when it ends.
    MalformedCase("bare CR in an unfinished head", "GET / HTTP/1.1\rHost: a", 400),
    MalformedCase("bare LF in an unfinished head", "GET / HTTP/1.1\r\nHost: a\nX: b", 400),
    MalformedCase("CR then garbage before request line", "\r\rGET / HTTP/1.1\r\n\(host)\r\n", 400),

    // Field lines.
    MalformedCase("field without colon", "GET / HTTP/1.1\r\n\(host)X-Thing value\r\n\r\n", 400),
    MalformedCase("space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400),
    MalformedCase("tab before colon", "GET / HTTP/1.1\r\n\(host)X-A\t: b\r\n\r\n", 400),
    MalformedCase("obs-fold", "GET / HTTP/1.1\r\n\(host)X-A: b\r\n c\r\n\r\n", 400),
    MalformedCase("obs-fold with tab", "GET / HTTP/1.1\r\n\(host)X-A: b\r\n\tc\r\n\r\n", 400),
    MalformedCase("whitespace before first field", "GET / HTTP/1.1\r\n \(host)\r\n", 400),
    MalformedCase("empty field name", "GET / HTTP/1.1\r\n\(host): b\r\n\r\n", 400),
    MalformedCase("non-token field name", "GET / HTTP/1.1\r\n\(host)X(A): b\r\n\r\n", 400),
    MalformedCase("NUL in field value", "GET / HTTP/1.1\r\n\(host)X-A: a\u{00}b\r\n\r\n", 400),
    MalformedCase("DEL in field value", "GET / HTTP/1.1\r\n\(host)X-A: a\u{7F}b\r\n\r\n", 400),
    MalformedCase("escape in field value", "GET / HTTP/1.1\r\n\(host)X-A: \u{1B}[31m\r\n\r\n", 400),
    MalformedCase("HTTP/1.1 without Host", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", 400),
    MalformedCase("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
    MalformedCase("two Host fields in HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n", 400),
    MalformedCase("invalid Host value", "GET / HTTP/1.1\r\nHost: a b/c\r\n\r\n", 400),

    // Content-Length.
    MalformedCase("negative Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length: -1\r\n\r\n", 400),
    MalformedCase("Content-Length +5", "POST / HTTP/1.1\r\n\(host)Content-Length: +5\r\n\r\nhello", 400),
    MalformedCase("Content-Length 5 5", "POST / HTTP/1.1\r\n\(host)Content-Length: 5 5\r\n\r\nhello", 400),
    MalformedCase("Content-Length hex", "POST / HTTP/1.1\r\n\(host)Content-Length: 0x5\r\n\r\nhello", 400),
    MalformedCase("empty Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length:\r\n\r\n", 400),
    MalformedCase("Content-Length list with empty element", "POST / HTTP/1.1\r\n\(host)Content-Length: 5,\r\n\r\nhello", 400),
    MalformedCase("differing Content-Length fields",
                  "POST / HTTP/1.1\r\n\(host)Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400),
    MalformedCase("differing Content-Length list", "POST / HTTP/1.1\r\n\(host)Content-Length: 5, 6\r\n\r\nhello!", 400),
    MalformedCase("Content-Length overflow",
                  "POST / HTTP/1.1\r\n\(host)Content-Length: 99999999999999999999999\r\n\r\n", 413),

    // Transfer-Encoding.
    MalformedCase("Content-Length and Transfer-Encoding",
                  "POST / HTTP/1.1\r\n\(host)Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
    MalformedCase("Transfer-Encoding gzip", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: gzip\r\n\r\n", 501),
    MalformedCase("Transfer-Encoding gzip, chunked",
                  "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501),
    MalformedCase("Transfer-Encoding chunked, gzip",
                  "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n", 400),
    MalformedCase("Transfer-Encoding chunked twice",
                  "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
    MalformedCase("empty Transfer-Encoding", "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: \r\n\r\n", 400),
    MalformedCase("Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),

    // Chunked body.
    MalformedCase("chunk size zz", chunked("zz\r\nhello\r\n0\r\n\r\n"), 400),
    MalformedCase("chunk size -1", chunked("-1\r\nhello\r\n0\r\n\r\n"), 400),
    MalformedCase("chunk size 0x5", chunked("0x5\r\nhello\r\n0\r\n\r\n"), 400),
    MalformedCase("huge hex chunk size", chunked("fffffffffffffffffff\r\nhello\r\n0\r\n\r\n"), 400),
    MalformedCase("chunk size overflowing Int", chunked("8000000000000000\r\nhello\r\n0\r\n\r\n"), 400),
    MalformedCase("empty chunk size", chunked("\r\nhello\r\n0\r\n\r\n"), 400),
    MalformedCase("whitespace after chunk size", chunked("5 \r\nhello\r\n0\r\n\r\n"), 400),
    MalformedCase("bare LF after chunk size", chunked("5\nhello\r\n0\r\n\r\n"), 400),
    MalformedCase("control byte in chunk extension", chunked("5;a=\u{01}\r\nhello\r\n0\r\n\r\n"), 400),
    MalformedCase("chunk extension too long", chunked("5;" + String(repeating: "x", count: 5000) + "\r\nhello\r\n0\r\n\r\n"), 400),
    MalformedCase("missing CRLF after chunk data", chunked("5\r\nhelloX\r\n0\r\n\r\n"), 400),
    MalformedCase("other byte instead of CR after chunk data", chunked("5\r\nhelloX\n0\r\n\r\n"), 400),
    MalformedCase("LF only after chunk data", chunked("5\r\nhello\n0\r\n\r\n"), 400),
    MalformedCase("trailer without colon", chunked("0\r\nX-Sum abc\r\n\r\n"), 400),
    MalformedCase("obs-fold in trailer", chunked("0\r\nX-Sum: a\r\n b\r\n\r\n"), 400),
    MalformedCase("NUL in trailer value", chunked("0\r\nX-Sum: a\u{00}\r\n\r\n"), 400),
    MalformedCase("bare LF ending trailers", chunked("0\r\n\n"), 400),

    // Sizes (default limits).
    MalformedCase("huge request line", "GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\n\(host)\r\n", 414),
    MalformedCase("huge request line without end", "GET /" + String(repeating: "a", count: 20_000), 414),
    MalformedCase("huge header section",
                  "GET / HTTP/1.1\r\n\(host)X-Big: " + String(repeating: "a", count: 70_000) + "\r\n\r\n", 431),
    MalformedCase("huge header section without end",
                  "GET / HTTP/1.1\r\n\(host)X-Big: " + String(repeating: "a", count: 70_000), 431),
    MalformedCase("many small fields over the byte limit",
                  "GET / HTTP/1.1\r\n\(host)" + String(repeating: "X-Pad: " + String(repeating: "p", count: 900) + "\r\n", count: 80) + "\r\n", 431),
    MalformedCase("101 header fields",
                  "GET / HTTP/1.1\r\n\(host)" + (1...100).map { "X-\($0): v\r\n" }.joined() + "\r\n", 431),
    MalformedCase("too many empty lines before the request line", String(repeating: "\r\n", count: 5000), 400),
    MalformedCase("huge trailer section",
                  chunked("0\r\nX-T: " + String(repeating: "t", count: 70_000) + "\r\n\r\n"), 431),
    MalformedCase("101 trailer fields", chunked("0\r\n" + (0...100).map { "T\($0): v\r\n" }.joined() + "\r\n"), 431),
]

private func chunked(_ body: String) -> String {
    "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + body
}

@Suite("Parser: malformed requests")
struct ParserMalformedTests {
    @Test("fails with the expected status, whole and one byte at a time", arguments: malformedCorpus)
    func fails(_ c: MalformedCase) {
        let whole = ParserHarness.whole(c.input)
        #expect(whole.error?.status.code == c.status, "\(whole.error.map(String.init(describing:)) ?? "no error")")
        #expect(whole.requests.isEmpty)
        let bytewise = ParserHarness.byteByByte(c.input)
        #expect(bytewise == whole)
    }

    @Test("a valid request before the bad one is still delivered")
    func validThenInvalid() {
        let input = "GET /ok HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/2.0\r\n\r\n".wire
        let outcome = ParserHarness.whole(input)
        #expect(outcome.requests.map(\.target) == ["/ok"])
        #expect(outcome.error?.status.code == 505)
    }

    @Test("an endless request line fails at the limit, not later, whatever the piece size", arguments: [1, 7, 1000, 4096])
    func endlessRequestLine(pieceSize: Int) {
        let limits = HTTPParserLimits()
        var parser = HTTPRequestParser(limits: limits)
        var buffer = "GET /".wire
        var fed = buffer.count
        var failedAfter: Int?
        while fed < 1_000_000 {
            let event = buffer.withUnsafeBytes { parser.parse($0) }
            if case .failed(let error) = event.event {
                #expect(error.status.code == 414)
                failedAfter = fed
                break
            }
            #expect(event.consumed == 0)
            buffer += [UInt8](repeating: UInt8(ascii: "a"), count: pieceSize)
            fed += pieceSize
        }
        // Fails as soon as the line has more than maxRequestLineBytes bytes.
        #expect(failedAfter.map { $0 > limits.maxRequestLineBytes && $0 <= limits.maxRequestLineBytes + pieceSize } == true)
    }

    @Test("one byte over each limit fails; bytes are counted exactly")
    func oneOverLimits() {
        let limits = HTTPParserLimits(maxRequestLineBytes: 64, maxHeaderBytes: 100, maxHeaderFields: 3, maxBodyBytes: 5)
        let target = "/" + String(repeating: "a", count: 49)
        let line = "POST \(target) HTTP/1.1\r\n"
        let section = "Host: a\r\nContent-Length: 5\r\nX: \(String(repeating: "b", count: 65))\r\n\r\n"
        func status(_ text: String) -> Int? {
            let whole = ParserHarness.whole(text.wire, limits: limits)
            #expect(ParserHarness.byteByByte(text.wire, limits: limits) == whole)
            return whole.error?.status.code
        }
        #expect(status(line + section + "12345") == nil)
        #expect(status("POST \(target)a HTTP/1.1\r\n" + section + "12345") == 414)
        let bigger = "Host: a\r\nContent-Length: 5\r\nX: \(String(repeating: "b", count: 66))\r\n\r\n"
        #expect(status(line + bigger + "12345") == 431)
        #expect(status(line + "Host: a\r\nContent-Length: 5\r\nX: b\r\nY: c\r\n\r\n12345") == 431)
        #expect(status(line + "Host: a\r\nContent-Length: 6\r\n\r\n123456") == 413)
    }

    @Test("a Content-Length above the route's limit fails with 413 before any body byte")
    func contentLengthAboveRouteLimit() {
        var parser = HTTPRequestParser()
        let head = "POST /json HTTP/1.1\r\nHost: a\r\nContent-Length: 2000000\r\nExpect: 100-continue\r\n\r\n".wire
        let first = head.withUnsafeBytes { parser.parse($0) }
        guard case .head = first.event else { Issue.record("expected .head"); return }
        parser.setBodyLimit(1_048_576)
        let second = [UInt8]().withUnsafeBytes { parser.parse($0) }
        guard case .failed(let error) = second.event else { Issue.record("expected .failed"); return }
        #expect(error.status.code == 413)
        // The same body fits the default 10 MiB limit.
        var lenient = HTTPRequestParser()
        _ = head.withUnsafeBytes { lenient.parse($0) }
        let next = [UInt8]().withUnsafeBytes { lenient.parse($0) }
        guard case .needMore = next.event else { Issue.record("expected .needMore"); return }
    }

    @Test("the body limit: Content-Length and chunked, per request and by default")
    func bodyLimits() {
        let fixed = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world".wire
        #expect(ParserHarness.whole(fixed, bodyLimit: 10).error?.status.code == 413)
        #expect(ParserHarness.whole(fixed, bodyLimit: 11).error == nil)
        #expect(ParserHarness.whole(fixed, limits: HTTPParserLimits(maxBodyBytes: 10)).error?.status.code == 413)

        let chunks = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n".wire
        #expect(ParserHarness.whole(chunks, bodyLimit: 10).error?.status.code == 413)
        #expect(ParserHarness.byteByByte(chunks, bodyLimit: 10).error?.status.code == 413)
        #expect(ParserHarness.whole(chunks, bodyLimit: 11).requests.first?.body == Array("hello world".utf8))
        #expect(ParserHarness.whole(chunks, limits: HTTPParserLimits(maxBodyBytes: 10)).error?.status.code == 413)

        // A single announced chunk over the limit fails before its data arrives.
        var parser = HTTPRequestParser(limits: HTTPParserLimits(maxBodyBytes: 100))
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n".wire
        _ = head.withUnsafeBytes { parser.parse($0) }
        let sizeLine = "65\r\n".wire  // 0x65 = 101
        let result = sizeLine.withUnsafeBytes { parser.parse($0) }
        guard case .failed(let error) = result.event else { Issue.record("expected .failed"); return }
        #expect(error.status.code == 413)
    }

    @Test("the per-request body limit applies to one request only")
    func bodyLimitResets() {
        // Default limit 4; the first request is allowed 5, the second gets the default again.
        var parser = HTTPRequestParser(limits: HTTPParserLimits(maxBodyBytes: 4))
        let request = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello".wire
        var buffer = request + request
        var heads = 0
        var completed = 0
        loop: while true {
            let (consumed, event) = buffer.withUnsafeBytes { parser.parse($0) }
            buffer.removeFirst(consumed)
            switch event {
            case .head:
                heads += 1
                if heads == 1 { parser.setBodyLimit(5) }
            case .complete:
                completed += 1
            case .failed(let error):
                #expect(error.status.code == 413)
                break loop
            case .needMore:
                Issue.record("expected the second request to fail")
                break loop
            }
        }
        #expect(heads == 2)
        #expect(completed == 1)
    }

    @Test("errors carry a reason and map to the documented statuses")
    func errorStatuses() {
        #expect(HTTPParseError.badRequest("x").status == .badRequest)
        #expect(HTTPParseError.uriTooLong("x").status == .uriTooLong)
        #expect(HTTPParseError.headerFieldsTooLarge("x").status == .headerFieldsTooLarge)
        #expect(HTTPParseError.httpVersionNotSupported("x").status == .httpVersionNotSupported)
        #expect(HTTPParseError.contentTooLarge("x").status == .contentTooLarge)
        #expect(HTTPParseError.notImplemented("x").status == .notImplemented)
        #expect(HTTPParseError.badRequest("bare LF").reason == "bare LF")
        #expect(HTTPParseError.badRequest("bare LF").description == "400 Bad Request: bare LF")
    }
}
