// Body start and Content-Length bodies: the limit check made before any body byte is
// read, then fixed-length reading. Chunked bodies are in HTTPRequestParser+Chunked.swift.

extension HTTPRequestParser {
    mutating func startBody(_ p: UnsafeRawBufferPointer) -> (consumed: Int, event: HTTPParserEvent) {
        guard let head else { return fail(.badRequest("parser state lost")) }
        switch head.framing {
        case .none:
            return finish(consumed: 0)
        case .length(let length):
            if length > bodyLimit { return fail(.contentTooLarge("body larger than \(bodyLimit) bytes")) }
            if length == 0 { return finish(consumed: 0) }
            body.reserveCapacity(min(length, Self.maxInitialBodyReserve))
            remaining = length
            phase = .fixed
            return readFixed(p)
        case .chunked:
            step = .size
            chunkSize = 0
            chunkDigits = 0
            chunkLineBytes = 0
            phase = .chunked
            return readChunked(p)
        }
    }

    mutating func readFixed(_ p: UnsafeRawBufferPointer) -> (consumed: Int, event: HTTPParserEvent) {
        let take = min(remaining, p.count)
        if take > 0 {
            body.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[0..<take]))
            remaining -= take
        }
        if remaining == 0 { return finish(consumed: take) }
        return (take, .needMore)
    }
}
