import AgentCore
import Testing
@testable import Storage

/// `SQLiteSimulatorStore` against the `SimulatorStore` contract, and across a reopen.
@Suite struct SimulatorStoreTests {
    static func date(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    static let person = SimulatedPerson(
        ssn: "190-20-4001", firstName: "Tess", lastName: "Roundtrip", dateOfBirth: date("1970-12-31"),
        citizenshipStatus: .noncitizenAuthorizedToWork, alienNumber: "A100004001", i94Number: "12345678A01",
        usPassportNumber: nil, photo: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0],
        ssa: SimulatedSSARecord(deceased: true, citizenshipConfirmed: false),
        dhs: SimulatedDHSRecord(workAuthorized: false, needsMoreTimeDays: 4, closeAndResubmit: true),
        onReferral: SimulatedReferralBehaviour(employeeContactsAgency: false, result: .caseInContinuance, afterWorkDays: 9,
                                               continuanceWorkDays: nil),
        scenario: "round-trip", scenarioDescription: "Every field set.")

    static func simulatedCase(_ number: String, ssn: String?, job: (SimulatedJob.Kind, String)?) -> SimulatedCase {
        let facts = SimulatedMatchFacts(citizenshipStatus: .lawfulPermanentResident, mismatchedFields: ["first_name", "ssn"],
                                        alienNumberMismatch: true, passportNumberConfirmed: false, photoDocumentPresented: true)
        let referral = SimulatedReferral(kind: .dual, referredOn: date("2025-03-03"), contactBy: date("2025-03-13"),
                                         behaviour: person.onReferral, employeeContacted: true)
        return SimulatedCase(
            caseNumber: number, personSSN: ssn, facts: facts, stage: .referred, result: .manualReview(expectedBy: date("2025-03-06")),
            mismatch: .dual, dataConfirmed: true, reviewed: true, photoAnswer: .cannotDetermine, referral: referral,
            closureReason: "OTHER", submittedOn: date("2025-03-03"),
            pendingJob: job.map { SimulatedJob(caseNumber: number, kind: $0.0, due: date($0.1)) })
    }

    @Test func peopleRoundTripAndInsertIfAbsentKeepsExisting() async throws {
        let (database, directory) = try await openTestDatabase(migrations: EmbeddedMigrations.all)
        defer { directory.remove() }
        let store = SQLiteSimulatorStore(database: database)
        try await store.savePerson(Self.person)
        #expect(try await store.person(ssn: Self.person.ssn) == Self.person)
        var other = Self.person
        other.ssn = "190-20-4002"
        other.photo = nil
        other.alienNumber = nil
        var changed = Self.person
        changed.firstName = "Changed"
        #expect(try await store.insertPeopleIfAbsent([changed, other]) == 1)
        #expect(try await store.people() == [Self.person, other])
        try await store.savePerson(changed)
        #expect(try await store.person(ssn: Self.person.ssn)?.firstName == "Changed")
        #expect(try await store.person(ssn: "190-20-9999") == nil)
        await database.close()
    }

    /// A submission's one read: the case once it exists, the person before.
    @Test func aSubmissionReadsTheCaseOrElseThePerson() async throws {
        let (database, directory) = try await openTestDatabase(migrations: EmbeddedMigrations.all)
        defer { directory.remove() }
        let store = SQLiteSimulatorStore(database: database)
        try await store.savePerson(Self.person)
        let first = try await store.submissionFile(caseNumber: "D-1", ssn: Self.person.ssn)
        #expect(first.existing == nil && first.person == Self.person)
        let unknown = try await store.submissionFile(caseNumber: "D-1", ssn: "190-20-9999")
        #expect(unknown.existing == nil && unknown.person == nil)
        let submitted = Self.simulatedCase("D-1", ssn: Self.person.ssn, job: nil)
        try await store.commit(SimulatorChanges(cases: [submitted]))
        let again = try await store.submissionFile(caseNumber: "D-1", ssn: Self.person.ssn)
        #expect(again.existing?.simulatedCase == submitted && again.person == nil)
        await database.close()
    }

