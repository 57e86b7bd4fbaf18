/// Writes a response as HTTP/1.1 bytes, head and body in one buffer so the connection
/// can send it with one write (ARCHITECTURE.md "One write per response").
///
/// The serializer owns the framing headers: it always computes `Date`, `Content-Length`
/// and `Connection` and ignores those (and `Transfer-Encoding`, since the body is always
/// sent with a length) from the handler. A handler field whose name is not a token, or
/// whose value holds CR, LF or another control byte except HTAB, is dropped rather than
/// written: writing it raw would let request data split the response.
public enum ResponseSerializer {
    /// `HTTP/1.1 100 Continue` with its blank line, for `Expect: 100-continue`.
    public static let continueBytes: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Appends `response` to `buffer`.
    /// - Parameters:
    ///   - isHeadRequest: the request was HEAD: send the Content-Length of the full body but no body.
    ///   - keepAlive: false adds `Connection: close`.
    ///   - date: the IMF-fixdate bytes (from `HTTPDateCache`).
    ///   - requestVersion: an HTTP/1.0 client only keeps the connection open when the
    ///     response says `Connection: keep-alive`, so it is added for 1.0 when `keepAlive`.
    public static func write(
        _ response: HTTPResponse,
        isHeadRequest: Bool,
        keepAlive: Bool,
        date: [UInt8],
        into buffer: inout [UInt8],
        requestVersion: HTTPVersion = .http1_1
    ) {
        // A code outside 100...999 cannot be written as the 3-digit status-code; that is
        // a handler bug, reported to the client as a 500 rather than as garbage.
        let status = (100...999).contains(response.status.code) ? response.status : .internalServerError
        let code = status.code
        // RFC 9110 §6.4.1, §15.3.5, §15.4.5: these never carry content.
        let bodyless = code < 200 || code == 204 || code == 304
        let sendsBody = !bodyless && !isHeadRequest

        let needed = buffer.count + 128 + date.count + estimateHeaderBytes(response.headers)
            + (sendsBody ? response.body.count : 0)
        // Grow geometrically: reserving the exact size each time would reallocate once per
        // response when pipelined responses accumulate in one output buffer.
        if buffer.capacity < needed { buffer.reserveCapacity(max(needed, buffer.capacity * 2)) }

        append("HTTP/1.1 ", to: &buffer)
        buffer.append(UInt8(truncatingIfNeeded: 0x30 + code / 100))
        buffer.append(UInt8(truncatingIfNeeded: 0x30 + (code / 10) % 10))
        buffer.append(UInt8(truncatingIfNeeded: 0x30 + code % 10))
        buffer.append(HTTPSyntax.space)
        // reason-phrase = *( HTAB / SP / VCHAR / obs-text ); anything else is left out.
        for b in status.reason.utf8 where HTTPSyntax.isFieldValueByte(b) { buffer.append(b) }
        appendCRLF(to: &buffer)

        append("Date: ", to: &buffer)
        buffer.append(contentsOf: date)
        appendCRLF(to: &buffer)

        for field in response.headers {
            if field.name.equalsIgnoringASCIICase("Content-Length") || field.name.equalsIgnoringASCIICase("Connection")
                || field.name.equalsIgnoringASCIICase("Date") || field.name.equalsIgnoringASCIICase("Transfer-Encoding") {
                continue
            }
            guard isSafeName(field.name), isSafeValue(field.value) else { continue }
            buffer.append(contentsOf: field.name.utf8)
            buffer.append(HTTPSyntax.colon)
            buffer.append(HTTPSyntax.space)
            buffer.append(contentsOf: field.value.utf8)
            appendCRLF(to: &buffer)
        }

        if !bodyless {
            append("Content-Length: ", to: &buffer)
            appendDecimal(response.body.count, to: &buffer)
            appendCRLF(to: &buffer)
        }
        if !keepAlive {
            append("Connection: close\r\n", to: &buffer)
        } else if requestVersion == .http1_0 {
            append("Connection: keep-alive\r\n", to: &buffer)
        }
        appendCRLF(to: &buffer)
        if sendsBody { buffer.append(contentsOf: response.body) }
    }

    /// Appends the decimal digits of a non-negative `value` without going through String.
    static func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
        let v = max(0, value)
        var divisor = 1
        while divisor <= v / 10 { divisor *= 10 }  // never overflows: divisor * 10 <= v
        while divisor > 0 {
            buffer.append(UInt8(truncatingIfNeeded: 0x30 + (v / divisor) % 10))
            divisor /= 10
        }
    }

    @inline(__always)
    private static func append(_ text: StaticString, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inline(__always)
    private static func appendCRLF(to buffer: inout [UInt8]) {
        buffer.append(HTTPSyntax.cr)
        buffer.append(HTTPSyntax.lf)
    }

    private static func isSafeName(_ name: String) -> Bool {
        var any = false
        for b in name.utf8 {
            guard HTTPSyntax.isTchar(b) else { return false }
            any = true
        }
        return any
    }

    private static func isSafeValue(_ value: String) -> Bool {
        for b in value.utf8 where !HTTPSyntax.isFieldValueByte(b) { return false }
        return true
    }

    private static func estimateHeaderBytes(_ headers: HTTPHeaders) -> Int {
        var total = 0
        for field in headers { total += field.name.utf8.count + field.value.utf8.count + 4 }
        return total
    }
}
