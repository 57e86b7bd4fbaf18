/// Hashes and verifies user passwords with scrypt (RFC 7914), producing
/// self-describing strings in the PHC string format:
///
///     $scrypt$ln=15,r=8,p=1$<salt>$<hash>
///
/// (salt and hash in standard base64 without padding). `verify` reads the cost from
/// the stored string, not from this configuration, so the cost can be raised later:
/// old hashes still verify, and `needsRehash` says when to re-hash at the next login.
///
/// Hashing is deliberately slow (tens of milliseconds, tens of MiB at the default
/// cost): run it off the event loops, on a small bounded pool.
public struct PasswordHasher: Sendable, Equatable {
    /// log2 of scrypt's N (CPU/memory cost).
    public let logN: Int
    /// scrypt block size.
    public let r: Int
    /// scrypt parallelisation.
    public let p: Int
    /// Salt bytes for new hashes.
    public let saltLength: Int
    /// Hash bytes for new hashes.
    public let hashLength: Int

    /// Bounds applied to configured costs and, more importantly, to costs read back
    /// from stored strings: a tampered or corrupt row must not make one login
    /// allocate gigabytes.
    public static let logNRange = 1...20
    public static let rRange = 1...32
    public static let pRange = 1...16
    public static let maximumMemory = 256 << 20
    static let saltRange = 8...64
    static let hashRange = 16...64
    static let scheme = "scrypt"

    /// ln=15, r=8, p=1: 32 MiB and roughly 0.1 s per hash on a current core (the
    /// interactive-login cost RFC 7914 and OWASP suggest).
    public static let standard = PasswordHasher(validatedLogN: 15, r: 8, p: 1, saltLength: 16, hashLength: 32)

    /// A configuration with the given cost; throws when it is outside the accepted
    /// bounds. Tests use a low cost (say ln=4) to stay fast.
    public init(logN: Int = 15, r: Int = 8, p: Int = 1, saltLength: Int = 16, hashLength: Int = 32) throws(CryptoError) {
        guard Self.acceptable(logN: logN, r: r, p: p) else {
            throw .invalidParameter("scrypt cost ln=\(logN),r=\(r),p=\(p) is outside the accepted bounds")
        }
        guard Self.saltRange.contains(saltLength), Self.hashRange.contains(hashLength) else {
            throw .invalidParameter("salt length must be \(Self.saltRange), hash length \(Self.hashRange)")
        }
        self.init(validatedLogN: logN, r: r, p: p, saltLength: saltLength, hashLength: hashLength)
    }

    private init(validatedLogN logN: Int, r: Int, p: Int, saltLength: Int, hashLength: Int) {
        self.logN = logN
        self.r = r
        self.p = p
        self.saltLength = saltLength
        self.hashLength = hashLength
    }

    /// A new hash string for `password` (its UTF-8 bytes), with a fresh random salt.
    public func hash(_ password: String) throws(CryptoError) -> String {
        try hash(Array(password.utf8))
    }

    /// A new hash string for `password`, with a fresh random salt.
    public func hash(_ password: [UInt8]) throws(CryptoError) -> String {
        let salt = try SecureRandom.checkedBytes(saltLength)
        let derived = try Scrypt.derive(password: password, salt: salt, n: 1 << logN, r: r, p: p,
                                        length: hashLength, maximumMemory: Self.maximumMemory)
        return Self.format(Parsed(logN: logN, r: r, p: p, salt: salt, hash: derived))
    }

    /// Whether `password` matches `encoded` (a string from `hash`). False as well for
    /// a malformed string or one whose cost is outside the accepted bounds.
    public func verify(_ password: String, against encoded: String) -> Bool {
        verify(Array(password.utf8), against: encoded)
    }

    /// Whether `password` matches `encoded` (a string from `hash`).
    public func verify(_ password: [UInt8], against encoded: String) -> Bool {
        guard let stored = Self.parse(encoded) else { return false }
        // Any derivation failure (only an allocation failure is left after parse's
        // bounds) must read as "no match", never as success.
        guard let derived = try? Scrypt.derive(password: password, salt: stored.salt, n: 1 << stored.logN,
                                               r: stored.r, p: stored.p, length: stored.hash.count,
                                               maximumMemory: Self.maximumMemory)
        else { return false }
        return ConstantTime.equals(derived, stored.hash)
    }

    /// Whether `encoded` should be replaced by a new hash of the same password (after
    /// a successful login): its cost or sizes differ from this configuration, or it
    /// cannot be read at all.
    public func needsRehash(_ encoded: String) -> Bool {
        guard let stored = Self.parse(encoded) else { return true }
        return stored.logN != logN || stored.r != r || stored.p != p
            || stored.salt.count < saltLength || stored.hash.count != hashLength
    }

    struct Parsed: Equatable {
        var logN: Int
        var r: Int
        var p: Int
        var salt: [UInt8]
        var hash: [UInt8]
    }

    static func acceptable(logN: Int, r: Int, p: Int) -> Bool {
        guard logNRange.contains(logN), rRange.contains(r), pRange.contains(p),
              let memory = Scrypt.memoryRequired(n: 1 << logN, r: r, p: p)
        else { return false }
        return memory <= maximumMemory
    }

    static func format(_ value: Parsed) -> String {
        let salt = Base64.encode(value.salt, padding: false)
        let hash = Base64.encode(value.hash, padding: false)
        return "$\(scheme)$ln=\(value.logN),r=\(value.r),p=\(value.p)$\(salt)$\(hash)"
    }

    /// Reads `$scrypt$ln=N,r=R,p=P$salt$hash`, strictly: exactly these fields in this
    /// order, decimal numbers within bounds, canonical unpadded base64.
    static func parse(_ encoded: String) -> Parsed? {
        // Bounded before splitting: a stored string is small, a huge one is garbage.
        guard encoded.utf8.count <= 512 else { return nil }
        let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 5, fields[0].isEmpty, fields[1] == scheme else { return nil }
        let params = fields[2].split(separator: ",", omittingEmptySubsequences: false)
        guard params.count == 3,
              let logN = number(params[0], key: "ln"),
              let r = number(params[1], key: "r"),
              let p = number(params[2], key: "p"),
              acceptable(logN: logN, r: r, p: p),
              !fields[3].contains("="), !fields[4].contains("="),
              let salt = Base64.decode(String(fields[3])),
              let hash = Base64.decode(String(fields[4])),
              saltRange.contains(salt.count), hashRange.contains(hash.count)
        else { return nil }
        return Parsed(logN: logN, r: r, p: p, salt: salt, hash: hash)
    }

    private static func number(_ field: Substring, key: String) -> Int? {
        let parts = field.split(separator: "=", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == key else { return nil }
        let digits = parts[1]
        // Plain decimal only (Int() would also take "+8"), at most 3 digits.
        guard (1...3).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }
}
