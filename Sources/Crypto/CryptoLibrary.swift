import CTLS

/// The OpenSSL library behind this module: its version, and a start-up check that the
/// algorithms the service relies on are present and compute the right answers.
public enum CryptoLibrary {
    /// The OpenSSL build in use, for logs and diagnostics.
    public static var version: String { String(cString: ctls_openssl_version()) }

    /// Fetches every algorithm once and runs a few known-answer tests. Call it at
    /// start-up: the non-throwing primitives (`SHA256`, `HMAC`, `SecureRandom.bytes`)
    /// trap if OpenSSL cannot serve them, and this turns a broken install into an
    /// error before any request arrives instead of a crash during one.
    public static func selfTest() throws(CryptoError) {
        var message = [CChar](repeating: 0, count: 512)
        let ready = message.withUnsafeMutableBufferPointer { ctls_crypto_init($0.baseAddress, $0.count) }
        guard ready == 1 else { throw .backend(CryptoLibrary.text(message)) }
        // FIPS 180-2 B.1: SHA-256("abc").
        guard Hex.encode(SHA256.hash(Array("abc".utf8)))
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        else { throw .selfTestFailed("SHA-256") }
        // RFC 4231 test case 2.
        guard Hex.encode(HMAC.sha256(key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8)))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        else { throw .selfTestFailed("HMAC-SHA-256") }
        // GCM specification test case 14 (AES-256, zero key, zero IV, one zero block).
        let sealed = try AESGCM.seal(plaintext: [UInt8](repeating: 0, count: 16),
                                     key: [UInt8](repeating: 0, count: 32),
                                     nonce: [UInt8](repeating: 0, count: 12))
        guard Hex.encode(sealed.ciphertext) == "cea7403d4d606b6e074ec5d3baf39d18",
              Hex.encode(sealed.tag) == "d0d1c8a799996bf0265b98b5d48ab919"
        else { throw .selfTestFailed("AES-256-GCM") }
        _ = try SecureRandom.checkedBytes(16)
    }

    /// OpenSSL's description of the calling thread's latest failure (clears it).
    static func lastError() -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        buffer.withUnsafeMutableBufferPointer { ctls_last_error($0.baseAddress, $0.count) }
        return text(buffer)
    }

    /// The text of a NUL-terminated C buffer (invalid UTF-8 repaired, never trapping).
    static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// For the calls that cannot fail on any input (digests, HMAC): OpenSSL only
    /// fails them when it cannot allocate or its provider is missing, and
    /// `selfTest()` rules out the latter at start-up. Trapping there matches what
    /// Swift itself does when an allocation fails.
    static func unrecoverable(_ operation: String) -> Never {
        fatalError("OpenSSL \(operation) failed: \(lastError())")
    }
}
