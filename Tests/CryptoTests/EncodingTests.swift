import Crypto
import Testing

// RFC 4648, section 10 test vectors.
let rfc4648Base64: [(String, String)] = [
    ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"),
    ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
]

@Suite struct EncodingTests {
    @Test func base64RFC4648() {
        for (plain, encoded) in rfc4648Base64 {
            #expect(Base64.encode(utf8(plain)) == encoded)
            #expect(Base64.decode(encoded) == utf8(plain))
            let unpadded = String(encoded.filter { $0 != "=" })
            #expect(Base64.encode(utf8(plain), padding: false) == unpadded)
            #expect(Base64.decode(unpadded) == utf8(plain))
        }
    }

    @Test func base64URLAlphabet() {
        let bytes: [UInt8] = [0xfb, 0xff, 0xbf]
        #expect(Base64.encode(bytes) == "+/+/")
        #expect(Base64.encode(bytes, alphabet: .url) == "-_-_")
        #expect(Base64.decode("-_-_", alphabet: .url) == bytes)
        #expect(Base64.decode("-_-_") == nil)
        #expect(Base64.decode("+/+/", alphabet: .url) == nil)
    }

    @Test func base64RejectsNonCanonicalText() {
        #expect(Base64.decode("Zh==") == nil)   // stray low bits ("Zg==" is canonical)
        #expect(Base64.decode("Z") == nil)       // 6 bits cannot make a byte
        #expect(Base64.decode("Zg=") == nil)     // partial padding
        #expect(Base64.decode("Zm9v====") == nil)
        #expect(Base64.decode("Zm 9v") == nil)
        #expect(Base64.decode("Zm9v\n") == nil)
    }

    @Test func base64RoundTripsAllLengths() {
        for length in 0..<70 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
            #expect(Base64.decode(Base64.encode(bytes, alphabet: .url, padding: false), alphabet: .url) == bytes)
        }
    }

    @Test func hexCodec() {
        #expect(Hex.encode([0x00, 0x01, 0xab, 0xff]) == "0001abff")
        #expect(Hex.decode("0001ABff") == [0x00, 0x01, 0xab, 0xff])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.decode("") == [])
    }
}

@Suite struct RandomAndConstantTimeTests {
    @Test func randomBytes() throws {
        #expect(SecureRandom.bytes(0) == [])
        let a = SecureRandom.bytes(32)
        let b = SecureRandom.bytes(32)
        #expect(a.count == 32)
        #expect(a != b)
        // 4096 random bytes all equal to one value would mean a broken generator.
        #expect(Set(SecureRandom.bytes(4096)).count > 200)
        #expect(try SecureRandom.checkedBytes(17).count == 17)
    }

    @Test func tokens() {
        let token = SecureRandom.token()
        #expect(token.count == 43)  // 32 bytes, unpadded base64url
        #expect(Base64.decode(token, alphabet: .url)?.count == 32)
        #expect(token != SecureRandom.token())
    }

    @Test func constantTimeEquality() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([0, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(ConstantTime.equals([], []))
        #expect(!ConstantTime.equals([], [0]))
        #expect(ConstantTime.equals("token", "token"))
        #expect(!ConstantTime.equals("token", "tokem"))
    }

    @Test func libraryReportsVersionAndPassesSelfTest() throws {
        #expect(CryptoLibrary.version.hasPrefix("OpenSSL 3"))
        try CryptoLibrary.selfTest()
    }
}
