import CTLS

/// The hash functions offered for digests, HMAC and PBKDF2. SHA-1 is here only for
/// interoperability (RFC 6238 TOTP authenticator apps default to HMAC-SHA-1).
public enum DigestAlgorithm: Sendable, Hashable, CaseIterable {
    case sha1, sha256, sha512

    /// Output size in bytes.
    public var byteCount: Int {
        switch self {
        case .sha1: 20
        case .sha256: 32
        case .sha512: 64
        }
    }

    var ctlsID: Int32 {
        switch self {
        case .sha1: CTLS_MD_SHA1
        case .sha256: CTLS_MD_SHA256
        case .sha512: CTLS_MD_SHA512
        }
    }

    /// The digest of `bytes`.
    public func hash(_ bytes: [UInt8]) -> [UInt8] {
        let size = byteCount
        let id = ctlsID
        var ok: Int32 = 0
        let digest = [UInt8](unsafeUninitializedCapacity: size) { out, initialized in
            ok = bytes.withUnsafeBufferPointer { input in
                ctls_digest(id, input.baseAddress, input.count, out.baseAddress, size)
            }
            initialized = ok == 1 ? size : 0
        }
        guard ok == 1 else { CryptoLibrary.unrecoverable("digest") }
        return digest
    }
}

/// SHA-256 (FIPS 180-4): content hashes, the audit chain, fingerprints.
public enum SHA256 {
    /// Output size in bytes.
    public static let byteCount = 32

    /// The 32-byte digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        DigestAlgorithm.sha256.hash(bytes)
    }

    /// The digest of the UTF-8 bytes of `string`.
    public static func hash(_ string: String) -> [UInt8] {
        hash(Array(string.utf8))
    }

    /// The digest as 64 lowercase hex digits.
    public static func hex(_ bytes: [UInt8]) -> String {
        Hex.encode(hash(bytes))
    }
}
