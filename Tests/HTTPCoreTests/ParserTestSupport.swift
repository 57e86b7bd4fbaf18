import Testing
import HTTPCore

/// A request reduced to comparable values.
struct ParsedRequest: Equatable, Sendable, CustomStringConvertible {
    var method: String
    var target: String
    var version: String
    var headers: [String]  // "name: value", in order
    var body: [UInt8]

    init(method: String, target: String, version: String = "1.1", headers: [String], body: String = "") {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = Array(body.utf8)
    }

    init(_ request: HTTPRequest) {
        method = request.method.rawValue
        target = request.target
        version = "\(request.version.major).\(request.version.minor)"
        headers = request.headers.map { "\($0.name): \($0.value)" }
        body = request.body
    }

    var description: String {
        "\(method) \(target) HTTP/\(version) \(headers) body=\(String(decoding: body, as: UTF8.self).debugDescription)"
    }
}

/// What a connection would have seen after feeding some pieces: every complete request,
/// the error if any, and how many bytes were left unconsumed in the read buffer.
struct ParseOutcome: Equatable, Sendable {
    var requests: [ParsedRequest] = []
    var heads = 0
    var error: HTTPParseError?
    var unconsumed = 0
}

/// Plays the caller of `HTTPRequestParser`: keeps a read buffer, appends each piece,
/// calls `parse` until `.needMore`, drops consumed bytes. Records an issue (instead of
/// hanging or trapping) if the parser breaks its contract.
enum ParserHarness {
    static func run(
        _ pieces: [ArraySlice<UInt8>],
        limits: HTTPParserLimits = HTTPParserLimits(),
        bodyLimit: Int? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> ParseOutcome {
        var parser = HTTPRequestParser(limits: limits)
        var buffer: [UInt8] = []
        var outcome = ParseOutcome()
        var idleEvents = 0
        feeding: for piece in pieces {
            buffer.append(contentsOf: piece)
            while true {
                let (consumed, event) = buffer.withUnsafeBytes { parser.parse($0) }
                guard consumed >= 0, consumed <= buffer.count else {
                    Issue.record("consumed \(consumed) of \(buffer.count) bytes", sourceLocation: sourceLocation)
                    break feeding
                }
                buffer.removeFirst(consumed)
                // Events that consume nothing may not repeat: .complete of a body-less
                // request is the only one, and it is followed by a head scan.
                var isNeedMore = false
                if case .needMore = event { isNeedMore = true }
                if consumed > 0 {
                    idleEvents = 0
                } else if !isNeedMore {
                    idleEvents += 1
                    if idleEvents > 2 {
                        Issue.record("parser returns events without progress", sourceLocation: sourceLocation)
                        break feeding
                    }
                }
                switch event {
                case .needMore:
                    continue feeding
                case .head:
                    outcome.heads += 1
                    if let bodyLimit { parser.setBodyLimit(bodyLimit) }
                case .complete(let request):
                    outcome.requests.append(ParsedRequest(request))
                case .failed(let error):
                    outcome.error = error
                    // A failed parser must stay failed.
                    let again = buffer.withUnsafeBytes { parser.parse($0) }
                    if case .failed(let repeated) = again.event, repeated == error, again.consumed == 0 {} else {
                        Issue.record("parser did not stay failed", sourceLocation: sourceLocation)
                    }
                    break feeding
                }
            }
        }
        outcome.unconsumed = outcome.error == nil ? buffer.count : 0
        return outcome
    }

    static func whole(_ bytes: [UInt8], limits: HTTPParserLimits = HTTPParserLimits(), bodyLimit: Int? = nil) -> ParseOutcome {
        run([bytes[...]], limits: limits, bodyLimit: bodyLimit)
    }

    static func byteByByte(_ bytes: [UInt8], limits: HTTPParserLimits = HTTPParserLimits(), bodyLimit: Int? = nil) -> ParseOutcome {
        run(bytes.indices.map { bytes[$0...$0] }, limits: limits, bodyLimit: bodyLimit)
    }

    static func split(_ bytes: [UInt8], at cut: Int, limits: HTTPParserLimits = HTTPParserLimits()) -> ParseOutcome {
        run([bytes[..<cut], bytes[cut...]], limits: limits)
    }

    /// Pieces of random sizes (1...maxPiece).
    static func randomPieces<G: RandomNumberGenerator>(
        _ bytes: [UInt8], maxPiece: Int, using rng: inout G, limits: HTTPParserLimits = HTTPParserLimits()
    ) -> ParseOutcome {
        var pieces: [ArraySlice<UInt8>] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + Int.random(in: 1...maxPiece, using: &rng))
            pieces.append(bytes[start..<end])
            start = end
        }
        return run(pieces, limits: limits)
    }
}

/// SplitMix64: a tiny seeded generator so fuzz runs are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension String {
    /// The string's UTF-8 bytes, as they would arrive on the wire.
    var wire: [UInt8] { Array(utf8) }
}
