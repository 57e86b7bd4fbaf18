import AgentCore
import Crypto
@testable import GovernmentSimulator
import Storage
import Testing

/// The simulator on the agent's own database: a submission's record commits with the
/// agent's change of the case, in one transaction, or not at all.
@Suite struct SimulatorAttachedSubmissionTests {
    struct Agent {
        let database: Database
        let cases: SQLiteCaseRepository
        let draft: StoredCase
        let audit: AuditEvent
    }

    /// A database with a client, a user and one draft for `person`.
    static func agent(at path: String, person: SimulatedPerson) async throws -> Agent {
        let database = try await Database.open(path: path)
        let cipher = try FieldCipher(keys: [1: FieldCipher.generateKey()], currentKeyID: 1)
        let cases = SQLiteCaseRepository(database: database, cipher: cipher, indexKey: SecureRandom.bytes(32))
        let identity = SQLiteIdentityRepository(database: database)
        let setup = AuditEvent(actor: .system, clientID: nil, action: "setup", objectType: "test", objectID: nil, sourceIP: nil, requestID: nil)
        let client = try await identity.createClient(ClientProfile(name: "Acme", ein: "12-3456789", mouEffectiveDate: .referenceDate), audit: setup)
        let user = try await identity.createUser(NewUser(username: "clerk", fullName: "C", email: nil, role: .clientUser, clientID: client.id,
                                                         passwordHash: "x", mustChangePassword: false), audit: setup)
        var input = CaseInput()
        input.firstName = person.firstName
        input.lastName = person.lastName
        input.ssn = person.ssn
        let audit = AuditEvent(actor: .user(user.id), clientID: client.id, action: "case.submit", objectType: "case", objectID: nil,
                               sourceIP: nil, requestID: nil)
        let draft = try await cases.create(clientID: client.id, createdBy: user.id, input: input, ssn: person.ssn, today: .referenceDate,
                                           audit: audit) { _ in }
        return Agent(database: database, cases: cases, draft: draft, audit: audit)
    }

    /// The agent's database with a draft for the catalog's employment-authorized person,
    /// and a simulator on `government` (the agent's own database when nil).
    static func desk(_ directory: ScratchDirectory, government: Database? = nil) async throws
        -> (agent: Agent, simulator: Simulator, person: SimulatedPerson) {
        let person = try catalogPerson("employment-authorized")
        let agent = try await agent(at: directory.file("agent.sqlite"), person: person)
        let (simulator, _) = try await makeSimulator(store: SQLiteSimulatorStore(database: government ?? agent.database))
        return (agent, simulator, person)
    }

    @Test func theRecordCommitsWithTheCaseInOneWrite() async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let (agent, simulator, person) = try await Self.desk(directory)
        let number = agent.draft.caseNumber

        let submission = try await simulator.submitAttached(caseRequest(person, number: number))
        #expect(submission.result == .employmentAuthorized)
        let record = try #require(submission.record)
        // Not known to the simulator until the agent's transaction commits.
        #expect(try await simulator.simulatedCase(caseNumber: number) == nil)

        let jobsBefore = agent.database.writer.statistics.jobs
        let updated = try await agent.cases.update(agent.draft, scope: .allClients, audit: agent.audit, receipt: nil, attaching: record) {
            $0.progress.submittedOn = .referenceDate
            CaseWorkflow.apply(.employmentAuthorized, on: .referenceDate, to: &$0.progress)
        }
        #expect(agent.database.writer.statistics.jobs - jobsBefore == 1)
        #expect(updated.progress.eligibility == .employmentAuthorized)
        #expect(try await simulator.simulatedCase(caseNumber: number)?.result == .employmentAuthorized)
        // Submitted again (a retry), it answers from the record and attaches nothing.
        let again = try await simulator.submitAttached(caseRequest(person, number: number))
        #expect(again.result == .employmentAuthorized && again.record == nil)
        await agent.database.close()
    }

    @Test func aRefusedCaseChangeDropsTheRecord() async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let (agent, simulator, person) = try await Self.desk(directory)
        let number = agent.draft.caseNumber
        let record = try #require(try await simulator.submitAttached(caseRequest(person, number: number)).record)

        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            _ = try await agent.cases.update(agent.draft, scope: .allClients, audit: agent.audit, receipt: nil, attaching: record) { _ in
                throw Refused()
            }
        }
        #expect(try await simulator.simulatedCase(caseNumber: number) == nil)
        #expect(try await agent.cases.find(number, scope: .allClients) == agent.draft)
        await agent.database.close()
    }

    @Test func aRecordForAnotherDatabaseIsWrittenThere() async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let government = try await Database.open(path: directory.file("government.sqlite"))
        let (agent, simulator, person) = try await Self.desk(directory, government: government)
        let number = agent.draft.caseNumber
        let record = try #require(try await simulator.submitAttached(caseRequest(person, number: number)).record)

        let jobsBefore = agent.database.writer.statistics.jobs
        _ = try await agent.cases.update(agent.draft, scope: .allClients, audit: agent.audit, receipt: nil, attaching: record) {
            $0.progress.submittedOn = .referenceDate
        }
        #expect(agent.database.writer.statistics.jobs - jobsBefore == 1)
        #expect(try await simulator.simulatedCase(caseNumber: number)?.result == .employmentAuthorized)
        await government.close()
        await agent.database.close()
    }

    @Test func aWriteOfAnotherKindOfStorageIsRefused() async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let agent = try await Self.agent(at: directory.file("agent.sqlite"), person: try catalogPerson("employment-authorized"))
        struct Elsewhere: AttachedWrite {}
        await #expect(throws: StorageError.foreignAttachedWrite) {
            _ = try await agent.cases.update(agent.draft, scope: .allClients, audit: agent.audit, receipt: nil, attaching: Elsewhere()) {
                $0.progress.submittedOn = .referenceDate
            }
        }
        #expect(try await agent.cases.find(agent.draft.caseNumber, scope: .allClients) == agent.draft)
        await agent.database.close()
    }

    /// A store that cannot join the agent's transaction (the in-memory one) commits itself.
    @Test func anInMemoryStoreCommitsAtOnce() async throws {
        let person = try catalogPerson("employment-authorized")
        let (simulator, _) = try await makeSimulator()
        let submission = try await simulator.submitAttached(caseRequest(person, number: "M1"))
        #expect(submission.record == nil)
        #expect(try await simulator.simulatedCase(caseNumber: "M1")?.result == .employmentAuthorized)
    }
}
