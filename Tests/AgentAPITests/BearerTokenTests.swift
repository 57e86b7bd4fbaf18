import HTTPCore
import Testing
@testable import AgentAPI

/// The Authorization header's token: the byte-level reading of the usual form must give
/// what the general reading gives, and refuse what it refuses.
@Suite struct BearerTokenTests {
    static func token(_ value: String) -> String? {
        var headers = HTTPHeaders()
        headers.add("Authorization", value)
        return Authenticator.bearerToken(headers)
    }

    @Test func theUsualFormGivesItsToken() {
        #expect(Self.token("Bearer abc.DEF-123_~+/=") == "abc.DEF-123_~+/=")
        #expect(Self.token("bearer abc") == "abc")
        #expect(Self.token("BEARER abc") == "abc")
    }

    @Test func blanksAroundTheTokenAreTrimmed() {
        #expect(Self.token("Bearer  abc") == "abc")
        #expect(Self.token("Bearer abc ") == "abc")
        #expect(Self.token("Bearer \tabc\t") == "abc")
        #expect(Self.token("Bearer abc\u{00A0}") == "abc")
    }

    @Test func otherSchemesAndEmptyOrOverlongTokensAreRefused() {
        #expect(Self.token("Basic abc") == nil)
        #expect(Self.token("Bearer") == nil)
        #expect(Self.token("Bearer ") == nil)
        #expect(Self.token("Bearer    ") == nil)
        #expect(Self.token("Bearerabc") == nil)
        #expect(Self.token("Bearer " + String(repeating: "a", count: 512)) == String(repeating: "a", count: 512))
        #expect(Self.token("Bearer " + String(repeating: "a", count: 513)) == nil)
        #expect(Self.token("Bearer " + String(repeating: "é", count: 513)) == nil)
    }

    @Test func aTokenWithNonASCIIKeepsItsCharacters() {
        #expect(Self.token("Bearer jéton") == "jéton")
    }
}
