import Testing
@testable import HTTPCore

@Suite struct MultipartFormDataTests {
    static func body(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func splitsNamedParts() throws {
        let raw = "--XyZ\r\nContent-Disposition: form-data; name=\"front_photo\"; filename=\"f.png\"\r\nContent-Type: image/png\r\n\r\n"
            + "\u{1}\u{2}\r\n--XyZ\r\nContent-Disposition: form-data; name=\"back_photo\"\r\n\r\nback\r\n--XyZ--\r\n"
        let form = try #require(MultipartFormData(body: Self.body(raw), boundary: "XyZ"))
        #expect(form.parts.count == 2)
        #expect(form["front_photo"]?.body == [1, 2])
        #expect(form["front_photo"]?.filename == "f.png")
        #expect(form["front_photo"]?.contentType == "image/png")
        #expect(form["back_photo"]?.body == Array("back".utf8))
    }

    @Test func boundaryFromContentType() {
        #expect(MultipartFormData.boundary(fromContentType: "multipart/form-data; boundary=abc") == "abc")
        #expect(MultipartFormData.boundary(fromContentType: "Multipart/Form-Data; charset=x; boundary=\"a b\"") == "a b")
        #expect(MultipartFormData.boundary(fromContentType: "application/json") == nil)
        #expect(MultipartFormData.boundary(fromContentType: "multipart/form-data") == nil)
    }

    @Test func malformedBodiesAreRefusedNotCrashed() {
        let bad = [
            "", "--XyZ", "--XyZ\r\n", "nope--XyZ\r\n\r\n", "--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--",
            "--XyZ\r\nNoColonHere\r\n\r\nx\r\n--XyZ--", "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated",
            "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--XyZ--", "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--XyZ",
        ]
        for text in bad { #expect(MultipartFormData(body: Self.body(text), boundary: "XyZ") == nil, "accepted: \(text.debugDescription)") }
        // Every prefix of a valid body is refused, none crashes.
        let valid = Self.body("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n--XyZ--\r\n")
        for cut in 0..<(valid.count - 3) { #expect(MultipartFormData(body: Array(valid[0..<cut]), boundary: "XyZ") == nil) }
    }
}
