// Head scanning: finds the end of the request head in bytes that arrive in pieces,
// enforcing the line, size and field-count limits before anything is decoded.

extension HTTPRequestParser {
    mutating func parseHead(_ buffer: UnsafeRawBufferPointer) -> (consumed: Int, event: HTTPParserEvent) {
        var skip = 0
        if scanned == 0 {
            while skip < buffer.count {
                let b = buffer[skip]
                if b == HTTPSyntax.cr {
                    // A lone CR at the end may still become an empty line; scanning it as
                    // the start of a request line would misread the CRLF that follows.
                    guard skip + 1 < buffer.count else { return (skip, .needMore) }
                    guard buffer[skip + 1] == HTTPSyntax.lf else { return fail(.badRequest("bare CR in request head")) }
                    skip += 2
                    blankBytes += 2
                    if blankBytes > limits.maxRequestLineBytes {
                        return fail(.badRequest("too many empty lines before the request line"))
                    }
                } else if b == HTTPSyntax.lf {
                    return fail(.badRequest("bare LF in request head"))
                } else {
                    break
                }
            }
        }
        let p = UnsafeRawBufferPointer(rebasing: buffer[skip...])
        let count = p.count
        if count < scanned {
            // The caller broke the contract (dropped unconsumed bytes); rescan rather than
            // read stale offsets.
            resetScan()
        }
        var i = scanned
        while i < count {
            let b = p[i]
            if headerStart != 0 && i + 1 - headerStart > limits.maxHeaderBytes {
                return fail(.headerFieldsTooLarge("header section too large"))
            }
            if b == HTTPSyntax.lf {
                guard i > 0, p[i - 1] == HTTPSyntax.cr else { return fail(.badRequest("bare LF in request head")) }
                if headerStart == 0 {
                    headerStart = i + 1
                } else if i - 1 == lineStart {
                    // The empty line: the head is complete.
                    let headEnd = i + 1
                    let requestLineEnd = headerStart - 2
                    let fields = fieldLines
                    resetScan()
                    let parsed: RequestHead
                    do {
                        parsed = try Self.makeHead(
                            UnsafeRawBufferPointer(rebasing: p[0..<headEnd]),
                            requestLineEnd: requestLineEnd, fieldCount: fields)
                    } catch {
                        return fail(error)
                    }
                    head = parsed
                    bodyLimit = limits.maxBodyBytes
                    phase = .bodyStart
                    return (skip + headEnd, .head(parsed))
                } else {
                    fieldLines += 1
                    if fieldLines > limits.maxHeaderFields {
                        return fail(.headerFieldsTooLarge("too many header fields"))
                    }
                }
                lineStart = i + 1
            } else {
                // Any CR must be followed by LF.
                if i > 0 && p[i - 1] == HTTPSyntax.cr { return fail(.badRequest("bare CR in request head")) }
                // The request line has i + 1 bytes so far (a CR may be its terminator).
                if headerStart == 0 && b != HTTPSyntax.cr && i >= limits.maxRequestLineBytes {
                    return fail(.uriTooLong("request line too long"))
                }
            }
            i += 1
        }
        scanned = count
        return (skip, .needMore)
    }
}
