import CTLS

/// A self-signed development certificate for HTTPS on 127.0.0.1 / localhost
/// (`employer-agent dev-cert`, and tests). Not for production: it is its own CA.
public enum DevCertificate {
    /// Writes an EC P-256 key (mode 0600) and a self-signed X.509 v3 certificate with
    /// CN=localhost and SAN DNS:localhost, IP:127.0.0.1, IP:::1, both PEM. Trust the
    /// certificate file itself as the CA (e.g. `curl --cacert cert.pem`).
    public static func write(certPath: String, keyPath: String, days: Int = 365) throws(CryptoError) {
        guard (1...3650).contains(days) else { throw .invalidParameter("days must be 1...3650") }
        var message = [CChar](repeating: 0, count: 512)
        let ok = message.withUnsafeMutableBufferPointer { buffer in
            ctls_write_self_signed(certPath, keyPath, Int32(days), buffer.baseAddress, buffer.count)
        }
        guard ok == 1 else {
            throw .backend(CryptoLibrary.text(message))
        }
    }
}
