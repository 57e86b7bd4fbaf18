import Testing
@testable import AgentAPI

/// Standard Webhooks signatures, against vectors computed independently (Python's hmac
/// and base64, and the specification's own example).
@Suite struct WebhookSignatureTests {
    static let id = "msg_p5jXN8AQM9LWM0D4loKWxJek"
    static let timestamp: Int64 = 1_614_265_330
    static let body = Array(#"{"test": 2432232314}"#.utf8)

    @Test func theSpecificationsExampleSignsAsPublished() {
        let signature = WebhookSignature.sign(id: Self.id, timestamp: Self.timestamp, body: Self.body,
                                              secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test func theKeyIsTheDecodedBytesAfterThePrefix() {
        // Key bytes 0x00…0x1f; the vector was computed with Python's hmac module.
        let secret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
        #expect(WebhookSignature.key(of: secret) == (0..<32).map { UInt8($0) })
        #expect(WebhookSignature.sign(id: Self.id, timestamp: Self.timestamp, body: Self.body, secret: secret)
                == "v1,O4Gjv1HqPqsMrjmczoggs/sWA8gZD0VyHG+fLh4+ktI=")
    }

    @Test func duringRotationBothSecretsSignSpaceSeparated() {
        let header = WebhookSignature.header(id: Self.id, timestamp: Self.timestamp, body: Self.body,
                                             secrets: ["whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                                                       "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
        #expect(header == "v1,O4Gjv1HqPqsMrjmczoggs/sWA8gZD0VyHG+fLh4+ktI= v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test func newSecretsAre32RandomBytesBehindThePrefix() throws {
        let a = try WebhookSignature.newSecret(), b = try WebhookSignature.newSecret()
        #expect(a.hasPrefix("whsec_"))
        #expect(WebhookSignature.key(of: a)?.count == 32)
        #expect(a != b)
        #expect(WebhookSignature.key(of: "not-a-secret") == nil)
    }
}
