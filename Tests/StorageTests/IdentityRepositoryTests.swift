import AgentCore
import Crypto
import Foundation
import Testing
@testable import Storage

@Suite struct IdentityRepositoryTests {
    static func event(_ action: String) -> AuditEvent {
        AuditEvent(actor: .system, clientID: nil, action: action, objectType: "test", objectID: nil, sourceIP: "127.0.0.1", requestID: "r1")
    }

    static func profile(_ name: String, ein: String) -> ClientProfile {
        ClientProfile(name: name, ein: ein, mouEffectiveDate: CivilDate(iso: "2024-01-02") ?? .referenceDate)
    }

    static func newUser(_ name: String, role: Role, client: ClientID?) -> NewUser {
        NewUser(username: name, fullName: "Full \(name)", email: nil, role: role, clientID: client, passwordHash: "$scrypt$x",
                mustChangePassword: true)
    }

    /// Recomputes every entry's hash from the stored columns and the previous hash.
    static func chainIsIntact(_ database: Database) async throws -> (entries: Int, intact: Bool) {
        try await database.read { db in
            var previous = AuditLog.genesis
            var count = 0
            var intact = true
            for row in try db.query("""
                SELECT at, actor_type, actor_id, client_id, action, object_type, object_id, changes, source_ip, request_id, prev_hash, hash
                FROM audit_log ORDER BY id
                """, row: { row in (0..<12).map { row.value(at: $0) } }) {
                let content = AuditLog.canonical(at: row[0].stringValue ?? "", actorType: row[1].stringValue ?? "", actorID: row[2].stringValue,
                                                 clientID: row[3].stringValue, action: row[4].stringValue ?? "", objectType: row[5].stringValue ?? "",
                                                 objectID: row[6].stringValue, changes: row[7].stringValue ?? "", sourceIP: row[8].stringValue,
                                                 requestID: row[9].stringValue)
                let expected = SHA256.hash(previous + Array(content.utf8))
                if row[10].blobValue != previous || row[11].blobValue != expected { intact = false }
                previous = row[11].blobValue ?? []
                count += 1
            }
            return (count, intact)
        }
    }

