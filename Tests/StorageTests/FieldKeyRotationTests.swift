import Crypto
import Foundation
import Testing
@testable import Storage

@Suite struct FieldKeyRotationTests {
    @Test func appendingAKeyKeepsTheOldOnesAndMode0600() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("field.key")
        _ = try FieldKeyFile.loadOrCreate(at: path, createIfMissing: true)
        let first = try FieldKeyFile.loadAll(at: path)
        try FieldKeyFile.append(FieldKey(id: 2, bytes: try FieldCipher.generateKey()), at: path)
        let keys = try FieldKeyFile.loadAll(at: path)
        #expect(keys.map(\.id) == [1, 2] && keys.first == first.first)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int ?? 0) & 0o777 == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["field.key"])
    }

    @Test func everySealedValueMovesToTheNewKeyAndStillOpens() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let keyPath = directory.file("field.key")
        _ = try FieldKeyFile.loadOrCreate(at: keyPath, createIfMissing: true)
        let keys = try FieldKeyFile.loadAll(at: keyPath)
        let old = try FieldCipher(keys: [1: keys[0].bytes], currentKeyID: 1)
        let database = try await Database.open(path: directory.file("agent.sqlite"))
        // Webhook secrets: sealed values in a table without foreign keys to fill.
        for i in 0..<7 {
            let id = "w\(i)"
            let secret = try old.seal("whsec_\(i)", context: SQLiteWebhookRepository.secretContext(id, slot: "secret"))
            try await database.write { db in
                try db.execute("""
                    INSERT INTO webhooks (id, client_id, url, events, secret, created_at, updated_at) VALUES (?, 'c', 'https://x', '[]', ?, 'n', 'n')
                    """, [.text(id), .blob(secret)])
            }
        }
        let outcome = try await FieldKeyRotation(database: database, keyPath: keyPath, batchSize: 3).run()
        #expect(outcome == FieldKeyRotation.Outcome(fromKeyID: 1, toKeyID: 2, resealed: 7, resumed: false))
        let ring = try FieldKeyFile.loadAll(at: keyPath)
        let cipher = try FieldCipher(keys: Dictionary(uniqueKeysWithValues: ring.map { ($0.id, $0.bytes) }), currentKeyID: 2)
        let rows = try await database.read { db in
            try db.query("SELECT id, secret FROM webhooks ORDER BY id") { ($0.string(at: 0) ?? "", $0.blob(at: 1) ?? []) }
        }
        for (id, sealed) in rows {
            #expect(FieldCipher.keyID(of: sealed) == 2)
            #expect(try cipher.openString(sealed, context: SQLiteWebhookRepository.secretContext(id, slot: "secret")) == "whsec_\(id.dropFirst())")
        }
        let audited = try await database.read { try $0.scalar("SELECT count(*) FROM audit_log WHERE action = 'field_key.rotate'")?.int64Value }
        #expect(audited == 1)
        // A second rotation is a new one, to key 3.
        let next = try await FieldKeyRotation(database: database, keyPath: keyPath).run()
        #expect(next.toKeyID == 3 && next.resealed == 7 && !next.resumed)
        await database.close()
    }
}
