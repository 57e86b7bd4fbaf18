import AgentCore
import Crypto
import Foundation
import Testing
@testable import Storage

/// The case event outbox: events are written with their change, numbered per client,
/// returned in order until marked dispatched.
@Suite struct CaseEventOutboxTests {
    /// Gives `client` a webhook row (enabled or not), as the webhook repository writes one.
    static func subscribe(_ client: ClientID, on database: Database, enabled: Bool = true) async throws {
        try await database.write { db in
            try db.execute("""
                INSERT INTO webhooks (id, client_id, url, events, enabled, secret, created_at, updated_at)
                VALUES (?, ?, 'https://hr.example/hook', '["*"]', ?, x'00', 't', 't')
                """, [.text(RowCodec.newID()), .text(client.rawValue), .integer(enabled ? 1 : 0)])
        }
    }

    @Test("Events come with their change, in order, numbered per client; a refused change raises none")
    func eventsFollowChanges() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (database, cases, client, user) = try await CaseRepositoryTests.open(dir)
        let outbox = SQLiteCaseEventOutbox(database: database)
        try await Self.subscribe(client, on: database)
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
        try await Self.subscribe(client, on: database)
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

    @Test("A client without an enabled webhook gets no events; from the change after one is enabled, it does")
    func noEventsWithoutAReceiver() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (database, cases, client, user) = try await CaseRepositoryTests.open(dir)
        let outbox = SQLiteCaseEventOutbox(database: database)
        let audit = IdempotencyRepositoryTests.audit(client, user)
        let stored = try await cases.create(clientID: client, createdBy: user, input: CaseRepositoryTests.input(), ssn: "151-20-1003",
                                            today: .referenceDate, audit: audit) { _ in }
        try await Self.subscribe(client, on: database, enabled: false)
        _ = try await cases.update(stored.caseNumber, scope: .allClients, audit: audit) { $0.progress.status = .pendingReferral }
        #expect(try await outbox.pending(limit: 10).isEmpty)
        try await Self.subscribe(client, on: database)
        _ = try await cases.update(stored.caseNumber, scope: .allClients, audit: audit) { $0.progress.status = .closed }
        let events = try await outbox.pending(limit: 10)
        #expect(events.map(\.kind) == [.statusChanged, .closed])
        #expect(events.map(\.sequence) == [1, 2])
        guard case .progress(let progress) = events[0].payload else { Issue.record("not a case event"); return }
        #expect(progress.status == .closed)
        await database.close()
    }
}
