import CTLS

/// Encrypts individual stored values (PII columns) with AES-256-GCM under a key ring,
/// so keys can be rotated: new values are sealed under the current key, and values
/// sealed under any older key in the ring still open.
///
/// Sealed format (bytes): `version(1) | keyID(1) | nonce(12) | ciphertext | tag(16)`,
/// version 1. The nonce is random (96 bits), which keeps the collision risk negligible
/// up to about 2^32 seals per key (NIST SP 800-38D 8.3): rotate well before that.
///
/// `context` is associated data: bind each value to where it lives (table, column,
/// row id — see `context(_:)`) so a ciphertext copied into another field or row fails
/// to open. The header bytes (version, key ID) are authenticated too.
public struct FieldCipher: Sendable {
    /// The format version written by `seal`.
    public static let formatVersion: UInt8 = 1
    /// Bytes added to every plaintext: header, nonce and tag.
    public static let overhead = headerLength + AESGCM.nonceLength + AESGCM.tagLength
    static let headerLength = 2

    /// The key ID new values are sealed under.
    public let currentKeyID: UInt8
    private let keys: [UInt8: [UInt8]]

    /// - Parameters:
    ///   - keys: key ID to 32-byte key. Keep retired keys here until every value
    ///     sealed under them has been re-sealed.
    ///   - currentKeyID: must be in `keys`.
    public init(keys: [UInt8: [UInt8]], currentKeyID: UInt8) throws(CryptoError) {
        for (_, key) in keys where key.count != AESGCM.keyLength {
            throw .invalidKeyLength(expected: AESGCM.keyLength, actual: key.count)
        }
        guard keys[currentKeyID] != nil else { throw .unknownKeyID(currentKeyID) }
        self.keys = keys
        self.currentKeyID = currentKeyID
    }

    /// The key IDs in the ring, ascending.
    public var keyIDs: [UInt8] { keys.keys.sorted() }

    /// A fresh random 32-byte key, for a new key file or a rotation.
    public static func generateKey() throws(CryptoError) -> [UInt8] {
        try SecureRandom.checkedBytes(AESGCM.keyLength)
    }

    /// The key ID a sealed value names, or nil if it is not a version-1 value. Lets a
    /// rotation job find the values still under an old key without opening them.
    public static func keyID(of sealed: [UInt8]) -> UInt8? {
        guard sealed.count >= overhead, sealed[0] == formatVersion else { return nil }
        return sealed[1]
    }

    /// An unambiguous context from parts (e.g. `["employees", "ssn", "42"]`): each part
    /// is length-prefixed, so ("ab", "c") and ("a", "bc") differ.
    public static func context(_ parts: [String]) -> [UInt8] {
        var out: [UInt8] = []
        for part in parts {
            let bytes = Array(part.utf8)
            let n = UInt32(truncatingIfNeeded: bytes.count)
            out += [UInt8(truncatingIfNeeded: n >> 24), UInt8(truncatingIfNeeded: n >> 16),
                    UInt8(truncatingIfNeeded: n >> 8), UInt8(truncatingIfNeeded: n)]
            out += bytes
        }
        return out
    }

    /// Seals `plaintext` under the current key with a fresh random nonce.
    public func seal(_ plaintext: [UInt8], context: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard let key = keys[currentKeyID] else { throw .unknownKeyID(currentKeyID) }
        let header: [UInt8] = [Self.formatVersion, currentKeyID]
        let aad = header + context
        let nonceOffset = Self.headerLength
        let ciphertextOffset = nonceOffset + AESGCM.nonceLength
        let tagOffset = ciphertextOffset + plaintext.count
        var out = [UInt8](repeating: 0, count: plaintext.count + Self.overhead)
        out[0] = header[0]
        out[1] = header[1]
        let status: Int32 = out.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return -1 }
            guard ctls_nonce_bytes(base + nonceOffset, AESGCM.nonceLength) == 1 else { return -1 }
            return key.withUnsafeBufferPointer { k in
                aad.withUnsafeBufferPointer { a in
                    plaintext.withUnsafeBufferPointer { p in
                        ctls_aes256gcm_seal(k.baseAddress, k.count, base + nonceOffset, AESGCM.nonceLength,
                                            a.baseAddress, a.count, p.baseAddress, p.count,
                                            base + ciphertextOffset, base + tagOffset, AESGCM.tagLength)
                    }
                }
            }
        }
        switch status {
        case 1: return out
        case -1: throw .randomUnavailable
        default: throw .backend(CryptoLibrary.lastError())
        }
    }

    /// Opens a value sealed by `seal` (under any key in the ring) with the same context.
    public func open(_ sealed: [UInt8], context: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard sealed.count >= Self.overhead else { throw .malformedCiphertext }
        guard sealed[0] == Self.formatVersion else { throw .unsupportedVersion(sealed[0]) }
        let keyID = sealed[1]
        guard let key = keys[keyID] else { throw .unknownKeyID(keyID) }
        let aad = [sealed[0], sealed[1]] + context
        let nonceOffset = Self.headerLength
        let ciphertextOffset = nonceOffset + AESGCM.nonceLength
        let ciphertextLength = sealed.count - Self.overhead
        let tagOffset = ciphertextOffset + ciphertextLength
        var ok: Int32 = 0
        let plaintext = [UInt8](unsafeUninitializedCapacity: ciphertextLength) { out, initialized in
            ok = sealed.withUnsafeBufferPointer { s in
                guard let base = s.baseAddress else { return 0 }
                return key.withUnsafeBufferPointer { k in
                    aad.withUnsafeBufferPointer { a in
                        ctls_aes256gcm_open(k.baseAddress, k.count, base + nonceOffset, AESGCM.nonceLength,
                                            a.baseAddress, a.count, base + ciphertextOffset, ciphertextLength,
                                            base + tagOffset, AESGCM.tagLength, out.baseAddress)
                    }
                }
            }
            initialized = ok == 1 ? ciphertextLength : 0
        }
        guard ok == 1 else {
            _ = CryptoLibrary.lastError() // clear the queue; the reason must not leak
            throw .authenticationFailed
        }
        return plaintext
    }

    /// Convenience for text fields: seals the UTF-8 bytes.
    public func seal(_ plaintext: String, context: [UInt8]) throws(CryptoError) -> [UInt8] {
        try seal(Array(plaintext.utf8), context: context)
    }

    /// Convenience for text fields: opens and decodes UTF-8 (invalid UTF-8 after a
    /// successful open would mean a plaintext that was never a string: malformed).
    public func openString(_ sealed: [UInt8], context: [UInt8]) throws(CryptoError) -> String {
        let bytes = try open(sealed, context: context)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .malformedCiphertext }
        return text
    }
}
