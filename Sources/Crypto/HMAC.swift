import CTLS

/// HMAC (RFC 2104) over SHA-1, SHA-256 or SHA-512: the SSN blind index, webhook
/// signatures, TOTP codes, token MACs.
public enum HMAC {
    /// HMAC-SHA-256: 32 bytes.
    public static func sha256(key: [UInt8], data: [UInt8]) -> [UInt8] {
        authenticationCode(for: data, key: key, using: .sha256)
    }

    /// HMAC-SHA-1: 20 bytes. For TOTP (RFC 6238) interoperability only.
    public static func sha1(key: [UInt8], data: [UInt8]) -> [UInt8] {
        authenticationCode(for: data, key: key, using: .sha1)
    }

    /// HMAC-SHA-512: 64 bytes.
    public static func sha512(key: [UInt8], data: [UInt8]) -> [UInt8] {
        authenticationCode(for: data, key: key, using: .sha512)
    }

    /// The HMAC of `data` under `key`. Any key length is valid (long keys are hashed
    /// first, as RFC 2104 says), so this cannot fail on any input.
    public static func authenticationCode(for data: [UInt8], key: [UInt8], using algorithm: DigestAlgorithm) -> [UInt8] {
        let size = algorithm.byteCount
        let id = algorithm.ctlsID
        var ok: Int32 = 0
        let code = [UInt8](unsafeUninitializedCapacity: size) { out, initialized in
            ok = key.withUnsafeBufferPointer { k in
                data.withUnsafeBufferPointer { d in
                    ctls_hmac(id, k.baseAddress, k.count, d.baseAddress, d.count, out.baseAddress, size)
                }
            }
            initialized = ok == 1 ? size : 0
        }
        guard ok == 1 else { CryptoLibrary.unrecoverable("HMAC") }
        return code
    }

    /// Whether `code` is the HMAC of `data` under `key`, compared in constant time
    /// (a byte-by-byte early exit would let an attacker find a valid code byte by byte).
    public static func isValid(_ code: [UInt8], for data: [UInt8], key: [UInt8], using algorithm: DigestAlgorithm) -> Bool {
        ConstantTime.equals(code, authenticationCode(for: data, key: key, using: algorithm))
    }
}
