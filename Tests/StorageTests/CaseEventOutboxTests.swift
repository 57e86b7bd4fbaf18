import AgentCore
import Crypto
import Foundation
import Testing
@testable import Storage

/// The case event outbox: events are written with their change, numbered per client,
/// returned in order until marked dispatched.
@Suite struct CaseEventOutboxTests {
    @Test("Events come with their change, in order, numbered per client; a refused change raises none")
    func eventsFollowChanges() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (database, cases, client, user) = try await CaseRepositoryTests.open(dir)
        let outbox = SQLiteCaseEventOutbox(database: database)
        let audit = IdempotencyRepositoryTests.audit(client, user)
        let stored = try await cases.create(clientID: client, createdBy: user, input: CaseRepositoryTests.input(), ssn: "151-20-1001",
                                            today: .referenceDate, audit: audit) { _ in }
        _ = try await cases.update(stored.caseNumber, scope: .allClients, audit: audit) { $0.progress.lastTouchedOn = .referenceDate }
        _ = try await cases.update(stored.caseNumber, scope: .allClients, audit: audit) { $0.progress.status = .pendingReferral }
        await #expect(throws: TestError.self) {
            try await cases.update(stored.caseNumber, scope: .allClients, audit: audit) { c in
                c.progress.status = .closed
                throw TestError(tag: 2)
            }
        }
        _ = try await cases.update(stored.caseNumber, scope: .allClients, audit: audit) { $0.progress.status = .closed }
        let events = try await outbox.pending(limit: 10)
        #expect(events.map(\.kind) == [.created, .statusChanged, .statusChanged, .closed])
        #expect(events.map(\.sequence) == [1, 2, 3, 4])
        #expect(events.allSatisfy { $0.caseNumber == stored.caseNumber && $0.clientID == client })
        guard case .progress(let progress) = events[1].payload else { Issue.record("not a case event"); return }
        #expect(progress.status == .pendingReferral)
        try await outbox.markDispatched(Array(events.prefix(2).map(\.id)))
        #expect(try await outbox.pending(limit: 10).map(\.sequence) == [3, 4])
    }

    @Test("Only the named clients' payloads are decoded; the others' events still come, in order, unread")
    func payloadsOnlyForNamedClients() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (database, cases, client, user) = try await CaseRepositoryTests.open(dir)
        let outbox = SQLiteCaseEventOutbox(database: database)
        let audit = IdempotencyRepositoryTests.audit(client, user)
        let stored = try await cases.create(clientID: client, createdBy: user, input: CaseRepositoryTests.input(), ssn: "151-20-1002",
                                            today: .referenceDate, audit: audit) { _ in }
        _ = try await cases.update(stored.caseNumber, scope: .allClients, audit: audit) { $0.progress.status = .pendingReferral }
        let unread = try await outbox.pending(limit: 10, payloadsFor: [ClientID("someone-else")])
        #expect(unread.map(\.kind) == [.created, .statusChanged])
        #expect(unread.allSatisfy { $0.payload == .unread })
        let read = try await outbox.pending(limit: 10, payloadsFor: [client])
        guard case .progress(let progress) = read[1].payload else { Issue.record("payload not decoded"); return }
        #expect(progress.status == .pendingReferral)
        #expect(try await outbox.pending(limit: 10) == read)
    }
}
