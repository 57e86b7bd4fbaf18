import Crypto
import Testing

@Suite struct PasswordHasherTests {
    // Low cost keeps the suite fast; the format and checks are the same at any cost.
    let hasher: PasswordHasher

    init() throws {
        hasher = try PasswordHasher(logN: 4, r: 8, p: 1)
    }

    @Test func verifiesTheRightPasswordOnly() throws {
        let stored = try hasher.hash("correct horse battery staple")
        #expect(hasher.verify("correct horse battery staple", against: stored))
        #expect(!hasher.verify("correct horse battery stapl", against: stored))
        #expect(!hasher.verify("Correct horse battery staple", against: stored))
        #expect(!hasher.verify("", against: stored))
    }

    @Test func formatIsSelfDescribing() throws {
        let stored = try hasher.hash("pw")
        #expect(stored.hasPrefix("$scrypt$ln=4,r=8,p=1$"))
        let fields = stored.split(separator: "$", omittingEmptySubsequences: false)
        #expect(fields.count == 5)
        #expect(Base64.decode(String(fields[3]))?.count == 16)
        #expect(Base64.decode(String(fields[4]))?.count == 32)
        // Unpadded base64 (PHC string format).
        #expect(!fields[3].contains("=") && !fields[4].contains("="))
    }

    @Test func saltMakesEachHashDifferent() throws {
        let a = try hasher.hash("same password")
        let b = try hasher.hash("same password")
        #expect(a != b)
        #expect(hasher.verify("same password", against: a))
        #expect(hasher.verify("same password", against: b))
    }

    @Test func costIsReadFromTheStoredString() throws {
        let old = try PasswordHasher(logN: 5, r: 4, p: 2)
        let stored = try old.hash("pw")
        // A hasher configured differently still verifies it, and asks for a rehash.
        #expect(hasher.verify("pw", against: stored))
        #expect(hasher.needsRehash(stored))
        #expect(!old.needsRehash(stored))
        #expect(!hasher.needsRehash(try hasher.hash("pw")))
    }

    @Test func knownScryptValueVerifies() throws {
        // RFC 7914 section 12, third vector (N=16384=2^14, r=8, p=1, 64-byte output),
        // written in this format: verify must derive with the stored parameters.
        let salt = Base64.encode(utf8("SodiumChloride"), padding: false)
        let hash = Base64.encode(hex("""
            7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2
            d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887
            """), padding: false)
        let stored = "$scrypt$ln=14,r=8,p=1$\(salt)$\(hash)"
        #expect(hasher.verify("pleaseletmein", against: stored))
        #expect(!hasher.verify("pleaseletmeIn", against: stored))
    }

    @Test func malformedStringsNeverVerify() throws {
        let good = try hasher.hash("pw")
        let fields = good.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        let variants = [
            "",
            "pw",
            "$scrypt$",
            good.replacing("$scrypt$", with: "$bcrypt$", maxReplacements: 1),
            "$scrypt$ln=4,r=8$\(fields[3])$\(fields[4])",
            "$scrypt$r=8,ln=4,p=1$\(fields[3])$\(fields[4])",
            "$scrypt$ln=+4,r=8,p=1$\(fields[3])$\(fields[4])",
            "$scrypt$ln=40,r=8,p=1$\(fields[3])$\(fields[4])",  // absurd cost: refused, not run
            "$scrypt$ln=4,r=8,p=1$\(fields[3])$",
            "$scrypt$ln=4,r=8,p=1$$\(fields[4])",
            "$scrypt$ln=4,r=8,p=1$\(fields[3])$\(fields[4])=",
            "$scrypt$ln=4,r=8,p=1$\(fields[3])$\(fields[4])$",
            "$scrypt$ln=4,r=8,p=1$\(fields[3])$@@@@",
        ]
        for variant in variants {
            #expect(!hasher.verify("pw", against: variant), "accepted \(variant)")
            #expect(hasher.needsRehash(variant))
        }
    }

    @Test func configurationBounds() {
        #expect(throws: CryptoError.self) { try PasswordHasher(logN: 0) }
        #expect(throws: CryptoError.self) { try PasswordHasher(logN: 21) }
        #expect(throws: CryptoError.self) { try PasswordHasher(logN: 20, r: 8, p: 1) }  // 1 GiB > 256 MiB
        #expect(throws: CryptoError.self) { try PasswordHasher(logN: 10, r: 8, p: 1, saltLength: 4) }
        #expect(PasswordHasher.standard.logN == 15)
        #expect(PasswordHasher.standard.r == 8)
        #expect(PasswordHasher.standard.p == 1)
    }
}
