import AgentCore
import Crypto
import Foundation

/// `WebhookRepository` on SQLite: registrations here, deliveries in
/// `SQLiteWebhookRepository+Deliveries.swift`. Secrets are sealed with the field cipher,
/// bound to their webhook and slot, so a ciphertext copied elsewhere does not open.
public final class SQLiteWebhookRepository: WebhookRepository {
    let database: Database
    let cipher: FieldCipher

    public init(database: Database, cipher: FieldCipher) {
        self.database = database
        self.cipher = cipher
    }

    static let columns = "rowid, id, client_id, url, events, description, enabled, created_at, updated_at, previous_secret_expires_ms"

    static func webhook(from row: Statement) -> (rowid: Int64, item: Webhook) {
        let expires = row.optionalInt64(at: 9)
        let hook = Webhook(id: row.string(at: 1) ?? "", clientID: ClientID(row.string(at: 2) ?? ""), url: row.string(at: 3) ?? "",
                           events: RowCodec.strings(row.string(at: 4)), description: row.string(at: 5), enabled: row.int64(at: 6) != 0,
                           createdAt: row.string(at: 7) ?? "", updatedAt: row.string(at: 8) ?? "",
                           previousSecretExpiresAt: expires.map { UTCTime.iso(milliseconds: $0) })
        return (row.int64(at: 0), hook)
    }

    static func secretContext(_ webhookID: String, slot: String) -> [UInt8] {
        FieldCipher.context(["webhooks", slot, webhookID])
    }

    func seal(_ secret: String, webhookID: String, slot: String = "secret") throws -> [UInt8] {
        try cipher.seal(secret, context: Self.secretContext(webhookID, slot: slot))
    }

    func open(_ sealed: [UInt8], webhookID: String, slot: String = "secret") throws -> String {
        try cipher.openString(sealed, context: Self.secretContext(webhookID, slot: slot))
    }

    private static func load(_ id: String, scope: AccessScope, on db: Connection) throws -> Webhook? {
        let filter = RowCodec.scopeFilter(scope)
        return try db.queryFirst("SELECT \(columns) FROM webhooks WHERE id = ?\(filter.sql)", [.text(id)] + filter.parameters) {
            webhook(from: $0).item
        }
    }

    public func create(clientID: ClientID, url: String, events: [String], description: String?, secret: String,
                       audit: AuditEvent) async throws -> Webhook {
        let id = RowCodec.newID()
        let sealed = try seal(secret, webhookID: id)
        let prepared = AuditLog.prepare(audit.with(changes: [FieldChange(field: "url", before: nil, after: url),
                                                             FieldChange(field: "events", before: nil, after: events.joined(separator: ","))],
                                                   objectID: id, clientID: clientID))
        return try await database.write { db in
            let now = prepared.at
            try db.execute("""
                INSERT INTO webhooks (id, client_id, url, events, description, enabled, secret, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)
                """, [.text(id), .text(clientID.rawValue), .text(url), .text(RowCodec.json(events)), SQLValue(description),
                      .blob(sealed), .text(now), .text(now)])
            try AuditLog.append(prepared, on: db)
            return Webhook(id: id, clientID: clientID, url: url, events: events, description: description, enabled: true,
                           createdAt: now, updatedAt: now)
        }
    }

    public func list(clientID: ClientID, limit: Int, after cursor: String?) async throws -> Page<Webhook> {
        let after = try RowCodec.rowid(fromCursor: cursor)
        return try await database.read { db in
            let rows = try db.query("SELECT \(Self.columns) FROM webhooks WHERE client_id = ? AND rowid > ? ORDER BY rowid LIMIT ?",
                                    [.text(clientID.rawValue), .integer(after), SQLValue(limit + 1)]) { Self.webhook(from: $0) }
            return RowCodec.page(rows, limit: limit)
        }
    }

    public func find(_ id: String, scope: AccessScope) async throws -> Webhook? {
        try await database.read { db in try Self.load(id, scope: scope, on: db) }
    }

    public func update(_ id: String, scope: AccessScope, input: WebhookInput, audit: AuditEvent) async throws -> Webhook {
        try await database.write { db in
            guard var hook = try Self.load(id, scope: scope, on: db) else { throw RepositoryError.notFound }
            var changes: [FieldChange] = []
            if let url = input.url, url != hook.url {
                changes.append(FieldChange(field: "url", before: hook.url, after: url))
                hook.url = url
            }
            if let events = input.events, events != hook.events {
                changes.append(FieldChange(field: "events", before: hook.events.joined(separator: ","), after: events.joined(separator: ",")))
                hook.events = events
            }
            if let description = input.description, description != hook.description {
                changes.append(FieldChange(field: "description", before: hook.description, after: description))
                hook.description = description
            }
            if let enabled = input.enabled, enabled != hook.enabled {
                changes.append(FieldChange(field: "enabled", before: String(hook.enabled), after: String(enabled)))
                hook.enabled = enabled
            }
            guard !changes.isEmpty else { return hook }
            let now = UTCTime.nowISO()
            hook.updatedAt = now
            try db.execute("UPDATE webhooks SET url = ?, events = ?, description = ?, enabled = ?, updated_at = ? WHERE id = ?",
                           [.text(hook.url), .text(RowCodec.json(hook.events)), SQLValue(hook.description), SQLValue(hook.enabled),
                            .text(now), .text(id)])
            try AuditLog.append(audit.with(changes: changes, objectID: id, clientID: hook.clientID), on: db, at: now)
            return hook
        }
    }

    public func delete(_ id: String, scope: AccessScope, audit: AuditEvent) async throws {
        try await database.write { db in
            guard let hook = try Self.load(id, scope: scope, on: db) else { throw RepositoryError.notFound }
            try db.execute("DELETE FROM webhooks WHERE id = ?", [.text(id)])
            try AuditLog.append(audit.with(changes: [FieldChange(field: "url", before: hook.url, after: nil)], objectID: id,
                                           clientID: hook.clientID), on: db)
        }
    }

    public func rotateSecret(_ id: String, scope: AccessScope, secret: String, previousExpiresAtMs: Int64?,
                             audit: AuditEvent) async throws -> Webhook {
        let sealed = try seal(secret, webhookID: id)
        let cipher = self.cipher
        return try await database.write { db in
            guard var hook = try Self.load(id, scope: scope, on: db) else { throw RepositoryError.notFound }
            let current = try db.scalar("SELECT secret FROM webhooks WHERE id = ?", [.text(id)])?.blobValue ?? []
            // The old current secret moves to the previous slot: opened and sealed again
            // under that slot's context, so the two slots never hold interchangeable bytes.
            let previous: SQLValue = try previousExpiresAtMs.map { _ in
                let text = try cipher.openString(current, context: Self.secretContext(id, slot: "secret"))
                return .blob(try cipher.seal(text, context: Self.secretContext(id, slot: "previous_secret")))
            } ?? .null
            let now = UTCTime.nowISO()
            try db.execute("""
                UPDATE webhooks SET secret = ?, previous_secret = ?, previous_secret_expires_ms = ?, updated_at = ? WHERE id = ?
                """, [.blob(sealed), previous, SQLValue(previousExpiresAtMs), .text(now), .text(id)])
            hook.updatedAt = now
            hook.previousSecretExpiresAt = previousExpiresAtMs.map { UTCTime.iso(milliseconds: $0) }
            try AuditLog.append(audit.with(changes: [FieldChange(field: "secret", before: "(previous)", after: "(rotated)")],
                                           objectID: id, clientID: hook.clientID), on: db, at: now)
            return hook
        }
    }
}
