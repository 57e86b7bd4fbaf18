// Chunked body decoding (RFC 9112 §7.1): chunk-size lines, chunk data and the trailer
// section, each bounded by the parser's limits.

extension HTTPRequestParser {
    /// Chunked decoding (RFC 9112 §7.1), byte by byte except for chunk data, so nothing
    /// but the decoded body is buffered.
    mutating func readChunked(_ p: UnsafeRawBufferPointer) -> (consumed: Int, event: HTTPParserEvent) {
        let n = p.count
        var i = 0
        while i < n {
            if step == .data {
                let take = min(remaining, n - i)
                body.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[i..<(i + take)]))
                i += take
                remaining -= take
                if remaining == 0 { step = .dataCR }
                continue
            }
            let b = p[i]
            i += 1
            switch step {
            case .size, .sizeBWS, .ext:
                chunkLineBytes += 1
                if chunkLineBytes > Self.maxChunkLineBytes { return fail(.badRequest("chunk size line too long")) }
                switch step {
                case .size:
                    if let digit = HTTPSyntax.hexValue(b) {
                        chunkDigits += 1
                        guard chunkDigits <= 16, chunkSize <= (Int.max - Int(digit)) / 16 else {
                            return fail(.badRequest("chunk size too large"))
                        }
                        chunkSize = chunkSize * 16 + Int(digit)
                    } else if chunkDigits == 0 {
                        return fail(.badRequest("invalid chunk size"))
                    } else if b == HTTPSyntax.cr {
                        step = .sizeLF
                    } else if b == UInt8(ascii: ";") {
                        step = .ext
                    } else if HTTPSyntax.isOWS(b) {
                        step = .sizeBWS
                    } else {
                        return fail(.badRequest("invalid chunk size"))
                    }
                case .sizeBWS:
                    // BWS may only precede a chunk extension.
                    if b == UInt8(ascii: ";") {
                        step = .ext
                    } else if !HTTPSyntax.isOWS(b) {
                        return fail(.badRequest("invalid chunk size"))
                    }
                default:
                    // Extensions are ignored; only their bytes are checked.
                    if b == HTTPSyntax.cr {
                        step = .sizeLF
                    } else if !HTTPSyntax.isFieldValueByte(b) {
                        return fail(.badRequest("invalid chunk extension"))
                    }
                }
            case .sizeLF:
                guard b == HTTPSyntax.lf else { return fail(.badRequest("bare CR in chunk size line")) }
                if chunkSize == 0 {
                    step = .trailerLineStart
                    trailerBytes = 0
                    trailerFields = 0
                } else {
                    guard chunkSize <= bodyLimit - body.count else {
                        return fail(.contentTooLarge("body larger than \(bodyLimit) bytes"))
                    }
                    remaining = chunkSize
                    step = .data
                }
                chunkSize = 0
                chunkDigits = 0
                chunkLineBytes = 0
            case .dataCR:
                guard b == HTTPSyntax.cr else { return fail(.badRequest("missing CRLF after chunk data")) }
                step = .dataLF
            case .dataLF:
                guard b == HTTPSyntax.lf else { return fail(.badRequest("missing CRLF after chunk data")) }
                step = .size
            case .trailerLineStart, .trailerName, .trailerValue, .trailerLF, .finalLF:
                // Trailer fields are validated like header fields, bounded by the header
                // limits, then dropped: nothing here needs them.
                trailerBytes += 1
                if trailerBytes > limits.maxHeaderBytes { return fail(.headerFieldsTooLarge("trailer section too large")) }
                switch step {
                case .trailerLineStart:
                    if b == HTTPSyntax.cr {
                        step = .finalLF
                    } else if HTTPSyntax.isTchar(b) {
                        step = .trailerName
                    } else if HTTPSyntax.isOWS(b) {
                        return fail(.badRequest("obsolete line folding in trailer"))
                    } else {
                        return fail(.badRequest("invalid trailer field name"))
                    }
                case .trailerName:
                    if b == HTTPSyntax.colon {
                        step = .trailerValue
                    } else if !HTTPSyntax.isTchar(b) {
                        return fail(.badRequest("invalid trailer field name"))
                    }
                case .trailerValue:
                    if b == HTTPSyntax.cr {
                        step = .trailerLF
                    } else if !HTTPSyntax.isFieldValueByte(b) {
                        return fail(.badRequest("invalid character in trailer value"))
                    }
                case .trailerLF:
                    guard b == HTTPSyntax.lf else { return fail(.badRequest("bare CR in trailer")) }
                    trailerFields += 1
                    if trailerFields > limits.maxHeaderFields { return fail(.headerFieldsTooLarge("too many trailer fields")) }
                    step = .trailerLineStart
                default:
                    guard b == HTTPSyntax.lf else { return fail(.badRequest("bare CR after trailer section")) }
                    return finish(consumed: i)
                }
            case .data:
                break  // handled above
            }
        }
        return (n, .needMore)
    }
}
