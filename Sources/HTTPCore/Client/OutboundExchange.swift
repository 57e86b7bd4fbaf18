import CSystem

/// A whole answer: status, header fields and body (de-chunked).
public struct OutboundAnswer: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders, body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

extension OutboundHTTPClient {
    /// Sends `request` and reads the whole answer, body included (at most `maxBodyBytes`),
    /// within `timeoutSeconds` from the start of the connect. Unlike `send`, every
    /// address is admitted (the caller chose the host itself, from configuration).
    public func exchange(_ request: OutboundRequest, timeoutSeconds: Double, maxBodyBytes: Int = 16 << 20) throws(OutboundError) -> OutboundAnswer {
        let deadline = csys_monotonic_ms() + Int64(timeoutSeconds * 1000)
        let addresses = try Self.resolve(request.url.host)
        return try onFirstConnection(request, addresses: addresses, deadline: deadline) { channel throws(OutboundError) in
            try Self.readAnswer(&channel, maxBodyBytes: maxBodyBytes).answer
        }
    }

    /// The head, then the body by `Content-Length`, by chunks, or up to the close.
    /// `reusable`: the body had a length (or chunks) and the peer did not ask to close, so
    /// the connection may carry another request.
    static func readAnswer(_ channel: inout OutboundChannel, maxBodyBytes: Int) throws(OutboundError) -> (answer: OutboundAnswer, reusable: Bool) {
        var buffer: [UInt8] = []
        while true {
            if let end = headEnd(buffer) {
                let lines = String(decoding: buffer[0..<(end - 4)], as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)
                let parts = (lines.first ?? "").split(separator: " ", maxSplits: 2)
                guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3, let status = Int(parts[1]) else {
                    throw .malformedResponse
                }
                buffer.removeFirst(end)
                if (100...199).contains(status) { continue }
                var headers = HTTPHeaders()
                for line in lines.dropFirst() {
                    guard let colon = line.firstIndex(of: ":") else { throw .malformedResponse }
                    headers.add(String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingSpaces)
                }
                let body = try readBody(&channel, headers: headers, already: buffer, maxBodyBytes: maxBodyBytes)
                let framed = headers.hasToken("chunked", in: "Transfer-Encoding") || headers["Content-Length"] != nil
                let reusable = framed && parts[0] == "HTTP/1.1" && !headers.hasToken("close", in: "Connection")
                return (OutboundAnswer(status: status, headers: headers, body: body), reusable)
            }
            guard buffer.count < maxHeadBytes else { throw .malformedResponse }
            let chunk = try channel.read(max: 16 * 1024)
            if chunk.isEmpty { throw buffer.isEmpty ? .io("closed before answering") : .malformedResponse }
            buffer += chunk
        }
    }

    private static func readBody(_ channel: inout OutboundChannel, headers: HTTPHeaders, already: [UInt8],
                                 maxBodyBytes: Int) throws(OutboundError) -> [UInt8] {
        var data = already
        func more() throws(OutboundError) -> Bool {
            guard data.count <= maxBodyBytes + 64 * 1024 else { throw .malformedResponse }
            let chunk = try channel.read(max: 64 * 1024)
            data += chunk
            return !chunk.isEmpty
        }
        if headers.hasToken("chunked", in: "Transfer-Encoding") {
            var body: [UInt8] = []
            var offset = 0
            while true {
                // One chunk-size line, then that many bytes and CRLF; size 0 ends the body.
                while Self.lineEnd(data, from: offset) == nil { guard try more() else { throw .malformedResponse } }
                guard let end = Self.lineEnd(data, from: offset) else { throw .malformedResponse }
                let sizeText = String(decoding: data[offset..<end], as: UTF8.self).split(separator: ";").first ?? ""
                guard let size = Int(sizeText.trimmingSpaces, radix: 16), size >= 0 else { throw .malformedResponse }
                offset = end + 2
                if size == 0 { return body }
                guard body.count + size <= maxBodyBytes else { throw .malformedResponse }
                while data.count < offset + size + 2 { guard try more() else { throw .malformedResponse } }
                body += data[offset..<(offset + size)]
                offset += size + 2
            }
        }
        if let lengthText = headers["Content-Length"] {
            guard let length = Int(lengthText), length >= 0, length <= maxBodyBytes else { throw .malformedResponse }
            while data.count < length { guard try more() else { throw .malformedResponse } }
            return Array(data.prefix(length))
        }
        // No length: the body ends when the server closes (we always send Connection: close).
        while try more() {}
        guard data.count <= maxBodyBytes else { throw .malformedResponse }
        return data
    }

    private static func lineEnd(_ data: [UInt8], from offset: Int) -> Int? {
        guard data.count >= offset + 2 else { return nil }
        for i in offset..<(data.count - 1) where data[i] == 13 && data[i + 1] == 10 { return i }
        return nil
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
