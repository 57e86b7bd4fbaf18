import Crypto
import Testing

/// One AES-256-GCM case from "The Galois/Counter Mode of Operation (GCM)",
/// D. McGrew and J. Viega, revised 2005, Appendix B (the test vectors NIST's
/// SP 800-38D validation draws on): test cases 13 to 18 use 256-bit keys.
struct GCMVector: Sendable, CustomTestStringConvertible {
    let name: String
    let key: String
    let iv: String
    let plaintext: String
    let aad: String
    let ciphertext: String
    let tag: String
    var testDescription: String { name }
}

private let keyZero = "00000000000000000000000000000000 00000000000000000000000000000000"
private let keyFeff = "feffe9928665731c6d6a8f9467308308 feffe9928665731c6d6a8f9467308308"
private let plaintext64 = """
    d9313225f88406e5a55909c5aff5269a 86a7a9531534f7da2e4c303d8a318a72
    1c3c0c95956809532fcf0e2449a6b525 b16aedf5aa0de657ba637b391aafd255
    """
private let plaintext60 = """
    d9313225f88406e5a55909c5aff5269a 86a7a9531534f7da2e4c303d8a318a72
    1c3c0c95956809532fcf0e2449a6b525 b16aedf5aa0de657ba637b39
    """
private let aad20 = "feedfacedeadbeeffeedfacedeadbeef abaddad2"

let gcmSpecVectors: [GCMVector] = [
    GCMVector(name: "test case 13 (empty plaintext)", key: keyZero, iv: "000000000000000000000000",
              plaintext: "", aad: "", ciphertext: "", tag: "530f8afbc74536b9a963b4f1c4cb738b"),
    GCMVector(name: "test case 14 (one zero block)", key: keyZero, iv: "000000000000000000000000",
              plaintext: "00000000000000000000000000000000", aad: "",
              ciphertext: "cea7403d4d606b6e074ec5d3baf39d18", tag: "d0d1c8a799996bf0265b98b5d48ab919"),
    GCMVector(name: "test case 15 (four blocks)", key: keyFeff, iv: "cafebabefacedbaddecaf888",
              plaintext: plaintext64, aad: "",
              ciphertext: """
                  522dc1f099567d07f47f37a32a84427d 643a8cdcbfe5c0c97598a2bd2555d1aa
                  8cb08e48590dbb3da7b08b1056828838 c5f61e6393ba7a0abcc9f662898015ad
                  """,
              tag: "b094dac5d93471bdec1a502270e3cc6c"),
    GCMVector(name: "test case 16 (with AAD)", key: keyFeff, iv: "cafebabefacedbaddecaf888",
              plaintext: plaintext60, aad: aad20,
              ciphertext: """
                  522dc1f099567d07f47f37a32a84427d 643a8cdcbfe5c0c97598a2bd2555d1aa
                  8cb08e48590dbb3da7b08b1056828838 c5f61e6393ba7a0abcc9f662
                  """,
              tag: "76fc6ece0f4e1768cddf8853bb2d551b"),
    GCMVector(name: "test case 17 (64-bit IV)", key: keyFeff, iv: "cafebabefacedbad",
              plaintext: plaintext60, aad: aad20,
              ciphertext: """
                  c3762df1ca787d32ae47c13bf19844cb af1ae14d0b976afac52ff7d79bba9de0
                  feb582d33934a4f0954cc2363bc73f78 62ac430e64abe499f47c9b1f
                  """,
              tag: "3a337dbf46a792c45e454913fe2ea8f2"),
    GCMVector(name: "test case 18 (480-bit IV)", key: keyFeff,
              iv: """
                  9313225df88406e555909c5aff5269aa 6a7a9538534f7da1e4c303d2a318a728
                  c3c0c95156809539fcf0e2429a6b5254 16aedbf5a0de6a57a637b39b
                  """,
              plaintext: plaintext60, aad: aad20,
              ciphertext: """
                  5a8def2f0c9e53f1f75d7853659e2a20 eeb2b22aafde6419a058ab4f6f746bf4
                  0fc0c3b780f244452da3ebf1c5d82cde a2418997200ef82e44ae7e3f
                  """,
              tag: "a44a8266ee1c8eb0c8b5d4cf5ae9f19a"),
]

