// Header-field parsing and the framing decisions made from the fields: Content-Length,
// Transfer-Encoding and Host (RFC 9112 §3.2, §6.3).

extension HTTPRequestParser {
    /// Builds the head from complete head bytes (request line, fields, final CRLF), in
    /// which every CR is known to be followed by LF and vice versa.
    static func makeHead(
        _ p: UnsafeRawBufferPointer, requestLineEnd: Int, fieldCount: Int
    ) throws(HTTPParseError) -> RequestHead {
        let (method, target, version) = try parseRequestLine(p, end: requestLineEnd)

        // Field lines.
        var fields: [(name: String, value: String)] = []
        fields.reserveCapacity(fieldCount)
        var contentLength: Int?
        var sawTransferEncoding = false
        var codings = TransferCodings()
        var hostCount = 0
        let fieldsEnd = p.count - 2  // start of the final empty line
        var line = requestLineEnd + 2
        while line < fieldsEnd {
            var cr = line
            while cr < fieldsEnd, p[cr] != HTTPSyntax.cr { cr += 1 }
            let first = p[line]
            if first == HTTPSyntax.space || first == HTTPSyntax.tab { throw .badRequest("obsolete line folding in header") }
            var colon = line
            while colon < cr, p[colon] != HTTPSyntax.colon {
                // Also rejects whitespace before the colon (RFC 9112 §5.1).
                guard HTTPSyntax.isTchar(p[colon]) else { throw .badRequest("invalid header field name") }
                colon += 1
            }
            guard colon < cr else { throw .badRequest("header field without colon") }
            guard colon > line else { throw .badRequest("empty header field name") }
            var valueStart = colon + 1
            var valueEnd = cr
            while valueStart < valueEnd, HTTPSyntax.isOWS(p[valueStart]) { valueStart += 1 }
            while valueEnd > valueStart, HTTPSyntax.isOWS(p[valueEnd - 1]) { valueEnd -= 1 }
            for k in valueStart..<valueEnd {
                let b = p[k]
                if !HTTPSyntax.isFieldValueByte(b) {
                    throw .badRequest("invalid character in header value")
                }
            }
            let nameRange = line..<colon
            let valueRange = valueStart..<valueEnd
            if HTTPSyntax.equalsLowercased(p, nameRange, "content-length") {
                let value = try parseContentLength(p, valueRange)
                if let previous = contentLength, previous != value {
                    throw .badRequest("conflicting Content-Length values")
                }
                contentLength = value
            } else if HTTPSyntax.equalsLowercased(p, nameRange, "transfer-encoding") {
                sawTransferEncoding = true
                codings.add(p, valueRange)
            } else if HTTPSyntax.equalsLowercased(p, nameRange, "host") {
                hostCount += 1
                guard isValidHost(p, valueRange) else { throw .badRequest("invalid Host header") }
            }
            fields.append((
                name: String(decoding: UnsafeRawBufferPointer(rebasing: p[nameRange]), as: UTF8.self),
                // Non-ASCII (obs-text) bytes are decoded as UTF-8; invalid sequences
                // become U+FFFD rather than failing the request.
                value: String(decoding: UnsafeRawBufferPointer(rebasing: p[valueRange]), as: UTF8.self)
            ))
            line = cr + 2
        }

        // RFC 9112 §3.2: exactly one Host in HTTP/1.1, never more than one.
        if hostCount > 1 { throw .badRequest("more than one Host header") }
        if hostCount == 0 && version == .http1_1 { throw .badRequest("missing Host header") }

        // RFC 9112 §6.3 framing.
        let framing: BodyFraming
        if sawTransferEncoding {
            if contentLength != nil { throw .badRequest("both Content-Length and Transfer-Encoding") }
            if version == .http1_0 { throw .badRequest("Transfer-Encoding in an HTTP/1.0 request") }
            if codings.count == 0 { throw .badRequest("empty Transfer-Encoding") }
            if codings.chunkedCount > 0 && !codings.lastIsChunked {
                throw .badRequest("chunked is not the final transfer coding")
            }
            if codings.chunkedCount > 1 { throw .badRequest("chunked applied more than once") }
            if codings.hasOther { throw .notImplemented("unsupported transfer coding") }
            framing = .chunked
        } else if let contentLength {
            framing = .length(contentLength)
        } else {
            framing = .none
        }
        return RequestHead(method: method, target: target, version: version,
                           headers: HTTPHeaders(fields), framing: framing)
    }

    /// `1*DIGIT`, or a comma list of identical ones (RFC 9110 §8.6). A valid number too
    /// large for `Int` can never fit any body limit → 413.
    static func parseContentLength(_ p: UnsafeRawBufferPointer, _ r: Range<Int>) throws(HTTPParseError) -> Int {
        var result: Int?
        var start = r.lowerBound
        while true {
            var end = start
            while end < r.upperBound, p[end] != UInt8(ascii: ",") { end += 1 }
            var a = start
            var b = end
            while a < b, HTTPSyntax.isOWS(p[a]) { a += 1 }
            while b > a, HTTPSyntax.isOWS(p[b - 1]) { b -= 1 }
            guard a < b else { throw .badRequest("invalid Content-Length") }
            var value = 0
            var overflow = false
            for k in a..<b {
                guard HTTPSyntax.isDigit(p[k]) else { throw .badRequest("invalid Content-Length") }
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(Int(p[k] - HTTPSyntax.zero))
                if o1 || o2 { overflow = true }
                value = sum
            }
            if overflow { throw .contentTooLarge("Content-Length too large") }
            if let result, result != value { throw .badRequest("conflicting Content-Length values") }
            result = value
            if end == r.upperBound { break }
            start = end + 1
        }
        return result ?? 0
    }

    /// Host = uri-host [ ":" port ]: reg-name, IP literal or IPv4 characters only. Empty
    /// is allowed (RFC 9110 §7.2).
    static func isValidHost(_ p: UnsafeRawBufferPointer, _ r: Range<Int>) -> Bool {
        for k in r {
            let b = p[k]
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"):
                continue
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"),
                 UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"),
                 UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"),
                 UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "%"),
                 UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"):
                continue
            default:
                return false
            }
        }
        return true
    }

    /// The transfer codings listed by every Transfer-Encoding field, in order.
    struct TransferCodings {
        var count = 0
        var chunkedCount = 0
        var lastIsChunked = false
        var hasOther = false

        mutating func add(_ p: UnsafeRawBufferPointer, _ r: Range<Int>) {
            var start = r.lowerBound
            while start <= r.upperBound {
                var end = start
                while end < r.upperBound, p[end] != UInt8(ascii: ",") { end += 1 }
                var a = start
                var b = end
                while a < b, HTTPSyntax.isOWS(p[a]) { a += 1 }
                while b > a, HTTPSyntax.isOWS(p[b - 1]) { b -= 1 }
                // Empty list elements are ignored (RFC 9110 §5.6.1).
                if a < b {
                    count += 1
                    if HTTPSyntax.equalsLowercased(p, a..<b, "chunked") {
                        chunkedCount += 1
                        lastIsChunked = true
                    } else {
                        hasOther = true
                        lastIsChunked = false
                    }
                }
                start = end + 1
            }
        }
    }
}
