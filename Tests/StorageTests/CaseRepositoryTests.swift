import AgentCore
import Crypto
import Foundation
import Testing
@testable import Storage

@Suite struct CaseRepositoryTests {
    static func input() -> CaseInput {
        var input = CaseInput()
        input.firstName = "Avery"
        input.lastName = "Quickpass"
        input.ssn = "151-20-1001"
        input.dateOfBirth = CivilDate(iso: "1990-02-14")
        input.alienNumber = "A123456789"
        input.documentBCNumber = "D7654321"
        return input
    }

    static func open(_ dir: TemporaryDirectory) async throws -> (Database, SQLiteCaseRepository, ClientID, UserID) {
        let database = try await Database.open(path: dir.file("cases.sqlite"))
        let cipher = try FieldCipher(keys: [1: FieldCipher.generateKey()], currentKeyID: 1)
        let cases = SQLiteCaseRepository(database: database, cipher: cipher, indexKey: SecureRandom.bytes(32))
        let identity = SQLiteIdentityRepository(database: database)
        let event = AuditEvent(actor: .system, clientID: nil, action: "setup", objectType: "test", objectID: nil, sourceIP: nil, requestID: nil)
        let client = try await identity.createClient(ClientProfile(name: "Acme", ein: "12-3456789", mouEffectiveDate: .referenceDate), audit: event)
        let user = try await identity.createUser(NewUser(username: "clerk", fullName: "C", email: nil, role: .clientUser, clientID: client.id,
                                                         passwordHash: "x", mustChangePassword: false), audit: event)
        return (database, cases, client.id, user.id)
    }

