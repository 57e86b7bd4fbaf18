import AgentCore
@testable import GovernmentSimulator
import Testing

/// The simulated clock: where it starts, how it moves, and the jobs it runs.
@Suite struct SimulatorClockTests {
    @Test func startsAtTheRealDateAndKeepsPaceWithIt() async throws {
        let (simulator, clock) = try await makeSimulator()
        #expect(simulator.today() == day("2025-03-03"))
        clock.advance(days: 2)
        #expect(simulator.today() == day("2025-03-05"))
        try await simulator.setDate(day("2030-06-01"))
        clock.advance(days: 1)
        #expect(simulator.today() == day("2030-06-02"))
    }

    @Test func advanceCountsFederalWorkDays() async throws {
        let (simulator, _) = try await makeSimulator()
        // Friday before Memorial Day (Monday 2025-05-26): one work day is Tuesday.
        try await simulator.setDate(day("2025-05-23"))
        #expect(try await simulator.advance(workDays: 1) == day("2025-05-27"))
        // From a Saturday, one work day is the Monday.
        try await simulator.setDate(day("2025-03-08"))
        #expect(try await simulator.advance(workDays: 1) == day("2025-03-10"))
        #expect(try await simulator.advance(workDays: 0) == day("2025-03-10"))
        await #expect(throws: ValidationFailure.self) { try await simulator.advance(workDays: -1) }
    }

    @Test func oneAdvanceRunsEveryJobInTheSpanInDateOrder() async throws {
        let (simulator, _) = try await makeSimulator()
        // Three cases whose agency work interleaves over three weeks.
        _ = try await simulator.submit(caseRequest(try catalogPerson("continuance"), number: "K1"))
        _ = try await simulator.submit(caseRequest(try catalogPerson("needs-more-time"), number: "K2"))
        _ = try await simulator.submit(caseRequest(try catalogPerson("no-contact-fnc"), number: "K3"))
        _ = try await simulator.refer(caseNumber: "K1", kind: .dhs, on: day("2025-03-03"))
        _ = try await simulator.refer(caseNumber: "K3", kind: .dhs, on: day("2025-03-03"))
        #expect(try await simulator.advance(workDays: 20) == day("2025-03-31"))
        let timeline = try await simulator.updatedCases().map { "\($0.on.iso) \($0.caseNumber) \($0.result.simulationCode)" }
        #expect(timeline == [
            "2025-03-04 K1 TENTATIVE_NONCONFIRMATION:DHS_TNC",
            "2025-03-06 K2 EMPLOYMENT_AUTHORIZED",
            "2025-03-10 K1 CASE_IN_CONTINUANCE",
            "2025-03-14 K3 FINAL_NONCONFIRMATION",
            "2025-03-24 K1 EMPLOYMENT_AUTHORIZED",
        ])
        #expect(try await simulator.pendingJobs().isEmpty)
    }

    @Test func movingBackUndoesNothingAndRerunsNothing() async throws {
        let (simulator, _) = try await makeSimulator()
        _ = try await simulator.submit(caseRequest(try catalogPerson("needs-more-time"), number: "K4"))
        try await simulator.advance(workDays: 5)
        let produced = try await simulator.updatedCases()
        #expect(produced.count == 1)
        try await simulator.confirmUpdates(caseNumbers: ["K4"])
        #expect(try await simulator.setDate(day("2025-01-02")) == day("2025-01-02"))
        #expect(try await simulator.simulatedCase(caseNumber: "K4")?.stage == .employmentAuthorized)
        try await simulator.setDate(day("2025-04-01"))
        #expect(try await simulator.updatedCases().isEmpty)
    }

    @Test func aJobScheduledBeforeTheClockWasMovedBackWaitsForItsDate() async throws {
        let (simulator, _) = try await makeSimulator()
        try await simulator.setDate(day("2025-02-03"))
        _ = try await simulator.submit(caseRequest(try catalogPerson("needs-more-time"), number: "K5"))
        try await simulator.setDate(day("2025-01-06"))
        #expect(try await simulator.runDueJobs().isEmpty)
        try await simulator.setDate(day("2025-02-06"))
        #expect(try await simulator.updatedCases().map(\.on) == [day("2025-02-06")])
    }

    @Test func jobsFallingDueAsRealDaysPassRunAtTheNextPoll() async throws {
        let (simulator, clock) = try await makeSimulator()
        _ = try await simulator.submit(caseRequest(try catalogPerson("needs-more-time"), number: "K6"))
        clock.set("2025-03-06", time: "00:01")
        #expect(try await simulator.updatedCases() == [GovernmentUpdate(caseNumber: "K6", result: .employmentAuthorized, on: day("2025-03-06"))])
    }

    @Test func aReferralDatedInThePastRunsItsDueStepsAtOnce() async throws {
        let (simulator, _) = try await makeSimulator()
        _ = try await simulator.submit(caseRequest(try catalogPerson("dhs-tnc"), number: "K7"))
        let receipt = try await simulator.refer(caseNumber: "K7", kind: .dhs, on: day("2025-02-03"))
        #expect(receipt.contactBy == day("2025-02-13"))
        let updates = try await simulator.runDueJobs()
        #expect(updates.map(\.on) == [day("2025-02-04"), day("2025-02-10")])
        #expect(updates.last?.result == .employmentAuthorized)
    }

    @Test func confirmingRemovesOnlyUpdatesAlreadyReturned() async throws {
        let (simulator, _) = try await makeSimulator()
        _ = try await simulator.submit(caseRequest(try catalogPerson("continuance"), number: "K8"))
        _ = try await simulator.refer(caseNumber: "K8", kind: .dhs, on: simulator.today())
        try await simulator.advance(workDays: 1)
        // Not returned yet: confirming removes nothing.
        try await simulator.confirmUpdates(caseNumbers: ["K8"])
        #expect(try await simulator.updatedCases().count == 1)
        // The outcome arrives between the poll and the confirmation: it stays.
        try await simulator.advance(workDays: 4)
        try await simulator.confirmUpdates(caseNumbers: ["K8"])
        #expect(try await simulator.updatedCases().map(\.result) == [.caseInContinuance])
        try await simulator.confirmUpdates(caseNumbers: ["K8"])
        #expect(try await simulator.updatedCases().isEmpty)
    }
}
