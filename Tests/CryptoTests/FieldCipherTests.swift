import Crypto
import Testing

@Suite struct FieldCipherTests {
    let key1 = repeated(0x11, 32)
    let key2 = repeated(0x22, 32)
    let context = FieldCipher.context(["employees", "ssn", "42"])

    @Test func roundTrip() throws {
        let cipher = try FieldCipher(keys: [1: key1], currentKeyID: 1)
        let plaintext = utf8("123-45-6789")
        let sealed = try cipher.seal(plaintext, context: context)
        #expect(sealed.count == plaintext.count + FieldCipher.overhead)
        #expect(sealed[0] == 1)
        #expect(sealed[1] == 1)
        #expect(FieldCipher.keyID(of: sealed) == 1)
        // The plaintext must not appear in the output.
        #expect(!Hex.encode(sealed).contains(Hex.encode(plaintext)))
        #expect(try cipher.open(sealed, context: context) == plaintext)
        #expect(try cipher.openString(try cipher.seal("José", context: context), context: context) == "José")
    }

    @Test func emptyPlaintext() throws {
        let cipher = try FieldCipher(keys: [7: key1], currentKeyID: 7)
        let sealed = try cipher.seal([], context: [])
        #expect(sealed.count == FieldCipher.overhead)
        #expect(try cipher.open(sealed, context: []) == [])
    }

    @Test func nonceIsFreshEachTime() throws {
        let cipher = try FieldCipher(keys: [1: key1], currentKeyID: 1)
        let a = try cipher.seal(utf8("same"), context: context)
        let b = try cipher.seal(utf8("same"), context: context)
        #expect(a != b)
        #expect(a[2..<14] != b[2..<14])
    }

    /// Nonces are cut from a per-thread pool of generator output: across many refills and
    /// from several threads at once, no nonce is handed out twice and none is all zeros
    /// (the pool wipes what it hands out, so a reused slot would show as zeros).
    @Test func noncesNeverRepeatAcrossPoolRefillsOrThreads() async throws {
        let cipher = try FieldCipher(keys: [1: key1], currentKeyID: 1)
        let perTask = 2_000 // about 47 pool refills per thread
        let nonces = try await withThrowingTaskGroup(of: [[UInt8]].self) { group in
            for _ in 0..<4 {
                group.addTask { try (0..<perTask).map { _ in Array(try cipher.seal([1, 2, 3], context: []) [2..<14]) } }
            }
            return try await group.reduce(into: [[UInt8]]()) { $0 += $1 }
        }
        #expect(nonces.count == 4 * perTask)
        #expect(Set(nonces).count == nonces.count)
        #expect(!nonces.contains([UInt8](repeating: 0, count: 12)))
    }

    @Test func everyFlippedByteIsDetected() throws {
        let cipher = try FieldCipher(keys: [1: key1], currentKeyID: 1)
        let sealed = try cipher.seal(utf8("secret value"), context: context)
        // Header byte 0 (version) and 1 (key id) fail differently; every byte from the
        // nonce on must fail authentication.
        for index in 2..<sealed.count {
            var tampered = sealed
            tampered[index] ^= 0x01
            #expect(throws: CryptoError.authenticationFailed) { try cipher.open(tampered, context: context) }
        }
        var badVersion = sealed
        badVersion[0] = 2
        #expect(throws: CryptoError.unsupportedVersion(2)) { try cipher.open(badVersion, context: context) }
        #expect(throws: CryptoError.malformedCiphertext) { try cipher.open(Array(sealed.prefix(29)), context: context) }
    }

    @Test func wrongContextIsRejected() throws {
        let cipher = try FieldCipher(keys: [1: key1], currentKeyID: 1)
        let sealed = try cipher.seal(utf8("123-45-6789"), context: FieldCipher.context(["employees", "ssn", "42"]))
        #expect(throws: CryptoError.authenticationFailed) {
            try cipher.open(sealed, context: FieldCipher.context(["employees", "ssn", "43"]))
        }
        #expect(throws: CryptoError.authenticationFailed) { try cipher.open(sealed, context: []) }
        // Length-prefixed parts: moving a character between parts changes the context.
        #expect(FieldCipher.context(["ab", "c"]) != FieldCipher.context(["a", "bc"]))
    }

    @Test func wrongKeyIsRejected() throws {
        let sealed = try FieldCipher(keys: [1: key1], currentKeyID: 1).seal(utf8("x"), context: context)
        let other = try FieldCipher(keys: [1: key2], currentKeyID: 1)
        #expect(throws: CryptoError.authenticationFailed) { try other.open(sealed, context: context) }
    }

    @Test func rotationKeepsOldCiphertextsReadable() throws {
        let before = try FieldCipher(keys: [1: key1], currentKeyID: 1)
        let old = try before.seal(utf8("old value"), context: context)

        let after = try FieldCipher(keys: [1: key1, 2: key2], currentKeyID: 2)
        let new = try after.seal(utf8("new value"), context: context)
        #expect(FieldCipher.keyID(of: new) == 2)
        #expect(try after.open(old, context: context) == utf8("old value"))
        #expect(try after.open(new, context: context) == utf8("new value"))
        // The old ring cannot read values under the new key.
        #expect(throws: CryptoError.unknownKeyID(2)) { try before.open(new, context: context) }
        #expect(after.keyIDs == [1, 2])
    }

    @Test func unknownKeyIDIsRejected() throws {
        let cipher = try FieldCipher(keys: [1: key1], currentKeyID: 1)
        var sealed = try cipher.seal(utf8("x"), context: context)
        sealed[1] = 9
        #expect(throws: CryptoError.unknownKeyID(9)) { try cipher.open(sealed, context: context) }
    }

    @Test func invalidRingsAreRefused() {
        #expect(throws: CryptoError.unknownKeyID(3)) { try FieldCipher(keys: [1: key1], currentKeyID: 3) }
        #expect(throws: CryptoError.invalidKeyLength(expected: 32, actual: 16)) {
            try FieldCipher(keys: [1: key1, 2: repeated(0, 16)], currentKeyID: 1)
        }
    }

    @Test func generatedKeysAreFreshAndSized() throws {
        let a = try FieldCipher.generateKey()
        let b = try FieldCipher.generateKey()
        #expect(a.count == 32)
        #expect(a != b)
    }
}
