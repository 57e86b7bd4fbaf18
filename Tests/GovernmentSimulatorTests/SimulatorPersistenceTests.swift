import AgentCore
@testable import GovernmentSimulator
import Storage
import Testing

/// The simulator on SQLite: everything it knows survives closing and reopening the
/// database, and work scheduled before the restart runs after it.
@Suite struct SimulatorPersistenceTests {
    @Test func aRestartLosesNothing() async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.file("agent.sqlite")
        let clock = TestClock(startDate)

        var database = try await Database.open(path: path)
        var simulator = try await Simulator.open(store: SQLiteSimulatorStore(database: database), now: clock.now)
        try await simulator.setDate(day("2025-04-07"))
        var added = try catalogPerson("needs-more-time")
        added.ssn = "180-20-3001"
        added.scenario = nil
        try await simulator.addPerson(added)
        #expect(try await simulator.submit(caseRequest(added, number: "P1")) == .manualReview(expectedBy: day("2025-04-10")))
        _ = try await simulator.submit(caseRequest(try catalogPerson("continuance"), number: "P2"))
        _ = try await simulator.refer(caseNumber: "P2", kind: .dhs, on: day("2025-04-07"))
        try await simulator.advance(workDays: 1)
        let beforeUpdates = try await simulator.updatedCases()
        #expect(beforeUpdates.count == 1)
        let outage = try await simulator.setOutage(from: "2030-01-01T00:00:00Z", to: "2030-01-02T00:00:00Z")
        try await simulator.setFaults(errorRate: 0.25, seed: UInt64.max, latencyMs: 1)
        let jobsBefore = try await simulator.pendingJobs()
        #expect(jobsBefore.map(\.caseNumber) == ["P1", "P2"])
        await database.close()

        database = try await Database.open(path: path)
        simulator = try await Simulator.open(store: SQLiteSimulatorStore(database: database), now: clock.now)
        #expect(simulator.today() == day("2025-04-08"))
        #expect(try await simulator.person(ssn: added.ssn) == added)
        #expect(try await simulator.people().count == ScenarioCatalog.people.count + 1)
        #expect(try await simulator.pendingJobs() == jobsBefore)
        #expect(simulator.outageWindows() == [outage])
        #expect(simulator.faults == SimulatedFaults(errorRate: 0.25, seed: UInt64.max, latencyMs: 1))
        try await simulator.setFaults(errorRate: 0, seed: 0, latencyMs: 0)
        // Unconfirmed updates are delivered again after a restart.
        #expect(try await simulator.updatedCases() == beforeUpdates)
        try await simulator.advance(workDays: 15)
        let after = try await simulator.updatedCases().map { "\($0.caseNumber) \($0.result.simulationCode) \($0.on.iso)" }
        #expect(after == [
            "P2 TENTATIVE_NONCONFIRMATION:DHS_TNC 2025-04-08",
            "P1 EMPLOYMENT_AUTHORIZED 2025-04-10",
            "P2 CASE_IN_CONTINUANCE 2025-04-14",
            "P2 EMPLOYMENT_AUTHORIZED 2025-04-28",
        ])
        await database.close()
    }

    @Test func theCatalogPathsWalkTheSameOnSQLite() async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let database = try await Database.open(path: directory.file("agent.sqlite"))
        let (simulator, _) = try await makeSimulator(store: SQLiteSimulatorStore(database: database))
        let person = try catalogPerson("photo-mismatch")
        #expect(try await simulator.submit(caseRequest(person, number: "S1", documentA: "FORM_I766")) == .photoMatchRequired)
        #expect(try await simulator.retrievePhoto(caseNumber: "S1") == person.photo)
        #expect(try await simulator.photoMatch(caseNumber: "S1", answer: .noImage) == .scanAndUploadRequired)
        #expect(try await simulator.scanAndUpload(caseNumber: "S1", front: [1], back: nil) == .tentativeNonconfirmation(.dhsPhoto))
        let typo = caseRequest(try catalogPerson("are-you-sure-confirmed"), number: "S2", dateOfBirth: day("1985-04-07"))
        #expect(try await simulator.submit(typo) == .unconfirmedData(fields: ["date_of_birth"]))
        #expect(try await simulator.confirmDetails(typo) == .tentativeNonconfirmation(.ssa))
        _ = try await simulator.refer(caseNumber: "S2", kind: .ssa, on: simulator.today())
        try await simulator.advance(workDays: 4)
        #expect(try await simulator.updatedCases().last?.result == .employmentAuthorized)
        try await simulator.confirmUpdates(caseNumbers: ["S2"])
        #expect(try await simulator.updatedCases().isEmpty)
        await database.close()
    }
}
