// Request-line parsing (RFC 9112 §3): method, request target and HTTP version.

extension HTTPRequestParser {
    /// method SP request-target SP HTTP-version, single spaces only, from the first
    /// `requestLineEnd` bytes of `p` (the request line without its CRLF).
    static func parseRequestLine(
        _ p: UnsafeRawBufferPointer, end requestLineEnd: Int
    ) throws(HTTPParseError) -> (method: HTTPMethod, target: String, version: HTTPVersion) {
        var i = 0
        while i < requestLineEnd, p[i] != HTTPSyntax.space {
            guard HTTPSyntax.isTchar(p[i]) else { throw .badRequest("invalid character in method") }
            i += 1
        }
        guard i > 0, i < requestLineEnd else { throw .badRequest("malformed request line") }
        let methodRange = 0..<i
        i += 1
        let targetStart = i
        while i < requestLineEnd, p[i] != HTTPSyntax.space {
            // Visible ASCII only: no controls, no whitespace, no raw non-ASCII bytes
            // (clients must percent-encode them).
            guard p[i] > 0x20, p[i] < 0x7F else { throw .badRequest("invalid character in request target") }
            i += 1
        }
        guard i > targetStart, i < requestLineEnd else { throw .badRequest("malformed request line") }
        let targetRange = targetStart..<i
        let version = try parseVersion(p, (i + 1)..<requestLineEnd)
        let method = makeMethod(p, methodRange)
        let target = try makeTarget(p, targetRange, method: method)
        return (method, target, version)
    }

    /// `HTTP/` DIGIT `.` DIGIT; only 1.0 and 1.1 are served.
    static func parseVersion(_ p: UnsafeRawBufferPointer, _ r: Range<Int>) throws(HTTPParseError) -> HTTPVersion {
        let s = r.lowerBound
        guard r.count == 8,
              p[s] == UInt8(ascii: "H"), p[s + 1] == UInt8(ascii: "T"), p[s + 2] == UInt8(ascii: "T"),
              p[s + 3] == UInt8(ascii: "P"), p[s + 4] == UInt8(ascii: "/"),
              HTTPSyntax.isDigit(p[s + 5]), p[s + 6] == UInt8(ascii: "."), HTTPSyntax.isDigit(p[s + 7])
        else { throw .badRequest("malformed HTTP version") }
        let major = Int(p[s + 5] - HTTPSyntax.zero)
        let minor = Int(p[s + 7] - HTTPSyntax.zero)
        guard major == 1, minor <= 1 else { throw .httpVersionNotSupported("HTTP version not supported") }
        return minor == 1 ? .http1_1 : .http1_0
    }

    static func makeMethod(_ p: UnsafeRawBufferPointer, _ r: Range<Int>) -> HTTPMethod {
        HTTPMethod(String(decoding: UnsafeRawBufferPointer(rebasing: p[r]), as: UTF8.self))
    }

    /// Origin-form is kept as sent; `*` only for OPTIONS; absolute-form (`http://` or
    /// `https://`, RFC 9112 §3.2.2) is reduced to its path and query, because this server
    /// is one origin and routes on the path. Authority-form (CONNECT) is refused.
    static func makeTarget(_ p: UnsafeRawBufferPointer, _ r: Range<Int>, method: HTTPMethod) throws(HTTPParseError) -> String {
        let first = p[r.lowerBound]
        if first == HTTPSyntax.slash {
            return String(decoding: UnsafeRawBufferPointer(rebasing: p[r]), as: UTF8.self)
        }
        if r.count == 1 && first == UInt8(ascii: "*") {
            guard method == .OPTIONS else { throw .badRequest("asterisk target outside OPTIONS") }
            return "*"
        }
        let schemeLength: Int
        if r.count > 7, HTTPSyntax.equalsLowercased(p, r.lowerBound..<(r.lowerBound + 7), "http://") {
            schemeLength = 7
        } else if r.count > 8, HTTPSyntax.equalsLowercased(p, r.lowerBound..<(r.lowerBound + 8), "https://") {
            schemeLength = 8
        } else {
            throw .badRequest("unsupported request target form")
        }
        let authorityStart = r.lowerBound + schemeLength
        var k = authorityStart
        while k < r.upperBound, p[k] != HTTPSyntax.slash, p[k] != UInt8(ascii: "?"), p[k] != UInt8(ascii: "#") { k += 1 }
        guard k > authorityStart else { throw .badRequest("absolute-form target without authority") }
        if k == r.upperBound { return "/" }
        let rest = String(decoding: UnsafeRawBufferPointer(rebasing: p[k..<r.upperBound]), as: UTF8.self)
        return p[k] == HTTPSyntax.slash ? rest : "/" + rest
    }
}
