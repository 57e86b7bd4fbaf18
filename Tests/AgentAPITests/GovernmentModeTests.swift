import AgentCore
import Foundation
import HTTPCore
import Testing
@testable import AgentAPI

/// `government_mode` and the `ica_*` keys, and what the government side's refusals
/// become for our caller.
@Suite struct GovernmentModeTests {
    static func load(_ overrides: [String: Any]) throws -> AgentConfiguration {
        try AgentConfiguration.load(file: nil, environment: [:], overrides: overrides)
    }

    @Test func simulateIsTheDefault() throws {
        let config = try AgentConfiguration.defaults()
        #expect(config.governmentMode == "simulate")
        #expect(!config.usesICA)
    }

    @Test func icaNeedsItsKeysAndHTTPS() throws {
        #expect(throws: ConfigurationError.self) { try Self.load(["government_mode": "real"]) }
        #expect(throws: ConfigurationError.self) { try Self.load(["government_mode": "ica"]) }
        let complete: [String: Any] = ["government_mode": "ica", "ica_base_url": "https://stage.example.gov/api/v31",
                                       "ica_username": "agent01", "ica_password_file": "/etc/agent/ica-password"]
        let config = try Self.load(complete)
        #expect(config.usesICA)
        #expect(config.icaSettings.maxConnections == 4)
        #expect(config.icaSettings.timeoutSeconds == 30)
        #expect(throws: ConfigurationError.self) {
            try Self.load(complete.merging(["ica_base_url": "http://stage.example.gov/api/v31"]) { $1 })
        }
        #expect(throws: ConfigurationError.self) { try Self.load(complete.merging(["ica_max_connections": 0]) { $1 }) }
        #expect(throws: ConfigurationError.self) { try Self.load(complete.merging(["ica_timeout_seconds": 0]) { $1 }) }
    }

    @Test func environmentKeepsTheURLAsText() throws {
        let config = try AgentConfiguration.load(file: nil, environment: [
            "AGENT_GOVERNMENT_MODE": "ica", "AGENT_ICA_BASE_URL": "https://127.0.0.1:9443/api/v31", "AGENT_ICA_USERNAME": "sandbox01",
            "AGENT_ICA_PASSWORD_FILE": "/tmp/p", "AGENT_ICA_FOLLOW_SANDBOX_CLOCK": "true",
        ], overrides: [:])
        #expect(config.icaBaseUrl == "https://127.0.0.1:9443/api/v31")
        #expect(config.icaFollowSandboxClock)
    }

    @Test func governmentRefusalsAndUnknownAnswersBecomeProblems() {
        let refused = GovernmentRefusal(status: 400, code: "E17", message: "The SSN is not valid.").problem
        #expect(refused.status.code == 422)
        #expect(refused.detail == "The SSN is not valid.")
        #expect(refused.errors.first?.code == "E17")
        let unknown = GovernmentAnswerUnrecognized("case_status DHS_SOMETHING_NEW").problem
        #expect(unknown.status.code == 502)
        #expect(unknown.detail.contains("review"))
    }
}
