import CTLS

/// Cryptographically secure random bytes from OpenSSL's DRBG (seeded by the kernel):
/// salts, nonces, tokens, keys.
public enum SecureRandom {
    /// `count` random bytes.
    ///
    /// Traps if OpenSSL's generator fails. That happens only when it cannot be seeded
    /// from the kernel (getrandom(2) unavailable), which no input from the network can
    /// cause; carrying on would mean handing out guessable tokens or reusing nonces,
    /// which is worse than stopping. Use `checkedBytes` where a caller can degrade
    /// gracefully instead (it throws).
    public static func bytes(_ count: Int) -> [UInt8] {
        do {
            return try checkedBytes(count)
        } catch {
            fatalError("secure random generator unavailable: \(CryptoLibrary.lastError())")
        }
    }

    /// `count` random bytes, or `CryptoError.randomUnavailable`.
    public static func checkedBytes(_ count: Int) throws(CryptoError) -> [UInt8] {
        guard count > 0 else { return [] }
        var ok: Int32 = 0
        let out = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            ok = ctls_random_bytes(buffer.baseAddress, count)
            initialized = ok == 1 ? count : 0
        }
        guard ok == 1 else { throw .randomUnavailable }
        return out
    }

    /// A random token: `byteCount` random bytes as unpadded base64url (URL- and
    /// header-safe). 32 bytes give 256 bits.
    public static func token(byteCount: Int = 32) -> String {
        Base64.encode(bytes(byteCount), alphabet: .url, padding: false)
    }
}

/// Comparisons whose duration does not depend on where the inputs differ, for MACs,
/// password hashes and tokens (an early exit would leak the matching prefix length).
public enum ConstantTime {
    /// Whether `a` and `b` hold the same bytes. Lengths are compared first, openly:
    /// the length of a MAC or token is public, only its content is secret.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                ctls_memequal(x.baseAddress, y.baseAddress, x.count) == 1
            }
        }
    }

    /// Whether two strings have the same UTF-8 bytes (no Unicode normalisation: a
    /// token is bytes).
    public static func equals(_ a: String, _ b: String) -> Bool {
        equals(Array(a.utf8), Array(b.utf8))
    }
}
