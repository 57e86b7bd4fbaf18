/// Why a Crypto operation failed. Authentication failures carry no detail on purpose:
/// telling a caller which check failed helps an attacker, not the user.
public enum CryptoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A key of the wrong size was given.
    case invalidKeyLength(expected: Int, actual: Int)
    /// A nonce (IV) of an unsupported size was given.
    case invalidNonceLength(Int)
    /// A cost or size parameter outside the accepted range.
    case invalidParameter(String)
    /// The ciphertext, tag, key or associated data do not match: tampered, wrong key
    /// or wrong context.
    case authenticationFailed
    /// Too short, or otherwise not something `FieldCipher.seal` produced.
    case malformedCiphertext
    /// A ciphertext format version this build does not know.
    case unsupportedVersion(UInt8)
    /// A ciphertext sealed under a key ID the key ring does not hold.
    case unknownKeyID(UInt8)
    /// The random generator could not produce bytes (the kernel's entropy source is
    /// unavailable).
    case randomUnavailable
    /// A start-up known-answer test gave the wrong result.
    case selfTestFailed(String)
    /// OpenSSL reported a failure; the text is its error queue.
    case backend(String)

    public var description: String {
        switch self {
        case .invalidKeyLength(let expected, let actual): "invalid key length \(actual) (expected \(expected))"
        case .invalidNonceLength(let n): "invalid nonce length \(n)"
        case .invalidParameter(let what): "invalid parameter: \(what)"
        case .authenticationFailed: "authentication failed"
        case .malformedCiphertext: "malformed ciphertext"
        case .unsupportedVersion(let v): "unsupported ciphertext version \(v)"
        case .unknownKeyID(let id): "unknown key id \(id)"
        case .randomUnavailable: "secure random bytes unavailable"
        case .selfTestFailed(let what): "self-test failed: \(what)"
        case .backend(let text): "OpenSSL: \(text)"
        }
    }
}