@Suite struct AESGCMTests {
    @Test(arguments: gcmSpecVectors) func sealMatchesSpecification(_ v: GCMVector) throws {
        let sealed = try AESGCM.seal(plaintext: hex(v.plaintext), key: hex(v.key), nonce: hex(v.iv), aad: hex(v.aad))
        #expect(sealed.ciphertext == hex(v.ciphertext))
        #expect(sealed.tag == hex(v.tag))
    }

    @Test(arguments: gcmSpecVectors) func openMatchesSpecification(_ v: GCMVector) throws {
        let opened = try AESGCM.open(ciphertext: hex(v.ciphertext), tag: hex(v.tag), key: hex(v.key),
                                     nonce: hex(v.iv), aad: hex(v.aad))
        #expect(opened == hex(v.plaintext))
    }

    @Test(arguments: gcmSpecVectors) func tamperedVectorsAreRejected(_ v: GCMVector) {
        var tag = hex(v.tag)
        tag[0] ^= 0x80
        #expect(throws: CryptoError.authenticationFailed) {
            try AESGCM.open(ciphertext: hex(v.ciphertext), tag: tag, key: hex(v.key), nonce: hex(v.iv), aad: hex(v.aad))
        }
        // Changing the associated data must fail as well (it is authenticated only).
        #expect(throws: CryptoError.authenticationFailed) {
            try AESGCM.open(ciphertext: hex(v.ciphertext), tag: hex(v.tag), key: hex(v.key), nonce: hex(v.iv),
                            aad: hex(v.aad) + [0])
        }
        var ciphertext = hex(v.ciphertext)
        if !ciphertext.isEmpty {
            ciphertext[ciphertext.count - 1] ^= 0x01
            #expect(throws: CryptoError.authenticationFailed) {
                try AESGCM.open(ciphertext: ciphertext, tag: hex(v.tag), key: hex(v.key), nonce: hex(v.iv), aad: hex(v.aad))
            }
        }
    }

    /// A thread keeps its cipher contexts for the key they last used (only the IV is set
    /// again): every vector, three times over on one thread, with a failed open between,
    /// still seals and opens to the specification's values.
    @Test func repeatedAndAlternatingKeysOnOneThread() throws {
        for _ in 0..<3 {
            for v in gcmSpecVectors {
                let sealed = try AESGCM.seal(plaintext: hex(v.plaintext), key: hex(v.key), nonce: hex(v.iv), aad: hex(v.aad))
                #expect(sealed.ciphertext == hex(v.ciphertext) && sealed.tag == hex(v.tag))
                var tag = hex(v.tag)
                tag[0] ^= 0x80
                #expect(throws: CryptoError.authenticationFailed) {
                    try AESGCM.open(ciphertext: hex(v.ciphertext), tag: tag, key: hex(v.key), nonce: hex(v.iv), aad: hex(v.aad))
                }
                #expect(try AESGCM.open(ciphertext: hex(v.ciphertext), tag: hex(v.tag), key: hex(v.key), nonce: hex(v.iv),
                                        aad: hex(v.aad)) == hex(v.plaintext))
                #expect(try AESGCM.open(ciphertext: hex(v.ciphertext), tag: hex(v.tag), key: hex(v.key), nonce: hex(v.iv),
                                        aad: hex(v.aad)) == hex(v.plaintext))
            }
        }
    }

    @Test func argumentChecks() {
        #expect(throws: CryptoError.invalidKeyLength(expected: 32, actual: 16)) {
            try AESGCM.seal(plaintext: [1], key: repeated(0, 16), nonce: repeated(0, 12))
        }
        #expect(throws: CryptoError.invalidNonceLength(0)) {
            try AESGCM.seal(plaintext: [1], key: repeated(0, 32), nonce: [])
        }
        #expect(throws: CryptoError.authenticationFailed) {
            try AESGCM.open(ciphertext: [1], tag: repeated(0, 8), key: repeated(0, 32), nonce: repeated(0, 12))
        }
    }
}
