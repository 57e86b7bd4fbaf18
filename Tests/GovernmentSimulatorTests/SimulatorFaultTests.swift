import AgentCore
@testable import GovernmentSimulator
import Testing

/// Outage windows and seeded random failures.
@Suite struct SimulatorFaultTests {
    /// Which of `count` cheap gateway calls fail.
    static func failurePattern(_ simulator: Simulator, count: Int) async -> [Bool] {
        var pattern: [Bool] = []
        for _ in 0..<count {
            pattern.append(await isUnavailable { _ = try await simulator.updatedCases() })
        }
        return pattern
    }

    @Test func splitMix64MatchesItsReferenceOutput() {
        var generator = SplitMix64(seed: 1_234_567)
        #expect([generator.next(), generator.next(), generator.next()]
            == [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423])
    }

    @Test func theSameSeedFailsTheSameCalls() async throws {
        let (first, _) = try await makeSimulator()
        let (second, _) = try await makeSimulator()
        try await first.setFaults(errorRate: 0.4, seed: 42, latencyMs: 0)
        try await second.setFaults(errorRate: 0.4, seed: 42, latencyMs: 0)
        let a = await Self.failurePattern(first, count: 60)
        let b = await Self.failurePattern(second, count: 60)
        #expect(a == b)
        #expect(a.contains(true) && a.contains(false))
        // Setting the faults again restarts the sequence; another seed gives another one.
        try await first.setFaults(errorRate: 0.4, seed: 42, latencyMs: 0)
        #expect(await Self.failurePattern(first, count: 60) == a)
        try await first.setFaults(errorRate: 0.4, seed: 43, latencyMs: 0)
        #expect(await Self.failurePattern(first, count: 60) != a)
    }

    @Test func errorRateOneAlwaysFailsAndZeroNever() async throws {
        let (simulator, _) = try await makeSimulator()
        try await simulator.setFaults(errorRate: 1, seed: 7, latencyMs: 0)
        #expect(await Self.failurePattern(simulator, count: 20).allSatisfy { $0 })
        // A failed submission changed nothing: retried later, it is answered.
        let request = caseRequest(try catalogPerson("employment-authorized"), number: "F1")
        #expect(await isUnavailable { _ = try await simulator.submit(request) })
        #expect(try await simulator.simulatedCase(caseNumber: "F1") == nil)
        try await simulator.setFaults(errorRate: 0, seed: 7, latencyMs: 0)
        #expect(await Self.failurePattern(simulator, count: 20).allSatisfy { !$0 })
        #expect(try await simulator.submit(request) == .employmentAuthorized)
    }

    @Test func latencyDelaysEveryCall() async throws {
        let (simulator, _) = try await makeSimulator()
        try await simulator.setFaults(errorRate: 0, seed: 0, latencyMs: 40)
        let elapsed = try await ContinuousClock().measure { _ = try await simulator.updatedCases() }
        #expect(elapsed >= .milliseconds(40))
    }

    @Test func faultSettingsAreValidated() async throws {
        let (simulator, _) = try await makeSimulator()
        do {
            try await simulator.setFaults(errorRate: 1.5, seed: 0, latencyMs: -1)
            Issue.record("expected a validation failure")
        } catch let failure as ValidationFailure {
            #expect(failure.issues.map(\.field) == ["error_rate", "latency_ms"])
        }
    }

    @Test func callsInsideAnOutageWindowThrowAndStatusSaysDown() async throws {
        let (simulator, _) = try await makeSimulator()
        let request = caseRequest(try catalogPerson("employment-authorized"), number: "F2")
        let outage = try await simulator.setOutage(from: "2025-03-03T11:00:00Z", to: "2025-03-03T13:00:00Z")
        #expect(simulator.outageWindows() == [outage])
        #expect(outage.dates == day("2025-03-03")...day("2025-03-03"))
        #expect(await isUnavailable { _ = try await simulator.submit(request) })
        #expect(await isUnavailable { _ = try await simulator.updatedCases() })
        #expect(await isUnavailable { try await simulator.close(caseNumber: "F2", reasonCode: "OTHER") })
        #expect(await simulator.status().up == false)
        try await simulator.clearOutages()
        #expect(await simulator.status().up)
        #expect(try await simulator.submit(request) == .employmentAuthorized)
    }

    @Test func outagesFollowTheSimulatedDate() async throws {
        let (simulator, _) = try await makeSimulator()
        // A whole simulated day (date form: inclusive to 23:59:59.999).
        try await simulator.setOutage(from: "2025-03-05", to: "2025-03-05")
        #expect(await !isUnavailable { _ = try await simulator.updatedCases() })
        try await simulator.advance(workDays: 2)
        #expect(await isUnavailable { _ = try await simulator.updatedCases() })
        // The clock itself still moves during an outage.
        try await simulator.advance(workDays: 1)
        #expect(await !isUnavailable { _ = try await simulator.updatedCases() })
        #expect(simulator.outageWindows().map(\.dates) == [day("2025-03-05")...day("2025-03-05")])
    }

    @Test func windowEndsAreInclusiveToTheUnitWritten() async throws {
        // The test clock reads 12:00:00.000 UTC.
        let (simulator, _) = try await makeSimulator()
        try await simulator.setOutage(from: "2025-03-03T08:00-04:00", to: "2025-03-03T12:00Z")
        #expect(await isUnavailable { _ = try await simulator.updatedCases() })
        try await simulator.clearOutages()
        try await simulator.setOutage(from: "2025-03-03T12:00:00.001Z", to: "2025-03-04")
        #expect(await !isUnavailable { _ = try await simulator.updatedCases() })
    }

    @Test func unreadableOrReversedWindowsAreRefused() async throws {
        let (simulator, _) = try await makeSimulator()
        do {
            try await simulator.setOutage(from: "yesterday", to: "2025-13-01")
            Issue.record("expected a validation failure")
        } catch let failure as ValidationFailure {
            #expect(failure.issues.map(\.field) == ["from", "to"])
        }
        do {
            try await simulator.setOutage(from: "2025-03-04", to: "2025-03-03T23:00Z")
            Issue.record("expected a validation failure")
        } catch let failure as ValidationFailure {
            #expect(failure.issues.map(\.code) == [FieldIssue.outOfRange])
        }
        #expect(simulator.outageWindows().isEmpty)
    }
}
