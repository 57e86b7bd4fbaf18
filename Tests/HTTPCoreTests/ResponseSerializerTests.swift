import Testing
@testable import HTTPCore

@Suite("ResponseSerializer")
struct ResponseSerializerTests {
    static let date = Array("Sun, 06 Nov 1994 08:49:37 GMT".utf8)

    static func serialize(
        _ response: HTTPResponse, isHead: Bool = false, keepAlive: Bool = true,
        version: HTTPVersion = .http1_1
    ) -> String {
        var buffer: [UInt8] = []
        ResponseSerializer.write(response, isHeadRequest: isHead, keepAlive: keepAlive, date: date,
                                 into: &buffer, requestVersion: version)
        return String(decoding: buffer, as: UTF8.self)
    }

    @Test("200 with a body")
    func okWithBody() {
        let response = HTTPResponse(status: .ok, contentType: "application/json", body: Array("{\"ok\":true}".utf8))
        #expect(Self.serialize(response) ==
            "HTTP/1.1 200 OK\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}")
    }

    @Test("HEAD: the Content-Length of the full body, no body")
    func head() {
        let response = HTTPResponse(status: .ok, contentType: "text/plain", body: Array("hello".utf8))
        #expect(Self.serialize(response, isHead: true) ==
            "HTTP/1.1 200 OK\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n")
    }

    @Test("204, 304 and 1xx carry neither Content-Length nor body")
    func bodyless() {
        let body = Array("ignored".utf8)
        #expect(Self.serialize(HTTPResponse(status: .noContent, body: body)) ==
            "HTTP/1.1 204 No Content\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n")
        #expect(Self.serialize(HTTPResponse(status: HTTPStatus(304, "Not Modified"), headers: HTTPHeaders([("ETag", "\"x\"")]), body: body)) ==
            "HTTP/1.1 304 Not Modified\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nETag: \"x\"\r\n\r\n")
        #expect(Self.serialize(HTTPResponse(status: HTTPStatus(103, "Early Hints"))) ==
            "HTTP/1.1 103 Early Hints\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n")
    }

    @Test("an empty 200 still says Content-Length: 0")
    func emptyBody() {
        #expect(Self.serialize(HTTPResponse(status: .ok)) ==
            "HTTP/1.1 200 OK\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Length: 0\r\n\r\n")
    }

    @Test("keep-alive false adds Connection: close; HTTP/1.0 keep-alive is announced")
    func connectionHeader() {
        let response = HTTPResponse(status: .notFound, contentType: "text/plain", body: Array("no".utf8))
        #expect(Self.serialize(response, keepAlive: false) ==
            "HTTP/1.1 404 Not Found\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nno")
        #expect(Self.serialize(response, keepAlive: true, version: .http1_0) ==
            "HTTP/1.1 404 Not Found\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nno")
        #expect(Self.serialize(response, keepAlive: false, version: .http1_0).hasSuffix("Connection: close\r\n\r\nno"))
    }

    @Test("framing headers from the handler are replaced by computed ones")
    func framingHeadersSkipped() {
        let headers = HTTPHeaders([("Content-Length", "999"), ("connection", "keep-alive"), ("DATE", "yesterday"),
                                   ("Transfer-Encoding", "chunked"), ("X-Kept", "yes")])
        #expect(Self.serialize(HTTPResponse(status: .ok, headers: headers, body: Array("abc".utf8)), keepAlive: false) ==
            "HTTP/1.1 200 OK\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nX-Kept: yes\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc")
    }

    @Test("CR, LF or a control byte in a header is never written raw")
    func responseSplitting() {
        let headers = HTTPHeaders([
            ("X-Evil", "a\r\nSet-Cookie: stolen=1"),
            ("X-Lf", "a\nb"),
            ("X-Nul", "a\u{0}b"),
            ("X-Bad\r\nName", "v"),
            ("X Space", "v"),
            ("", "v"),
            ("X-Tab", "a\tb"),
            ("X-Ok", "fine"),
        ])
        let text = Self.serialize(HTTPResponse(status: .ok, headers: headers))
        #expect(text ==
            "HTTP/1.1 200 OK\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nX-Tab: a\tb\r\nX-Ok: fine\r\nContent-Length: 0\r\n\r\n")
        #expect(!text.contains("Set-Cookie"))
    }

    @Test("a reason phrase with CR/LF is sanitized; a code outside 100...999 becomes 500")
    func statusLine() {
        #expect(Self.serialize(HTTPResponse(status: HTTPStatus(299, "We\r\nird"))).hasPrefix("HTTP/1.1 299 Weird\r\nDate: "))
        #expect(Self.serialize(HTTPResponse(status: HTTPStatus(42, "Nope"))).hasPrefix("HTTP/1.1 500 Internal Server Error\r\n"))
        #expect(Self.serialize(HTTPResponse(status: HTTPStatus(1000, "Nope"))).hasPrefix("HTTP/1.1 500 Internal Server Error\r\n"))
    }

    @Test("appends to the buffer without clearing it")
    func appends() {
        var buffer = Array("previous".utf8)
        ResponseSerializer.write(HTTPResponse(status: .accepted), isHeadRequest: false, keepAlive: true, date: Self.date, into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) ==
            "previousHTTP/1.1 202 Accepted\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Length: 0\r\n\r\n")
    }

    @Test("decimal digits without String formatting", arguments: [0, 7, 10, 99, 100, 1_048_576, 1_234_567_890, Int.max])
    func decimal(_ value: Int) {
        var buffer: [UInt8] = []
        ResponseSerializer.appendDecimal(value, to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == String(value))
    }

    @Test("the 100 Continue interim response")
    func continueBytes() {
        #expect(String(decoding: ResponseSerializer.continueBytes, as: UTF8.self) == "HTTP/1.1 100 Continue\r\n\r\n")
    }

    @Test("a large body: exact Content-Length digits and the whole body")
    func largeBody() {
        let body = [UInt8](repeating: 0x61, count: 123_456)
        var buffer: [UInt8] = []
        ResponseSerializer.write(HTTPResponse(status: .ok, body: body), isHeadRequest: false, keepAlive: true, date: Self.date, into: &buffer)
        let head = "HTTP/1.1 200 OK\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Length: 123456\r\n\r\n"
        #expect(Array(buffer.prefix(head.utf8.count)) == Array(head.utf8))
        #expect(buffer.count == head.utf8.count + body.count)
    }
}