    @Test func casesJobsAndUpdatesFollowTheContract() async throws {
        let (database, directory) = try await openTestDatabase(migrations: EmbeddedMigrations.all)
        defer { directory.remove() }
        let store = SQLiteSimulatorStore(database: database)
        try await store.savePerson(Self.person)
        let late = Self.simulatedCase("B-2", ssn: Self.person.ssn, job: (.referralOutcome, "2025-03-10"))
        let early = Self.simulatedCase("B-1", ssn: "190-20-0000", job: (.employeeContact, "2025-03-04"))
        let sameDay = Self.simulatedCase("A-9", ssn: nil, job: (.noContactFinalNonconfirmation, "2025-03-10"))
        let idle = Self.simulatedCase("C-1", ssn: nil, job: nil)
        let updates = [GovernmentUpdate(caseNumber: "B-1", result: .tentativeNonconfirmation(.dhsPhoto), on: Self.date("2025-03-04"),
                                        employeeContacted: true),
                       GovernmentUpdate(caseNumber: "B-2", result: .unconfirmedData(fields: ["ssn"]), on: Self.date("2025-03-05"))]
        try await store.commit(SimulatorChanges(cases: [late, early, sameDay, idle], updates: updates))

        let file = try #require(try await store.caseFile(caseNumber: "B-2"))
        #expect(file.simulatedCase == late)
        #expect(file.person == Self.person)
        #expect(try await store.caseFile(caseNumber: "B-1")?.person == nil)
        #expect(try await store.caseFile(caseNumber: "nope") == nil)
        #expect(try await store.caseFilesWithJobs(dueThrough: Self.date("2025-03-09")).map(\.simulatedCase.caseNumber) == ["B-1"])
        #expect(try await store.caseFilesWithJobs(dueThrough: Self.date("2025-03-10")).map(\.simulatedCase.caseNumber)
            == ["B-1", "A-9", "B-2"])
        #expect(try await store.pendingJobs().map(\.caseNumber) == ["B-1", "A-9", "B-2"])

        // Replacing a case clears its job.
        var done = early
        done.pendingJob = nil
        try await store.commit(SimulatorChanges(cases: [done]))
        #expect(try await store.pendingJobs().map(\.caseNumber) == ["A-9", "B-2"])

        let pending = try await store.pendingUpdates()
        #expect(pending.map(\.update) == updates)
        #expect(pending[0].sequence < pending[1].sequence)
        try await store.removeUpdates(caseNumbers: ["B-1", "B-2"], throughSequence: pending[0].sequence)
        #expect(try await store.pendingUpdates().map(\.update.caseNumber) == ["B-2"])
        // Sequences are never reused, even after the newest update was removed.
        try await store.removeUpdates(caseNumbers: ["B-2"], throughSequence: pending[1].sequence)
        try await store.commit(SimulatorChanges(updates: [updates[0]]))
        #expect(try await store.pendingUpdates().first.map { $0.sequence > pending[1].sequence } == true)
        await database.close()
    }

    @Test func everythingSurvivesAReopen() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("simulator.sqlite")
        var database = try await Database.open(path: path)
        var store = SQLiteSimulatorStore(database: database)
        #expect(try await store.loadSettings() == SimulatorSettings())
        let settings = SimulatorSettings(
            clockOffsetDays: -42, faults: SimulatedFaults(errorRate: 0.125, seed: UInt64.max - 1, latencyMs: 250),
            outages: [SimulatedOutage(fromMs: 1_000, toMs: 2_000), SimulatedOutage(fromMs: -5, toMs: -5)])
        try await store.saveSettings(settings)
        try await store.savePerson(Self.person)
        let simulatedCase = Self.simulatedCase("R-1", ssn: Self.person.ssn, job: (.resolveManualReview, "2025-03-06"))
        let update = GovernmentUpdate(caseNumber: "R-1", result: .caseInContinuance, on: Self.date("2025-03-07"), employeeContacted: true)
        try await store.commit(SimulatorChanges(cases: [simulatedCase], updates: [update]))
        await database.close()

        database = try await Database.open(path: path)
        store = SQLiteSimulatorStore(database: database)
        #expect(try await store.loadSettings() == settings)
        #expect(try await store.people() == [Self.person])
        #expect(try await store.caseFile(caseNumber: "R-1")?.simulatedCase == simulatedCase)
        #expect(try await store.pendingJobs() == [SimulatedJob(caseNumber: "R-1", kind: .resolveManualReview, due: Self.date("2025-03-06"))])
        #expect(try await store.pendingUpdates().map(\.update) == [update])
        // Saving settings again replaces the outage list.
        try await store.saveSettings(SimulatorSettings())
        #expect(try await store.loadSettings() == SimulatorSettings())
        await database.close()
    }

    @Test("the facts column is written by hand exactly as the generic encoder wrote it, and reads back")
    func factsJSONMatchesTheEncoder() throws {
        let cases: [SimulatedMatchFacts] = [
            SimulatedMatchFacts(citizenshipStatus: .usCitizen, mismatchedFields: [], alienNumberMismatch: false,
                                passportNumberConfirmed: false, photoDocumentPresented: false),
            SimulatedMatchFacts(citizenshipStatus: .noncitizenAuthorizedToWork, mismatchedFields: ["first_name", "ssn"],
                                alienNumberMismatch: true, passportNumberConfirmed: true, photoDocumentPresented: true),
            SimulatedMatchFacts(citizenshipStatus: .lawfulPermanentResident, mismatchedFields: ["quote\"back\\slash\u{01}é"],
                                alienNumberMismatch: false, passportNumberConfirmed: true, photoDocumentPresented: false),
        ]
        for facts in cases {
            let written = SimulatorRows.factsJSON(facts)
            #expect(written == (try SimulatorRows.json(facts)))
            #expect(try SimulatorRows.decode(SimulatedMatchFacts.self, written) == facts)
        }
    }
}
