import CTLS

/// AES-256-GCM (NIST SP 800-38D), the low-level form: caller-chosen nonce, separate
/// tag. Use it for test vectors and protocols that fix their own framing; for stored
/// fields use `FieldCipher`, which picks nonces and carries the key ID.
///
/// A nonce must never repeat under one key: GCM then leaks the XOR of plaintexts
/// and lets an attacker forge tags.
public enum AESGCM {
    /// Key size in bytes (AES-256).
    public static let keyLength = 32
    /// The recommended nonce size in bytes (96 bits, used as is by GCM).
    public static let nonceLength = 12
    /// Tag size in bytes (full 128-bit tags only).
    public static let tagLength = 16

    /// Encrypts `plaintext` and authenticates it together with `aad`.
    /// - Parameters:
    ///   - key: 32 bytes.
    ///   - nonce: 12 bytes recommended; 1...128 accepted (other sizes are hashed by GCM,
    ///     which the specification's test cases exercise).
    public static func seal(plaintext: [UInt8], key: [UInt8], nonce: [UInt8], aad: [UInt8] = []) throws(CryptoError)
        -> (ciphertext: [UInt8], tag: [UInt8])
    {
        try check(key: key, nonce: nonce)
        var tag = [UInt8](repeating: 0, count: tagLength)
        var ok: Int32 = 0
        let ciphertext = [UInt8](unsafeUninitializedCapacity: plaintext.count) { out, initialized in
            ok = key.withUnsafeBufferPointer { k in
                nonce.withUnsafeBufferPointer { n in
                    aad.withUnsafeBufferPointer { a in
                        plaintext.withUnsafeBufferPointer { p in
                            tag.withUnsafeMutableBufferPointer { t in
                                ctls_aes256gcm_seal(k.baseAddress, k.count, n.baseAddress, n.count,
                                                    a.baseAddress, a.count, p.baseAddress, p.count,
                                                    out.baseAddress, t.baseAddress, t.count)
                            }
                        }
                    }
                }
            }
            initialized = ok == 1 ? plaintext.count : 0
        }
        guard ok == 1 else { throw .backend(CryptoLibrary.lastError()) }
        return (ciphertext, tag)
    }

    /// Decrypts and verifies. Throws `authenticationFailed` when the tag does not match
    /// (wrong key, nonce or aad, or any bit changed); no plaintext is returned then.
    public static func open(ciphertext: [UInt8], tag: [UInt8], key: [UInt8], nonce: [UInt8], aad: [UInt8] = []) throws(CryptoError)
        -> [UInt8]
    {
        try check(key: key, nonce: nonce)
        guard tag.count == tagLength else { throw .authenticationFailed }
        var ok: Int32 = 0
        let plaintext = [UInt8](unsafeUninitializedCapacity: ciphertext.count) { out, initialized in
            ok = key.withUnsafeBufferPointer { k in
                nonce.withUnsafeBufferPointer { n in
                    aad.withUnsafeBufferPointer { a in
                        ciphertext.withUnsafeBufferPointer { c in
                            tag.withUnsafeBufferPointer { t in
                                ctls_aes256gcm_open(k.baseAddress, k.count, n.baseAddress, n.count,
                                                    a.baseAddress, a.count, c.baseAddress, c.count,
                                                    t.baseAddress, t.count, out.baseAddress)
                            }
                        }
                    }
                }
            }
            initialized = ok == 1 ? ciphertext.count : 0
        }
        guard ok == 1 else {
            // The only failure left after the argument checks is the tag comparison
            // (short of allocation failure); the queue says which, but must not leak.
            _ = CryptoLibrary.lastError()
            throw .authenticationFailed
        }
        return plaintext
    }

    static func check(key: [UInt8], nonce: [UInt8]) throws(CryptoError) {
        guard key.count == keyLength else { throw .invalidKeyLength(expected: keyLength, actual: key.count) }
        guard (1...128).contains(nonce.count) else { throw .invalidNonceLength(nonce.count) }
    }
}
