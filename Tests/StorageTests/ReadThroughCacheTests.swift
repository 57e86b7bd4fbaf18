import AgentCore
import Foundation
import Testing
@testable import Storage

@Suite struct ReadThroughCacheTests {
    @Test func aReadThatOverlapsAWriteIsNotKept() {
        let cache = ReadThroughCache<String, Int>(capacity: 10)
        let (missing, ticket) = cache.lookup("a")
        #expect(missing == nil)
        cache.invalidate("a")                  // a write ended while the read was under way
        cache.store(1, for: "a", ticket: ticket)
        #expect(cache.lookup("a").value == nil)
        let (_, fresh) = cache.lookup("a")
        cache.store(2, for: "a", ticket: fresh)
        #expect(cache.lookup("a").value == 2)
        cache.invalidate("a")
        #expect(cache.lookup("a").value == nil)
    }

    @Test func invalidatingAllDropsEveryEntryAndEveryOpenTicket() {
        let cache = ReadThroughCache<String, Int>(capacity: 10)
        cache.store(1, for: "a", ticket: cache.lookup("a").ticket)
        let (_, ticket) = cache.lookup("b")
        cache.invalidateAll()
        cache.store(2, for: "b", ticket: ticket)
        #expect(cache.lookup("a").value == nil && cache.lookup("b").value == nil)
    }

    @Test func startsOverPastItsCapacity() {
        let cache = ReadThroughCache<Int, Int>(capacity: 3)
        for key in 0..<3 { cache.store(key, for: key, ticket: cache.lookup(key).ticket) }
        #expect((0..<3).allSatisfy { cache.lookup($0).value == $0 })
        cache.store(3, for: 3, ticket: cache.lookup(3).ticket)
        #expect(cache.lookup(0).value == nil && cache.lookup(3).value == 3)
    }

    @Test("A client read after a change shows the change, also when the row was cached before it")
    func clientChangesAreSeen() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let database = try await Database.open(path: dir.file("identity.sqlite"))
        let identity = SQLiteIdentityRepository(database: database)
        let event = AuditEvent(actor: .system, clientID: nil, action: "setup", objectType: "test", objectID: nil, sourceIP: nil, requestID: nil)
        let client = try await identity.createClient(ClientProfile(name: "Acme", ein: "12-3456789", mouEffectiveDate: .referenceDate), audit: event)
        #expect(try await identity.client(client.id, scope: .allClients)?.profile.name == "Acme")
        #expect(try await identity.client(client.id, scope: .allClients)?.profile.requireSecondaryReview == false)
        _ = try await identity.updateClient(client.id, scope: .allClients, audit: event) { profile in
            var changed = profile
            changed.name = "Acme Staffing"
            changed.requireSecondaryReview = true
            return changed
        }
        let read = try await identity.client(client.id, scope: .allClients)
        #expect(read?.profile.name == "Acme Staffing" && read?.profile.requireSecondaryReview == true)
        // A refused change leaves the row, and the cache, as they were.
        await #expect(throws: TestError.self) {
            _ = try await identity.updateClient(client.id, scope: .allClients, audit: event) { _ in throw TestError(tag: 1) }
        }
        #expect(try await identity.client(client.id, scope: .allClients)?.profile.name == "Acme Staffing")
        #expect(try await identity.client(client.id, scope: .client(ClientID("other"))) == nil)
        await database.close()
    }
}
