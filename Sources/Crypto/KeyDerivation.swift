import CTLS

/// PBKDF2 (RFC 8018) with HMAC: derives keys from passwords or secrets where a
/// standard demands it. For stored passwords prefer `PasswordHasher` (scrypt), which
/// is memory-hard.
public enum PBKDF2 {
    /// The largest output accepted: far beyond any key, small enough that a bad
    /// length cannot make the service allocate and grind.
    public static let maximumLength = 4096

    /// Derives `length` bytes. No SP 800-132 minimums are imposed here (salt size,
    /// iteration count are the caller's policy), so the RFC 6070 vectors run as written.
    public static func derive(password: [UInt8], salt: [UInt8], iterations: Int, length: Int,
                              digest: DigestAlgorithm = .sha256) throws(CryptoError) -> [UInt8] {
        guard iterations >= 1 else { throw .invalidParameter("PBKDF2 iterations must be at least 1") }
        guard (1...maximumLength).contains(length) else { throw .invalidParameter("PBKDF2 length must be 1...\(maximumLength)") }
        var ok: Int32 = 0
        let key = [UInt8](unsafeUninitializedCapacity: length) { out, initialized in
            ok = password.withUnsafeBufferPointer { pw in
                salt.withUnsafeBufferPointer { s in
                    ctls_pbkdf2(digest.ctlsID, pw.baseAddress, pw.count, s.baseAddress, s.count,
                                UInt64(iterations), out.baseAddress, length)
                }
            }
            initialized = ok == 1 ? length : 0
        }
        guard ok == 1 else { throw .backend(CryptoLibrary.lastError()) }
        return key
    }
}

/// scrypt (RFC 7914), the memory-hard password-based KDF behind `PasswordHasher`.
public enum Scrypt {
    /// Default ceiling on the memory one derivation may use (1 GiB).
    public static let defaultMaximumMemory = 1 << 30
    /// The largest output accepted.
    public static let maximumLength = 4096

    /// Bytes OpenSSL allocates for these parameters: 128·r·(N + 2 + p), or nil when
    /// that overflows.
    public static func memoryRequired(n: Int, r: Int, p: Int) -> Int? {
        guard n > 0, r > 0, p > 0 else { return nil }
        let (extra, o0) = p.addingReportingOverflow(2)
        let (blocks, o1) = n.addingReportingOverflow(extra)
        let (perBlock, o2) = r.multipliedReportingOverflow(by: 128)
        let (total, o3) = blocks.multipliedReportingOverflow(by: perBlock)
        return o0 || o1 || o2 || o3 ? nil : total
    }

    /// Derives `length` bytes.
    /// - Parameters:
    ///   - n: CPU/memory cost, a power of two greater than 1.
    ///   - r: block size; `p`: parallelisation. RFC 7914 requires r·p < 2^30.
    ///   - maximumMemory: refuse parameters needing more than this many bytes.
    public static func derive(password: [UInt8], salt: [UInt8], n: Int, r: Int, p: Int, length: Int,
                              maximumMemory: Int = defaultMaximumMemory) throws(CryptoError) -> [UInt8] {
        guard n > 1, n & (n - 1) == 0 else { throw .invalidParameter("scrypt N must be a power of two greater than 1") }
        guard r >= 1, p >= 1, r <= Int(UInt32.max), p <= Int(UInt32.max) else {
            throw .invalidParameter("scrypt r and p must be positive")
        }
        let (rp, overflow) = r.multipliedReportingOverflow(by: p)
        guard !overflow, rp < 1 << 30 else { throw .invalidParameter("scrypt r*p must be below 2^30") }
        guard (1...maximumLength).contains(length) else { throw .invalidParameter("scrypt length must be 1...\(maximumLength)") }
        guard let memory = memoryRequired(n: n, r: r, p: p), memory <= maximumMemory else {
            throw .invalidParameter("scrypt parameters need more than \(maximumMemory) bytes")
        }
        var ok: Int32 = 0
        let key = [UInt8](unsafeUninitializedCapacity: length) { out, initialized in
            ok = password.withUnsafeBufferPointer { pw in
                salt.withUnsafeBufferPointer { s in
                    // max_memory 0: the C side sets OpenSSL's limit to exactly what
                    // these parameters need (its own default would cap N·r far lower
                    // in older releases and differs between versions).
                    ctls_scrypt(pw.baseAddress, pw.count, s.baseAddress, s.count,
                                UInt64(n), UInt32(r), UInt32(p), 0, out.baseAddress, length)
                }
            }
            initialized = ok == 1 ? length : 0
        }
        guard ok == 1 else { throw .backend(CryptoLibrary.lastError()) }
        return key
    }
}
