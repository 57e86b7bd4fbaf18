import Crypto
import Testing

@Suite struct TOTPTests {
    /// RFC 6238 Appendix B: the SHA-1 seed is the ASCII of "12345678901234567890".
    static let seed = utf8("12345678901234567890")

    @Test("RFC 6238 Appendix B: SHA-1 vectors, 8 digits")
    func rfc6238SHA1Vectors() {
        let vectors: [(Int64, String)] = [
            (59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
        ]
        for (time, code) in vectors {
            #expect(TOTP.code(secret: Self.seed, at: time, digits: 8) == code, "T=\(time)")
        }
    }

    @Test("RFC 6238 Appendix B: SHA-256 and SHA-512 use longer seeds")
    func rfc6238OtherAlgorithms() {
        let seed32 = utf8("12345678901234567890123456789012")
        let seed64 = utf8("1234567890123456789012345678901234567890123456789012345678901234")
        #expect(TOTP.code(secret: seed32, at: 59, digits: 8, algorithm: .sha256) == "46119246")
        #expect(TOTP.code(secret: seed64, at: 59, digits: 8, algorithm: .sha512) == "90693936")
        #expect(TOTP.code(secret: seed32, at: 20_000_000_000, digits: 8, algorithm: .sha256) == "77737706")
    }

    @Test("RFC 4226 Appendix D: HOTP values of counters 0 to 9, 6 digits")
    func rfc4226Vectors() {
        let expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
        for (counter, code) in expected.enumerated() {
            #expect(TOTP.code(secret: Self.seed, counter: Int64(counter)) == code)
        }
    }

    @Test func stepsAreThirtySecondsAndFloorBeforeTheEpoch() {
        #expect(TOTP.step(at: 0) == 0)
        #expect(TOTP.step(at: 29) == 0)
        #expect(TOTP.step(at: 30) == 1)
        #expect(TOTP.step(at: 1_111_111_109) == 0x23523EC)
        #expect(TOTP.step(at: -1) == -1)
    }

    @Test("a code is accepted one step either side of now, and no further")
    func windowOfOneStep() {
        let now: Int64 = 1_700_000_015
        let step = TOTP.step(at: now)
        for offset in -1...1 {
            let code = TOTP.code(secret: Self.seed, counter: step + Int64(offset))
            #expect(TOTP.matchingStep(code, secret: Self.seed, at: now) == step + Int64(offset))
        }
        for offset in [-2, 2] {
            let code = TOTP.code(secret: Self.seed, counter: step + Int64(offset))
            #expect(TOTP.matchingStep(code, secret: Self.seed, at: now) == nil)
        }
        #expect(TOTP.matchingStep(TOTP.code(secret: Self.seed, counter: step + 2), secret: Self.seed, at: now, window: 2) == step + 2)
    }

    @Test func malformedCodesNeverMatch() {
        let now: Int64 = 1_700_000_000
        let good = TOTP.code(secret: Self.seed, at: now)
        #expect(TOTP.matchingStep(good, secret: Self.seed, at: now) != nil)
        for bad in ["", "12345", "1234567", " " + good.dropFirst(), "abcdef", "١٢٣٤٥٦"] {
            #expect(TOTP.matchingStep(bad, secret: Self.seed, at: now) == nil, "\(bad)")
        }
        #expect(TOTP.matchingStep(good, secret: utf8("another secret"), at: now) == nil)
    }

    @Test func provisioningURIFollowsTheKeyURIFormat() {
        let uri = TOTP.provisioningURI(secret: utf8("12345678901234567890"), issuer: "Employer Agent", account: "ann@example.com")
        #expect(uri == "otpauth://totp/Employer%20Agent:ann%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                + "&issuer=Employer%20Agent&algorithm=SHA1&digits=6&period=30")
    }
}

@Suite struct Base32Tests {
    /// RFC 4648 section 10.
    static let vectors: [(String, String)] = [
        ("", ""), ("f", "MY======"), ("fo", "MZXQ===="), ("foo", "MZXW6==="), ("foob", "MZXW6YQ="),
        ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI======"),
    ]

    @Test func rfc4648Vectors() {
        for (plain, encoded) in Self.vectors {
            #expect(Base32.encode(utf8(plain)) == encoded)
            #expect(Base32.decode(encoded) == utf8(plain))
            let unpadded = String(encoded.filter { $0 != "=" })
            #expect(Base32.encode(utf8(plain), padding: false) == unpadded)
            #expect(Base32.decode(unpadded) == utf8(plain))
        }
    }

    @Test func lowerCaseIsAcceptedBecausePeopleTypeIt() {
        #expect(Base32.decode("mzxw6ytboi") == utf8("foobar"))
    }

    @Test func nonCanonicalTextIsRefused() {
        #expect(Base32.decode("MZ======") == nil)   // stray low bits ("MY======" is canonical)
        #expect(Base32.decode("M") == nil)          // 5 bits cannot make a byte
        #expect(Base32.decode("MZX") == nil)        // 15 bits: never produced by an encoder
        #expect(Base32.decode("MY=====") == nil)    // partial padding
        #expect(Base32.decode("MZXW6YQ=MZXW6YQ=") == nil)
        #expect(Base32.decode("MZXW6YT1") == nil)   // 1 is not in the alphabet
        #expect(Base32.decode("MZXW 6YTB") == nil)
        #expect(Base32.decode("M=======") == nil)   // 7 pad characters never occur
    }

    @Test func roundTripsAllLengths() {
        for length in 0..<45 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(Base32.decode(Base32.encode(bytes)) == bytes)
            #expect(Base32.decode(Base32.encode(bytes, padding: false)) == bytes)
        }
    }
}
