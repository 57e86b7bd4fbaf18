import Testing
@testable import AgentCore

/// Issue 12: the throttle rules that storage applies atomically before a password is hashed.
@Suite struct LoginThrottleTests {
    static let throttle = LoginThrottle(failuresPerUsername: 5, windowSeconds: 900, failuresPerAddressPerMinute: 20)

    @Test func test_usernameLocksAtTheFifthFailure() {
        #expect(Self.throttle.refusal(usernameFailures: 4, addressFailures: 0, nowMs: 0) == nil)
        #expect(Self.throttle.refusal(usernameFailures: 5, addressFailures: 0, nowMs: 0) == .usernameLocked(retryAfter: 900))
        #expect(!Self.throttle.locks(afterFailures: 4))
        #expect(Self.throttle.locks(afterFailures: 5))
    }

    @Test func test_addressLimitIsJudgedFirstAndLastsToTheNextMinute() {
        // 12.5 s into a minute: 48 s remain (rounded up).
        let now: Int64 = 60_000 * 1000 + 12_500
        #expect(Self.throttle.refusal(usernameFailures: 9, addressFailures: 20, nowMs: now) == .addressLimited(retryAfter: 48))
        #expect(Self.throttle.refusal(usernameFailures: 0, addressFailures: 19, nowMs: now) == nil)
        #expect(LoginThrottle.minute(ofMilliseconds: now) == 1000)
        #expect(Self.throttle.windowStart(nowMs: now) == now - 900_000)
    }

    @Test func test_apiKeysDoNotAdministerIdentity() {
        var principal = AccessPolicyTests.principal(.clientAdmin)
        #expect((try? AccessPolicy.checkIdentityAdministration(principal).get()) != nil)
        principal.apiKeyID = "k1"
        guard case .failure(.forbidden) = AccessPolicy.checkIdentityAdministration(principal) else {
            Issue.record("an API key administered identity")
            return
        }
    }

    @Test func test_auditorsDoNotAcknowledgeTheFeed() {
        #expect((try? AccessPolicy.checkFeedAcknowledgement(AccessPolicyTests.principal(.auditor)).get()) == nil)
        #expect((try? AccessPolicy.checkFeedAcknowledgement(AccessPolicyTests.principal(.clientUser)).get()) != nil)
    }
}
