import Crypto
import Testing

/// A PBKDF2 case as RFC 6070 (HMAC-SHA-1) or RFC 7914 section 11 (HMAC-SHA-256) print it.
struct PBKDF2Vector: Sendable, CustomTestStringConvertible {
    let password: [UInt8]
    let salt: [UInt8]
    let iterations: Int
    let digest: DigestAlgorithm
    let expected: String
    var testDescription: String { "\(digest) c=\(iterations) dkLen=\(expected.count / 2)" }
}

let pbkdf2Vectors: [PBKDF2Vector] = [
    // RFC 6070, section 2. The c=16777216 case is left out: it takes many seconds.
    PBKDF2Vector(password: utf8("password"), salt: utf8("salt"), iterations: 1, digest: .sha1,
                 expected: "0c60c80f961f0e71f3a9b524af6012062fe037a6"),
    PBKDF2Vector(password: utf8("password"), salt: utf8("salt"), iterations: 2, digest: .sha1,
                 expected: "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"),
    PBKDF2Vector(password: utf8("password"), salt: utf8("salt"), iterations: 4096, digest: .sha1,
                 expected: "4b007901b765489abead49d926f721d065a429c1"),
    PBKDF2Vector(password: utf8("passwordPASSWORDpassword"), salt: utf8("saltSALTsaltSALTsaltSALTsaltSALTsalt"),
                 iterations: 4096, digest: .sha1, expected: "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038"),
    PBKDF2Vector(password: utf8("pass\u{0}word"), salt: utf8("sa\u{0}lt"), iterations: 4096, digest: .sha1,
                 expected: "56fa6aa75548099dcc37d7f03425e0c3"),
    // RFC 7914, section 11 (PBKDF2-HMAC-SHA256), first case.
    PBKDF2Vector(password: utf8("passwd"), salt: utf8("salt"), iterations: 1, digest: .sha256,
                 expected: "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                     + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"),
]

/// An scrypt case from RFC 7914, section 12.
struct ScryptVector: Sendable, CustomTestStringConvertible {
    let password: String
    let salt: String
    let n: Int
    let r: Int
    let p: Int
    let expected: String
    var testDescription: String { "N=\(n) r=\(r) p=\(p)" }
}

// The fourth case (N=1048576, 1 GiB) is left out: too slow and large for a unit test.
let scryptVectors: [ScryptVector] = [
    ScryptVector(password: "", salt: "", n: 16, r: 1, p: 1, expected: """
        77 d6 57 62 38 65 7b 20 3b 19 ca 42 c1 8a 04 97 f1 6b 48 44 e3 07 4a e8 df df fa 3f ed e2 14 42
        fc d0 06 9d ed 09 48 f8 32 6a 75 3a 0f c8 1f 17 e8 d3 e0 fb 2e 0d 36 28 cf 35 e2 0c 38 d1 89 06
        """),
    ScryptVector(password: "password", salt: "NaCl", n: 1024, r: 8, p: 16, expected: """
        fd ba be 1c 9d 34 72 00 78 56 e7 19 0d 01 e9 fe 7c 6a d7 cb c8 23 78 30 e7 73 76 63 4b 37 31 62
        2e af 30 d9 2e 22 a3 88 6f f1 09 27 9d 98 30 da c7 27 af b9 4a 83 ee 6d 83 60 cb df a2 cc 06 40
        """),
    ScryptVector(password: "pleaseletmein", salt: "SodiumChloride", n: 16384, r: 8, p: 1, expected: """
        70 23 bd cb 3a fd 73 48 46 1c 06 cd 81 fd 38 eb fd a8 fb ba 90 4f 8e 3e a9 b5 43 f6 54 5d a1 f2
        d5 43 29 55 61 3f 0f cf 62 d4 97 05 24 2a 9a f9 e6 1e 85 dc 0d 65 1e 40 df cf 01 7b 45 57 58 87
        """),
]

@Suite struct KeyDerivationTests {
    @Test(arguments: pbkdf2Vectors) func pbkdf2(_ v: PBKDF2Vector) throws {
        let expected = hex(v.expected)
        let derived = try PBKDF2.derive(password: v.password, salt: v.salt, iterations: v.iterations,
                                        length: expected.count, digest: v.digest)
        #expect(derived == expected)
    }

    @Test(arguments: scryptVectors) func scrypt(_ v: ScryptVector) throws {
        let expected = hex(v.expected)
        let derived = try Scrypt.derive(password: utf8(v.password), salt: utf8(v.salt), n: v.n, r: v.r, p: v.p,
                                        length: expected.count)
        #expect(derived == expected)
    }

    @Test func scryptRejectsBadParameters() {
        #expect(throws: CryptoError.self) { try Scrypt.derive(password: [], salt: [], n: 1000, r: 8, p: 1, length: 32) }
        #expect(throws: CryptoError.self) { try Scrypt.derive(password: [], salt: [], n: 1, r: 8, p: 1, length: 32) }
        #expect(throws: CryptoError.self) { try Scrypt.derive(password: [], salt: [], n: 16, r: 0, p: 1, length: 32) }
        #expect(throws: CryptoError.self) { try Scrypt.derive(password: [], salt: [], n: 16, r: 1, p: 1, length: 0) }
        // 2^20 * 8 * 128 bytes = 1 GiB + a bit: over a 64 MiB ceiling.
        #expect(throws: CryptoError.self) {
            try Scrypt.derive(password: [], salt: [], n: 1 << 20, r: 8, p: 1, length: 32, maximumMemory: 64 << 20)
        }
        #expect(Scrypt.memoryRequired(n: 16384, r: 8, p: 1) == 128 * 8 * (16384 + 3))
        #expect(Scrypt.memoryRequired(n: Int.max, r: 8, p: 1) == nil)
    }

    @Test func pbkdf2RejectsBadParameters() {
        #expect(throws: CryptoError.self) { try PBKDF2.derive(password: [], salt: [], iterations: 0, length: 32) }
        #expect(throws: CryptoError.self) { try PBKDF2.derive(password: [], salt: [], iterations: 1, length: 0) }
    }
}