    @Test("SEC-1: no SSN, date of birth, A-number or document number is stored in plain text")
    func test_SEC1_personalDataIsEncryptedAtRest() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (database, cases, client, user) = try await Self.open(dir)
        let audit = AuditEvent(actor: .user(user), clientID: client, action: "case.create", objectType: "case", objectID: nil, sourceIP: nil, requestID: nil)
        let stored = try await cases.create(clientID: client, createdBy: user, input: Self.input(), ssn: "151-20-1001",
                                            today: .referenceDate, audit: audit) { _ in }
        #expect(stored.caseNumber.count == 15)
        let found = try await cases.find(stored.caseNumber, scope: .client(client))
        #expect(found?.input == Self.input())
        await database.close()
        // Checkpointed and closed: every byte of the database, WAL included, is on disk now.
        var bytes = Data()
        for suffix in ["", "-wal"] {
            if let data = FileManager.default.contents(atPath: dir.file("cases.sqlite") + suffix) { bytes.append(data) }
        }
        for secret in ["151-20-1001", "151201001", "1990-02-14", "A123456789", "123456789", "D7654321"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) found in plain text")
        }
        #expect(bytes.range(of: Data("Quickpass".utf8)) == nil)
    }

    @Test("CASE-8: the duplicate check finds the same SSN through the blind index only")
    func test_CASE8_duplicatesByBlindIndex() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (database, cases, client, user) = try await Self.open(dir)
        let audit = AuditEvent(actor: .user(user), clientID: client, action: "case.create", objectType: "case", objectID: nil, sourceIP: nil, requestID: nil)
        _ = try await cases.create(clientID: client, createdBy: user, input: Self.input(), ssn: "151-20-1001", today: .referenceDate, audit: audit) { _ in }
        #expect(try await cases.duplicates(clientID: client, ssn: "151201001").count == 1)
        #expect(try await cases.duplicates(clientID: client, ssn: "151-20-1002").isEmpty)
        // `admit` sees the duplicate inside the transaction and can refuse; nothing is created then.
        await #expect(throws: RepositoryError.self) {
            _ = try await cases.create(clientID: client, createdBy: user, input: Self.input(), ssn: "151-20-1001", today: .referenceDate,
                                       audit: audit) { candidates in
                if !candidates.isEmpty { throw RepositoryError.conflict(field: "ssn", message: "duplicate") }
            }
        }
        #expect(try await cases.list(scope: .allClients, clientID: nil, status: nil, limit: 10, after: nil).items.count == 1)
        await database.close()
    }

    /// An update writes the SSN's blind index and the employee id only when they change;
    /// when they do (a corrected SSN, CASE-4), the duplicate check follows the new value.
    @Test func anUpdateMovesTheKeysOnlyWhenTheyChange() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (database, cases, client, user) = try await Self.open(dir)
        let audit = AuditEvent(actor: .user(user), clientID: client, action: "case.create", objectType: "case", objectID: nil, sourceIP: nil, requestID: nil)
        var input = Self.input()
        input.employerCaseID = "EMP-1"
        let stored = try await cases.create(clientID: client, createdBy: user, input: input, ssn: "151-20-1001", today: .referenceDate,
                                            audit: audit) { _ in }
        let untouched = try await cases.update(stored, scope: .allClients, audit: audit, receipt: nil) { $0.progress.status = .queued }
        #expect(untouched.progress.status == .queued)
        #expect(try await cases.duplicates(clientID: client, ssn: "151-20-1001").map(\.status) == [.queued])
        _ = try await cases.update(stored.caseNumber, scope: .allClients, audit: audit, receipt: nil) { c in
            c.input.ssn = "151-20-2002"
            c.input.employerCaseID = "EMP-2"
        }
        #expect(try await cases.duplicates(clientID: client, ssn: "151-20-1001").isEmpty)
        #expect(try await cases.duplicates(clientID: client, ssn: "151-20-2002").count == 1)
        let employee = try await database.read { db in
            try db.scalar("SELECT employer_case_id FROM cases WHERE case_number = ?", [.text(stored.caseNumber)])?.stringValue
        }
        #expect(employee == "EMP-2")
        await database.close()
    }

    @Test("RET-1: a case of an employee the roster already shows as gone is dated in its creation, with its history entry")
    func creationDatesACaseOfATerminatedHire() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (database, cases, client, user) = try await Self.open(dir)
        let audit = AuditEvent(actor: .user(user), clientID: client, action: "case.create", objectType: "case", objectID: nil,
                               sourceIP: nil, requestID: "r1")
        var input = Self.input()
        input.dateOfHire = CivilDate(iso: "2026-01-05")
        // Matched by the SSN's blind index (no employee id on the case).
        let index = cases.ssnIndex("151-20-1001")
        try await database.write { db in
            try db.execute("""
                INSERT INTO hires (id, client_id, employee_id, date_of_hire, ssn_index, data, created_at, termination_date)
                VALUES ('h1', ?, 'HR-1', '2026-01-05', ?, x'00', '2026-01-05T00:00:00Z', '2029-06-01')
                """, [.text(client.rawValue), .blob(index)])
        }
        let dated = try await cases.create(clientID: client, createdBy: user, input: input, ssn: "151-20-1001", today: .referenceDate,
                                           audit: audit) { _ in }
        #expect(dated.progress.terminatedOn == CivilDate(iso: "2029-06-01"))
        #expect(dated.progress.retentionUntil == CivilDate(iso: "2030-06-01"))
        #expect(try await cases.find(dated.caseNumber, scope: .allClients)?.progress == dated.progress)
        let history = try #require(try await cases.history(dated.caseNumber, scope: .allClients))
        #expect(history.map(\.action) == ["case.create", "case.retention"])
        #expect(history.last?.changes.contains("\"retention_until\",\"before\":null,\"after\":\"2030-06-01\"") == true)

        // Someone else's SSN and no roster entry: no dates, one entry.
        var other = Self.input()
        other.ssn = "152-20-1002"
        let plain = try await cases.create(clientID: client, createdBy: user, input: other, ssn: "152-20-1002", today: .referenceDate,
                                           audit: audit) { _ in }
        #expect(plain.progress.retentionUntil == nil && plain.progress.terminatedOn == nil)
        #expect(try await cases.history(plain.caseNumber, scope: .allClients)?.map(\.action) == ["case.create"])
        await database.close()
    }
}

