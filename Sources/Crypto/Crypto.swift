import CTLS

/// Cryptographic primitives over the system OpenSSL (see ARCHITECTURE.md, Crypto).
public enum CryptoLibrary {
    /// The OpenSSL build in use.
    public static var version: String { String(cString: ctls_openssl_version()) }
}
