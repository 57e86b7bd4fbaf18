import Foundation
import Synchronization
import Testing
@testable import AgentAPI

/// Issue 12: the password-hashing settings and the bounded hashing queue.
@Suite struct HardeningSettingsTests {
    @Test func test_scryptDefaultsToLogN17AndKeeps15AsTheFloorOutsideSimulation() throws {
        let defaults = try AgentConfiguration.defaults()
        #expect(defaults.passwordHashLogN == 17)
        #expect(defaults.sessionMaxLifetimeSeconds == 43_200)
        #expect(defaults.loginFailuresPerAddressPerMinute == 20)
        #expect(throws: ConfigurationError.self) {
            try AgentConfiguration.load(file: nil, environment: ["AGENT_SIMULATE": "false", "AGENT_PASSWORD_HASH_LOG_N": "14"], overrides: [:])
        }
        let real = try AgentConfiguration.load(file: nil, environment: ["AGENT_SIMULATE": "false", "AGENT_PASSWORD_HASH_LOG_N": "15"],
                                               overrides: [:])
        #expect(real.passwordHashLogN == 15)
        let test = try AgentConfiguration.load(file: nil, environment: ["AGENT_SIMULATE": "true", "AGENT_PASSWORD_HASH_LOG_N": "10"],
                                               overrides: [:])
        #expect(test.passwordHashLogN == 10)
    }

    @Test func test_fullHashingQueueRefusesAtOnce() async throws {
        let pool = BlockingWorkPool(threads: 1, maxQueued: 1, name: "test-pool")
        defer { pool.shutdown() }
        let release = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        // One job holds the only thread; one more may wait; the third is refused.
        async let busy: Void = pool.run { started.signal(); release.wait() }
        started.wait()
        async let waiting: Int = pool.run { 2 }
        while pool.hasRoom { try await Task.sleep(for: .milliseconds(5)) }
        await #expect(throws: WorkPoolSaturated.self) { try await pool.run { 3 } }
        release.signal()
        try await busy
        #expect(try await waiting == 2)
    }
}
