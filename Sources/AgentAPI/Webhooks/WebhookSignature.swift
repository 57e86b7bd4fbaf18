import Crypto

/// Standard Webhooks signing: `v1,` + base64(HMAC-SHA256(key, "id.timestamp.body")),
/// keyed with the bytes of the secret (the base64 after `whsec_`).
enum WebhookSignature {
    static let secretPrefix = "whsec_"

    /// A new secret: `whsec_` + base64 of 32 random bytes.
    static func newSecret() throws -> String {
        secretPrefix + Base64.encode(try SecureRandom.checkedBytes(32))
    }

    /// The key bytes of a `whsec_…` secret; nil when it is not one.
    static func key(of secret: String) -> [UInt8]? {
        guard secret.hasPrefix(secretPrefix) else { return nil }
        return Base64.decode(String(secret.dropFirst(secretPrefix.count)))
    }

    /// One `v1,<base64>` entry.
    static func sign(id: String, timestamp: Int64, body: [UInt8], secret: String) -> String? {
        guard let key = key(of: secret) else { return nil }
        let content = Array("\(id).\(timestamp).".utf8) + body
        return "v1," + Base64.encode(HMAC.sha256(key: key, data: content))
    }

    /// The `webhook-signature` header value: one entry per signing secret, space-separated
    /// (both the new and the previous secret sign while a rotation overlaps).
    static func header(id: String, timestamp: Int64, body: [UInt8], secrets: [String]) -> String {
        secrets.compactMap { sign(id: id, timestamp: timestamp, body: body, secret: $0) }.joined(separator: " ")
    }
}
