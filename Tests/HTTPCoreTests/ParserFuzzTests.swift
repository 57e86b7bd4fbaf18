import Testing
import HTTPCore

/// Deterministic fuzzing: the parser must never trap or hang, must end every input with a
/// definite outcome, and that outcome must not depend on how the bytes were split.
@Suite("Parser: fuzz")
struct ParserFuzzTests {
    static let fragments: [String] = [
        "GET", "POST", "OPTIONS", " ", "  ", "/", "/a?b=c", "*", "http://h/x", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0",
        "http/1.1", "\r\n", "\r", "\n", "\r\n\r\n", "Host: a", "Host:", ":", " :", "Content-Length: ", "0", "5", "-1",
        "99999999999999999999", "Transfer-Encoding: ", "chunked", "gzip", ",", ";", "=", "hello", "0\r\n\r\n",
        "5\r\nhello\r\n", "ff\r\n", "\t", "\u{00}", "\u{7F}", "é", "X-A: b", "Expect: 100-continue",
    ]
    static let specialBytes: [UInt8] = [0x0D, 0x0A, 0x20, 0x09, 0x3A, 0x00, 0x7F, 0x30, 0x66, 0x3B, 0x2C, 0xFF]
    /// Small limits so short inputs also reach the limit checks.
    static let tightLimits = HTTPParserLimits(maxRequestLineBytes: 24, maxHeaderBytes: 48, maxHeaderFields: 3, maxBodyBytes: 8)

    @Test("random byte strings and fragment soups")
    func randomInputs() {
        var rng = SeededGenerator(seed: 0x5EED_0001)
        var failures = 0
        for iteration in 0..<3000 {
            var bytes: [UInt8] = []
            if iteration % 2 == 0 {
                let length = Int.random(in: 0..<160, using: &rng)
                for _ in 0..<length {
                    bytes.append(Bool.random(using: &rng)
                        ? UInt8.random(in: 0...255, using: &rng)
                        : Self.specialBytes[Int.random(in: 0..<Self.specialBytes.count, using: &rng)])
                }
            } else {
                for _ in 0..<Int.random(in: 1...40, using: &rng) {
                    bytes += Self.fragments[Int.random(in: 0..<Self.fragments.count, using: &rng)].wire
                }
            }
            let limits = iteration % 3 == 0 ? Self.tightLimits : HTTPParserLimits()
            if Self.check(bytes, limits: limits, rng: &rng) == nil { failures += 1 }
            if failures >= 3 { break }
        }
    }

    @Test("random mutations of valid requests")
    func mutatedRequests() {
        var rng = SeededGenerator(seed: 0x5EED_0002)
        var failures = 0
        var statuses: [Int: Int] = [:]
        var parsedSome = 0
        for iteration in 0..<3000 {
            var bytes = validCorpus[Int.random(in: 0..<validCorpus.count, using: &rng)].input
            for _ in 0...Int.random(in: 0...3, using: &rng) { Self.mutate(&bytes, rng: &rng) }
            let limits = iteration % 4 == 0 ? Self.tightLimits : HTTPParserLimits()
            guard let outcome = Self.check(bytes, limits: limits, rng: &rng) else {
                failures += 1
                if failures >= 3 { break }
                continue
            }
            if let error = outcome.error { statuses[error.status.code, default: 0] += 1 }
            if !outcome.requests.isEmpty { parsedSome += 1 }
        }
        // The mutations must reach both the happy path and the error paths, or this test
        // would prove little.
        #expect(parsedSome > 300)
        #expect(statuses[400, default: 0] > 300)
        #expect(statuses[413, default: 0] > 0 && statuses[414, default: 0] > 0 && statuses[431, default: 0] > 0)
        #expect(statuses[505, default: 0] > 0 && statuses[501, default: 0] > 0, "\(statuses)")
    }

    @Test("every valid request survives being cut short at any point")
    func truncations() {
        for c in validCorpus {
            for cut in 0..<c.input.count {
                let outcome = ParserHarness.whole(Array(c.input[..<cut]))
                // A prefix of a valid stream is never an error: it is just incomplete.
                #expect(outcome.error == nil, "\(c.name) cut at \(cut)")
                #expect(outcome.requests.count < c.expected.count || cut == c.input.count)
            }
        }
    }

    /// Parses `bytes` whole, in random pieces and (when short) byte by byte; returns false
    /// and records an issue if the outcomes differ.
    @discardableResult
    static func check(_ bytes: [UInt8], limits: HTTPParserLimits, rng: inout SeededGenerator) -> ParseOutcome? {
        let whole = ParserHarness.whole(bytes, limits: limits)
        var outcomes = [ParserHarness.randomPieces(bytes, maxPiece: 9, using: &rng, limits: limits)]
        if bytes.count <= 200 { outcomes.append(ParserHarness.byteByByte(bytes, limits: limits)) }
        // Definite: either an error, or every byte accounted for (complete requests plus an
        // incomplete remainder no larger than the input).
        #expect(whole.error != nil || whole.unconsumed <= bytes.count)
        for outcome in outcomes where outcome != whole {
            Issue.record("split-dependent outcome for \(String(decoding: bytes, as: UTF8.self).debugDescription): \(whole) vs \(outcome)")
            return nil
        }
        return whole
    }

    static func mutate(_ bytes: inout [UInt8], rng: inout SeededGenerator) {
        func randomByte() -> UInt8 {
            Bool.random(using: &rng)
                ? UInt8.random(in: 0...255, using: &rng)
                : specialBytes[Int.random(in: 0..<specialBytes.count, using: &rng)]
        }
        guard !bytes.isEmpty else { bytes.append(randomByte()); return }
        let position = Int.random(in: 0..<bytes.count, using: &rng)
        switch Int.random(in: 0..<7, using: &rng) {
        case 0:
            bytes[position] = randomByte()
        case 1:
            bytes.insert(randomByte(), at: position)
        case 2:
            let end = min(bytes.count, position + Int.random(in: 1...5, using: &rng))
            bytes.removeSubrange(position..<end)
        case 3:
            let end = min(bytes.count, position + Int.random(in: 1...12, using: &rng))
            bytes.insert(contentsOf: bytes[position..<end], at: end)
        case 4:
            bytes.removeSubrange(position...)
        case 5:
            // Change a digit: reaches versions, lengths and chunk sizes.
            if let digit = bytes.indices.filter({ bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }).randomElement(using: &rng) {
                bytes[digit] = UInt8.random(in: 0x30...0x39, using: &rng)
            }
        default:
            let fragment = fragments[Int.random(in: 0..<fragments.count, using: &rng)]
            bytes.insert(contentsOf: fragment.wire, at: position)
        }
    }
}
