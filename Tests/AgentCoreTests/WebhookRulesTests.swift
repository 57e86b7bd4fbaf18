import Testing
@testable import AgentCore

@Suite struct WebhookRulesTests {
    let policy = WebhookRetryPolicy(baseSeconds: 5, maxSeconds: 300, maxAttempts: 8)

    @Test func backoffDoublesIsCappedAndJittersBetweenHalfAndAll() {
        #expect(policy.delaySeconds(afterAttempts: 1, unit: 1) == 5)
        #expect(policy.delaySeconds(afterAttempts: 1, unit: 0) == 2.5)
        #expect(policy.delaySeconds(afterAttempts: 2, unit: 1) == 10)
        #expect(policy.delaySeconds(afterAttempts: 4, unit: 1) == 40)
        #expect(policy.delaySeconds(afterAttempts: 7, unit: 1) == 300)
        #expect(policy.delaySeconds(afterAttempts: 7, unit: 0.5) == 225)
    }

    @Test func afterTheLastAttemptNothingIsScheduled() {
        #expect(policy.delaySeconds(afterAttempts: 8, unit: 0.5) == nil)
        #expect(WebhookRetryPolicy(baseSeconds: 1, maxSeconds: 1e9, maxAttempts: 1000).delaySeconds(afterAttempts: 999, unit: 1) == 1e9)
    }

    @Test func subscriptionsMatchTheWildcardOrTheExactType() {
        #expect(WebhookEvents.matches(["*"], type: "case.closed"))
        #expect(WebhookEvents.matches(["case.closed"], type: "case.closed"))
        #expect(!WebhookEvents.matches(["case.created"], type: "case.closed"))
        #expect(!WebhookEvents.matches(["case.*"], type: "case.closed"))
    }

    @Test func registrationNeedsUrlAndKnownEvents() {
        var issues = IssueCollector()
        WebhookRules.check(WebhookInput(url: nil, events: ["case.created", "case.deleted"]), creating: true, into: &issues)
        #expect(issues.issues.map(\.field) == ["url", "events[1]"])
        var none = IssueCollector()
        WebhookRules.check(WebhookInput(events: []), creating: false, into: &none)
        #expect(none.issues.map(\.code) == [FieldIssue.required])
    }

    @Test func onlyAdminsOfTheClientOrTheAgentManageWebhooks() {
        func principal(_ role: Role, _ client: String?) -> Principal {
            Principal(userID: UserID("u"), username: "u", fullName: "U", role: role, clientID: client.map { ClientID($0) },
                      mustChangePassword: false, trainedOnCurrentCurriculum: true)
        }
        #expect(AccessPolicy.mayManageWebhooks(principal(.agentAdmin, nil), client: ClientID("c1")))
        #expect(AccessPolicy.mayManageWebhooks(principal(.clientAdmin, "c1"), client: ClientID("c1")))
        #expect(!AccessPolicy.mayManageWebhooks(principal(.clientAdmin, "c2"), client: ClientID("c1")))
        #expect(!AccessPolicy.mayManageWebhooks(principal(.clientUser, "c1"), client: ClientID("c1")))
        #expect(!AccessPolicy.mayManageWebhooks(principal(.agentUser, nil), client: ClientID("c1")))
    }
}
