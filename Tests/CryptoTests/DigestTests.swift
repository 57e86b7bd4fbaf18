import Crypto
import Testing

// SHA-256: FIPS 180-2, Appendix B (B.1 "abc", B.2 the 448-bit message) and the
// well-known digest of the empty message.
@Suite struct SHA256Tests {
    @Test func abc() {
        #expect(Hex.encode(SHA256.hash(utf8("abc")))
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func emptyMessage() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func twoBlockMessage() {
        #expect(SHA256.hex(utf8("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func sizes() {
        #expect(SHA256.hash(repeated(0x61, 1000)).count == 32)
        #expect(DigestAlgorithm.sha1.hash([]).count == 20)
        #expect(DigestAlgorithm.sha512.hash([]).count == 64)
        // FIPS 180-2 B.1 for SHA-1 as well: SHA1("abc").
        #expect(Hex.encode(DigestAlgorithm.sha1.hash(utf8("abc"))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
    }
}

/// One HMAC test case as the RFCs print it.
struct HMACVector: Sendable, CustomTestStringConvertible {
    let name: String
    let key: [UInt8]
    let data: [UInt8]
    let mac: String
    /// RFC 4231 test case 5 gives only the first 128 bits.
    var truncatedTo: Int? = nil
    var testDescription: String { name }
}

// RFC 4231, section 4 (HMAC-SHA-256 column).
let rfc4231: [HMACVector] = [
    HMACVector(name: "4.2 test case 1", key: repeated(0x0b, 20), data: utf8("Hi There"),
               mac: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    HMACVector(name: "4.3 test case 2 (key shorter than the output)", key: utf8("Jefe"),
               data: utf8("what do ya want for nothing?"),
               mac: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    HMACVector(name: "4.4 test case 3", key: repeated(0xaa, 20), data: repeated(0xdd, 50),
               mac: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
    HMACVector(name: "4.5 test case 4", key: Array(1...25), data: repeated(0xcd, 50),
               mac: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
    HMACVector(name: "4.6 test case 5 (truncated to 128 bits)", key: repeated(0x0c, 20),
               data: utf8("Test With Truncation"), mac: "a3b6167473100ee06e0c796c2955552b", truncatedTo: 16),
    HMACVector(name: "4.7 test case 6 (131-byte key)", key: repeated(0xaa, 131),
               data: utf8("Test Using Larger Than Block-Size Key - Hash Key First"),
               mac: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    HMACVector(name: "4.8 test case 7 (131-byte key, long data)", key: repeated(0xaa, 131),
               data: utf8("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."),
               mac: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
]

// RFC 2202, section 3 (HMAC-SHA-1), all seven cases.
let rfc2202: [HMACVector] = [
    HMACVector(name: "test case 1", key: repeated(0x0b, 20), data: utf8("Hi There"),
               mac: "b617318655057264e28bc0b6fb378c8ef146be00"),
    HMACVector(name: "test case 2", key: utf8("Jefe"), data: utf8("what do ya want for nothing?"),
               mac: "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"),
    HMACVector(name: "test case 3", key: repeated(0xaa, 20), data: repeated(0xdd, 50),
               mac: "125d7342b9ac11cd91a39af48aa17b4f63f175d3"),
    HMACVector(name: "test case 4", key: Array(1...25), data: repeated(0xcd, 50),
               mac: "4c9007f4026250c6bc8414f9bf50c86c2d7235da"),
    HMACVector(name: "test case 5", key: repeated(0x0c, 20), data: utf8("Test With Truncation"),
               mac: "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04"),
    HMACVector(name: "test case 6 (80-byte key)", key: repeated(0xaa, 80),
               data: utf8("Test Using Larger Than Block-Size Key - Hash Key First"),
               mac: "aa4ae5e15272d00e95705637ce8a3b55ed402112"),
    HMACVector(name: "test case 7 (80-byte key, long data)", key: repeated(0xaa, 80),
               data: utf8("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
               mac: "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"),
]

@Suite struct HMACTests {
    @Test(arguments: rfc4231) func rfc4231HMACSHA256(_ v: HMACVector) {
        let mac = HMAC.sha256(key: v.key, data: v.data)
        #expect(mac.count == 32)
        #expect(Hex.encode(Array(mac.prefix(v.truncatedTo ?? mac.count))) == v.mac)
    }

    @Test(arguments: rfc2202) func rfc2202HMACSHA1(_ v: HMACVector) {
        #expect(Hex.encode(HMAC.sha1(key: v.key, data: v.data)) == v.mac)
    }

    // RFC 4231 test cases 1 and 2, HMAC-SHA-512 column.
    @Test func rfc4231HMACSHA512() {
        #expect(Hex.encode(HMAC.sha512(key: repeated(0x0b, 20), data: utf8("Hi There")))
            == "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
            + "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854")
        #expect(Hex.encode(HMAC.sha512(key: utf8("Jefe"), data: utf8("what do ya want for nothing?")))
            == "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
            + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737")
    }

    @Test func validation() {
        let key = utf8("Jefe")
        let data = utf8("what do ya want for nothing?")
        let mac = HMAC.sha256(key: key, data: data)
        #expect(HMAC.isValid(mac, for: data, key: key, using: .sha256))
        var flipped = mac
        flipped[31] ^= 0x01
        #expect(!HMAC.isValid(flipped, for: data, key: key, using: .sha256))
        #expect(!HMAC.isValid(Array(mac.prefix(16)), for: data, key: key, using: .sha256))
        #expect(!HMAC.isValid(mac, for: data + [0], key: key, using: .sha256))
    }

    /// A thread keeps its HMAC context for the key it last used: every vector, three times
    /// over on one thread, switching keys, digests and back, still gives the RFCs' values.
    @Test func repeatedAndAlternatingKeysOnOneThread() {
        for _ in 0..<3 {
            for v in rfc4231 {
                let mac = HMAC.sha256(key: v.key, data: v.data)
                #expect(Hex.encode(Array(mac.prefix(v.truncatedTo ?? mac.count))) == v.mac, "\(v.name)")
                #expect(Hex.encode(Array(HMAC.sha256(key: v.key, data: v.data).prefix(v.truncatedTo ?? 32))) == v.mac)
            }
            for v in rfc2202 { #expect(Hex.encode(HMAC.sha1(key: v.key, data: v.data)) == v.mac, "\(v.name)") }
            #expect(Hex.encode(HMAC.sha256(key: [], data: [])) == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
        }
    }

    @Test func emptyKeyAndData() {
        // Empty inputs must work (and differ from each other's neighbours), not crash
        // on a nil base address. Value checked against `openssl mac -digest SHA256 -macopt hexkey: HMAC`.
        #expect(Hex.encode(HMAC.sha256(key: [], data: []))
            == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
        #expect(HMAC.sha256(key: [], data: [0]) != HMAC.sha256(key: [], data: []))
    }
}
