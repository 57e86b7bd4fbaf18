import AgentCore
import Foundation
import Testing
@testable import Storage

/// Updates are prepared outside the writer and written only if the case is still as
/// read: no change is ever lost to a concurrent one.
@Suite struct CaseUpdateConcurrencyTests {
    @Test("An update starting from a stale read starts again from the newer state")
    func staleStartIsReread() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (_, cases, client, user) = try await CaseRepositoryTests.open(dir)
        let audit = IdempotencyRepositoryTests.audit(client, user)
        let created = try await cases.create(clientID: client, createdBy: user, input: CaseRepositoryTests.input(), ssn: "151-20-1001",
                                             today: .referenceDate, audit: audit) { _ in }
        let stale = try #require(try await cases.find(created.caseNumber, scope: .allClients))
        let later = try #require(CivilDate(iso: "2026-02-02"))
        _ = try await cases.update(created.caseNumber, scope: .allClients, audit: audit) { $0.progress.lastTouchedOn = later }
        let updated = try await cases.update(stale, scope: .allClients, audit: audit) { $0.progress.unconfirmedFields.append("ssn") }
        #expect(updated.progress.lastTouchedOn == later)
        #expect(updated.progress.unconfirmedFields == ["ssn"])
        let stored = try #require(try await cases.find(created.caseNumber, scope: .allClients))
        #expect(stored == updated)
        #expect(stored.version == updated.version)
    }

    @Test("Concurrent updates of one case all land")
    func concurrentUpdatesAllLand() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (_, cases, client, user) = try await CaseRepositoryTests.open(dir)
        let audit = IdempotencyRepositoryTests.audit(client, user)
        let created = try await cases.create(clientID: client, createdBy: user, input: CaseRepositoryTests.input(), ssn: "151-20-1001",
                                             today: .referenceDate, audit: audit) { _ in }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<12 {
                group.addTask {
                    _ = try await cases.update(created.caseNumber, scope: .allClients, audit: audit) {
                        $0.progress.unconfirmedFields.append("f\(index)")
                    }
                }
            }
            try await group.waitForAll()
        }
        let stored = try #require(try await cases.find(created.caseNumber, scope: .allClients))
        #expect(Set(stored.progress.unconfirmedFields) == Set((0..<12).map { "f\($0)" }))
        let history = try #require(try await cases.history(created.caseNumber, scope: .allClients))
        #expect(history.count == 13)
    }
}