    @Test func everyChangeWritesOneChainedAuditEntry() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let database = try await Database.open(path: dir.file("id.sqlite"))
        let repository = SQLiteIdentityRepository(database: database)
        let client = try await repository.createClient(Self.profile("Acme", ein: "12-3456789"), audit: Self.event("client.create"))
        let user = try await repository.createUser(Self.newUser("clerk", role: .clientUser, client: client.id), audit: Self.event("user.create"))
        _ = try await repository.updateClient(client.id, scope: .allClients, audit: Self.event("client.update")) { profile in
            var p = profile
            p.federalContractor = true
            return p
        }
        // A change that changes nothing records nothing.
        _ = try await repository.updateClient(client.id, scope: .allClients, audit: Self.event("client.update")) { $0 }
        _ = try await repository.updateUser(user.id, scope: .allClients, audit: Self.event("user.deactivate")) { $0.active = false }
        let (entries, intact) = try await Self.chainIsIntact(database)
        #expect(entries == 4)
        #expect(intact)
        let changes = try await database.read { db in
            try db.query("SELECT action, changes FROM audit_log ORDER BY id") { ($0.string(at: 0) ?? "", $0.string(at: 1) ?? "") }
        }
        #expect(changes.map(\.0) == ["client.create", "user.create", "client.update", "user.deactivate"])
        #expect(changes[2].1 == #"[{"field":"federal_contractor","before":"false","after":"true"}]"#)
        // The trail refuses edits.
        await #expect(throws: (any Error).self) {
            try await database.write { try $0.execute("UPDATE audit_log SET action = 'x'") }
        }
        await #expect(throws: (any Error).self) {
            try await database.write { try $0.execute("DELETE FROM audit_log") }
        }
        await database.close()
    }

    @Test func aRefusedChangeLeavesNoTrace() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let database = try await Database.open(path: dir.file("id.sqlite"))
        let repository = SQLiteIdentityRepository(database: database)
        let client = try await repository.createClient(Self.profile("Acme", ein: "12-3456789"), audit: Self.event("client.create"))
        await #expect(throws: RepositoryError.conflict(field: "ein", message: "A client with this EIN already exists.")) {
            _ = try await repository.createClient(Self.profile("Copy", ein: "12-3456789"), audit: Self.event("client.create"))
        }
        await #expect(throws: ValidationFailure.self) {
            _ = try await repository.updateClient(client.id, scope: .allClients, audit: Self.event("client.update")) { _ in
                throw ValidationFailure([FieldIssue(field: "name", code: "X", message: "no")])
            }
        }
        let (entries, _) = try await Self.chainIsIntact(database)
        #expect(entries == 1)
        #expect(try await repository.clients(scope: .allClients, limit: 10, after: nil).items.count == 1)
        await database.close()
    }

    @Test("ACC-2: client-scoped reads never see another client's data")
    func test_ACC2_scopedReads() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let database = try await Database.open(path: dir.file("id.sqlite"))
        let repository = SQLiteIdentityRepository(database: database)
        let a = try await repository.createClient(Self.profile("A", ein: "12-3456789"), audit: Self.event("client.create"))
        let b = try await repository.createClient(Self.profile("B", ein: "98-7654321"), audit: Self.event("client.create"))
        let userB = try await repository.createUser(Self.newUser("bob", role: .clientUser, client: b.id), audit: Self.event("user.create"))
        _ = try await repository.createUser(Self.newUser("amy", role: .clientUser, client: a.id), audit: Self.event("user.create"))
        let scopeA = AccessScope.client(a.id)
        #expect(try await repository.client(b.id, scope: scopeA) == nil)
        #expect(try await repository.user(userB.id, scope: scopeA) == nil)
        #expect(try await repository.users(scope: scopeA, limit: 10, after: nil).items.map(\.username) == ["amy"])
        #expect(try await repository.clients(scope: scopeA, limit: 10, after: nil).items.map(\.profile.name) == ["A"])
        await #expect(throws: RepositoryError.notFound) {
            _ = try await repository.updateUser(userB.id, scope: scopeA, audit: Self.event("user.update")) { $0.fullName = "x" }
        }
        await #expect(throws: RepositoryError.notFound) {
            _ = try await repository.addTrainingRecord(
                NewTrainingRecord(userID: userB.id, takenOn: .referenceDate, scorePercent: 90, passed: true, curriculumVersion: "1",
                                  source: .external, note: nil, recordedBy: nil), scope: scopeA, audit: Self.event("training.record"))
        }
        await database.close()
    }

    /// An agent admin `username` with a session of one minute from now.
    static func signedIn(_ username: String, in dir: TemporaryDirectory) async throws
        -> (Database, SQLiteIdentityRepository, User, [UInt8], Int64) {
        let database = try await Database.open(path: dir.file("id.sqlite"))
        let repository = SQLiteIdentityRepository(database: database)
        let user = try await repository.createUser(Self.newUser(username, role: .agentAdmin, client: nil), audit: Self.event("user.create"))
        let token: [UInt8] = SHA256.hash(Array("\(username)-token".utf8))
        let now = UTCTime.nowMilliseconds()
        try await repository.createSession(tokenHash: token, userID: user.id, usernameKey: username, nowMs: now, expiresAtMs: now + 60_000,
                                           totpStep: nil, audit: nil)
        return (database, repository, user, token, now)
    }

    @Test("TRN-1, TRN-3: the session knows whether its user passed on the current curriculum")
    func test_TRN1_principalCarriesTraining() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (database, repository, user, token, now) = try await Self.signedIn("root", in: dir)
        #expect(try await repository.principal(tokenHash: token, nowMs: now, curriculumVersion: "v1")?.trainedOnCurrentCurriculum == false)
        for (score, passed) in [(60, false), (85, true)] {
            _ = try await repository.addTrainingRecord(
                NewTrainingRecord(userID: user.id, takenOn: .referenceDate, scorePercent: score, passed: passed, curriculumVersion: "v1",
                                  source: .external, note: nil, recordedBy: nil), scope: .allClients, audit: Self.event("training.record"))
        }
        #expect(try await repository.principal(tokenHash: token, nowMs: now, curriculumVersion: "v1")?.trainedOnCurrentCurriculum == true)
        // A new curriculum version re-gates everyone (TRN-3).
        #expect(try await repository.principal(tokenHash: token, nowMs: now, curriculumVersion: "v2")?.trainedOnCurrentCurriculum == false)
        // Expired and revoked sessions are gone.
        #expect(try await repository.principal(tokenHash: token, nowMs: now + 61_000, curriculumVersion: "v1") == nil)
        try await repository.revokeSession(tokenHash: token, audit: Self.event("session.logout"))
        #expect(try await repository.principal(tokenHash: token, nowMs: now, curriculumVersion: "v1") == nil)
        await database.close()
    }

    /// Principals are cached per token; every identity change drops them, so a changed role,
    /// a deactivated user or a revoked session counts from the next request on.
    @Test func aCachedPrincipalFollowsEveryIdentityChange() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (database, repository, user, token, now) = try await Self.signedIn("staff", in: dir)
        #expect(try await repository.principal(tokenHash: token, nowMs: now, curriculumVersion: "v1")?.role == .agentAdmin)
        #expect(try await repository.principal(tokenHash: token, nowMs: now, curriculumVersion: "v1")?.role == .agentAdmin)
        _ = try await repository.updateUser(user.id, scope: .allClients, audit: Self.event("user.update")) { $0.role = .agentUser }
        #expect(try await repository.principal(tokenHash: token, nowMs: now, curriculumVersion: "v1")?.role == .agentUser)
        // The cached entry does not outlive the session.
        #expect(try await repository.principal(tokenHash: token, nowMs: now + 60_001, curriculumVersion: "v1") == nil)
        _ = try await repository.updateUser(user.id, scope: .allClients, audit: Self.event("user.deactivate")) { $0.active = false }
        #expect(try await repository.principal(tokenHash: token, nowMs: now, curriculumVersion: "v1") == nil)
        await database.close()
    }

    @Test func listsPageWithOpaqueCursors() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let database = try await Database.open(path: dir.file("id.sqlite"))
        let repository = SQLiteIdentityRepository(database: database)
        for i in 0..<5 {
            _ = try await repository.createClient(Self.profile("C\(i)", ein: "12-345678\(i)"), audit: Self.event("client.create"))
        }
        let first = try await repository.clients(scope: .allClients, limit: 2, after: nil)
        let second = try await repository.clients(scope: .allClients, limit: 2, after: first.nextCursor)
        let third = try await repository.clients(scope: .allClients, limit: 2, after: second.nextCursor)
        #expect(first.items.map(\.profile.name) == ["C0", "C1"])
        #expect(second.items.map(\.profile.name) == ["C2", "C3"])
        #expect(third.items.map(\.profile.name) == ["C4"])
        #expect(third.nextCursor == nil)
        await #expect(throws: RepositoryError.invalidCursor) {
            _ = try await repository.clients(scope: .allClients, limit: 2, after: "nonsense")
        }
        await database.close()
    }
}
