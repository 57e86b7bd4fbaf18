import AgentCore
import Crypto
import Foundation
import Testing
@testable import Storage

/// The repository's memo of its own recent writes: what an action starts from right after
/// a create, and why a stale copy never loses a change.
@Suite struct RecentCaseWritesTests {
    static func stored(_ number: String, client: String = "client-a") -> StoredCase {
        StoredCase(caseNumber: number, clientID: ClientID(client), createdBy: UserID("user"), input: CaseRepositoryTests.input(),
                   progress: CaseProgress(createdOn: .referenceDate), createdAt: "t", updatedAt: "t", version: [1, 2, 3])
    }

    /// A repository on a fresh database, and one case it created (so its memo holds it).
    static func openWithACase(_ dir: TemporaryDirectory) async throws
        -> (Database, SQLiteCaseRepository, ClientID, AuditEvent, StoredCase) {
        let (database, cases, client, user) = try await CaseRepositoryTests.open(dir)
        let audit = IdempotencyRepositoryTests.audit(client, user)
        let created = try await cases.create(clientID: client, createdBy: user, input: CaseRepositoryTests.input(), ssn: "151-20-1001",
                                             today: .referenceDate, audit: audit) { _ in }
        return (database, cases, client, audit, created)
    }

    @Test("A remembered case is recalled as written, within its client's scope only")
    func recallKeepsScope() {
        let memo = RecentCaseWrites()
        let written = Self.stored("C1")
        memo.remember(written)
        let recalled = memo.recall("C1", scope: .allClients)
        #expect(recalled == written)
        #expect(recalled?.version == [1, 2, 3])
        #expect(memo.recall("C1", scope: .client(ClientID("client-a"))) == written)
        #expect(memo.recall("C1", scope: .client(ClientID("client-b"))) == nil)
        #expect(memo.recall("C2", scope: .allClients) == nil)
    }

    @Test("A copy older than the lifetime is not recalled, and is dropped")
    func lifetimeBoundsACopy() async throws {
        let memo = RecentCaseWrites(lifetime: .milliseconds(20))
        memo.remember(Self.stored("C1"))
        try await Task.sleep(for: .milliseconds(40))
        #expect(memo.recall("C1", scope: .allClients) == nil)
        #expect(memo.count == 0)
    }

    @Test("Copies past their lifetime leave memory without any recall; the sweeps start again with the next copy")
    func sweepsDropExpiredCopies() async throws {
        let memo = RecentCaseWrites(lifetime: .milliseconds(40))
        memo.remember(Self.stored("C1"))
        memo.remember(Self.stored("C2"))
        #expect(memo.count == 2)
        try await Self.waitUntil { memo.count == 0 }
        memo.remember(Self.stored("C3"))
        #expect(memo.count == 1)
        try await Self.waitUntil { memo.count == 0 }
    }

    /// Polls `condition` for up to 5 s (a coarse guard, not a timing assertion).
    static func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<500 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
        #expect(condition())
    }

    @Test("Past the capacity the oldest case goes; a case remembered again stays")
    func capacityDropsTheOldest() {
        let memo = RecentCaseWrites(capacity: 3)
        for number in ["C1", "C2", "C3"] { memo.remember(Self.stored(number)) }
        memo.remember(Self.stored("C1"))  // again: now the newest, in the fourth slot (the first one's)
        memo.remember(Self.stored("C4"))  // takes C2's slot
        #expect(memo.recall("C2", scope: .allClients) == nil)
        memo.remember(Self.stored("C5"))  // takes C3's slot
        #expect(memo.recall("C3", scope: .allClients) == nil)
        for number in ["C1", "C4", "C5"] { #expect(memo.recall(number, scope: .allClients) != nil, "\(number)") }
        #expect(memo.count == 3)
        memo.forget("C4")
        #expect(memo.recall("C4", scope: .allClients) == nil)
        #expect(memo.count == 2)
    }

    @Test("After a create and after an update, the change starts from the repository's own copy")
    func createAndUpdateAreRemembered() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (database, cases, client, audit, created) = try await Self.openWithACase(dir)
        let first = try #require(try await cases.findForChange(created.caseNumber, scope: .client(client)))
        #expect(first == created)
        #expect(first.version == created.version)
        // Another client's user is refused as by a read.
        #expect(try await cases.findForChange(created.caseNumber, scope: .client(ClientID("someone-else"))) == nil)

        let later = try #require(CivilDate(iso: "2026-02-02"))
        let updated = try await cases.update(first, scope: .allClients, audit: audit) { $0.progress.lastTouchedOn = later }
        let second = try #require(try await cases.findForChange(created.caseNumber, scope: .allClients))
        #expect(second == updated)
        #expect(second.version == updated.version)
        // What it recalls is what a read finds.
        let read = try #require(try await cases.find(created.caseNumber, scope: .allClients))
        #expect(read == second)
        #expect(read.version == second.version)
        await database.close()
    }

    @Test("A copy that another writer made stale is answered, and the change still lands on the newer case")
    func staleCopyLosesNoChange() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (database, cases, _, audit, created) = try await Self.openWithACase(dir)
        // A second repository on the same database stands for a writer this one does not see.
        let other = SQLiteCaseRepository(database: database, cipher: cases.cipher, indexKey: cases.indexKey)
        let later = try #require(CivilDate(iso: "2026-02-02"))
        _ = try await other.update(created.caseNumber, scope: .allClients, audit: audit) { $0.progress.lastTouchedOn = later }

        let copy = try #require(try await cases.findForChange(created.caseNumber, scope: .allClients))
        #expect(copy.progress.lastTouchedOn == created.progress.lastTouchedOn && created.progress.lastTouchedOn != later,
                "the copy comes from memory, not from a read")
        #expect(try await cases.find(created.caseNumber, scope: .allClients)?.progress.lastTouchedOn == later)

        let updated = try await cases.update(copy, scope: .allClients, audit: audit) { $0.progress.unconfirmedFields.append("ssn") }
        #expect(updated.progress.lastTouchedOn == later)
        #expect(updated.progress.unconfirmedFields == ["ssn"])
        let stored = try #require(try await cases.find(created.caseNumber, scope: .allClients))
        #expect(stored == updated)
        // An update by case number also starts from the copy and still lands.
        let again = try await cases.update(created.caseNumber, scope: .allClients, audit: audit) { $0.progress.detailsConfirmed = true }
        #expect(again.progress.lastTouchedOn == later && again.progress.unconfirmedFields == ["ssn"] && again.progress.detailsConfirmed)
        await database.close()
    }

    @Test("A purge drops the repository's copy of the case")
    func purgeForgetsTheCopy() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (database, cases, _, audit, created) = try await Self.openWithACase(dir)
        #expect(cases.recentWrites.recall(created.caseNumber, scope: .allClients) != nil)
        let retention = SQLiteRetention(database: database, cipher: cases.cipher, cases: cases)
        // Not due (no retention date): nothing is purged, and the copy goes all the same.
        #expect(try await retention.purge(created.caseNumber, today: .referenceDate, audit: audit) == nil)
        #expect(cases.recentWrites.recall(created.caseNumber, scope: .allClients) == nil)
        await database.close()
    }
}
