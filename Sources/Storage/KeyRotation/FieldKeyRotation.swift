import AgentCore
import Crypto
import Foundation

/// `employer-agent rotate-field-key`: a new field key becomes current and every sealed
/// value is sealed again under it. Resumable: the rotation is recorded before the key is
/// added, so a run that died anywhere is picked up by the next run with the same target
/// key; values are re-sealed a batch per transaction, each row rewritten whole only if
/// it still holds what was read (one case is one sealed value: fully old or fully new).
/// Old keys stay in the file (values in backups still open; the SSN blind index is
/// derived from the first key). Run it with the service stopped: a running service does
/// not know the new key until it restarts.
public struct FieldKeyRotation: Sendable {
    let database: Database
    let keyPath: String
    var batchSize: Int

    public init(database: Database, keyPath: String, batchSize: Int = 200) {
        self.database = database
        self.keyPath = keyPath
        self.batchSize = batchSize
    }

    public struct Outcome: Sendable, Equatable {
        public var fromKeyID: UInt8
        public var toKeyID: UInt8
        public var resealed: Int
        /// True when an interrupted rotation was finished rather than a new one started.
        public var resumed: Bool
    }

    public func run(progress: @Sendable (Int) -> Void = { _ in }) async throws -> Outcome {
        var keys = try FieldKeyFile.loadAll(at: keyPath)
        guard let current = keys.last else { throw FieldKeyFileError.empty(path: keyPath) }
        let open = try await database.read { db in
            try db.queryFirst("SELECT to_key_id, from_key_id FROM field_key_rotations WHERE finished_at IS NULL") {
                (UInt8(truncatingIfNeeded: $0.int64(at: 0)), UInt8(truncatingIfNeeded: $0.int64(at: 1)))
            }
        }
        let (target, from) = try open ?? (Self.nextID(after: keys), current.id)
        if open == nil {
            try await database.write { db in
                try db.execute("INSERT INTO field_key_rotations (to_key_id, from_key_id, started_at) VALUES (?, ?, ?)",
                               [SQLValue(Int(target)), SQLValue(Int(from)), .text(UTCTime.nowISO())])
            }
        }
        if !keys.contains(where: { $0.id == target }) {
            let key = FieldKey(id: target, bytes: try FieldCipher.generateKey())
            try FieldKeyFile.append(key, at: keyPath)
            keys.append(key)
        }
        guard keys.last?.id == target else {
            // Someone added another key after this rotation began: finish under the file's current key instead.
            throw FieldKeyRotationError.keyFileMoved(expected: target, found: keys.last?.id ?? 0)
        }
        let cipher = try FieldCipher(keys: Dictionary(keys.map { ($0.id, $0.bytes) }, uniquingKeysWith: { $1 }), currentKeyID: target)
        var total = 0
        for column in SealedColumn.all {
            while true {
                let count = try await resealBatch(column, cipher: cipher, target: target)
                total += count
                if count > 0 { progress(total) }
                if count < batchSize { break }
            }
        }
        let resealed = total
        try await database.write { db in
            try db.execute("UPDATE field_key_rotations SET finished_at = ?, resealed = resealed + ? WHERE to_key_id = ? AND finished_at IS NULL",
                           [.text(UTCTime.nowISO()), SQLValue(resealed), SQLValue(Int(target))])
            let event = AuditEvent(actor: .system, clientID: nil, action: "field_key.rotate", objectType: "field_key",
                                   objectID: String(target),
                                   changes: [FieldChange(field: "current_key_id", before: String(from), after: String(target)),
                                             FieldChange(field: "resealed_values", before: nil, after: String(resealed))],
                                   sourceIP: nil, requestID: nil)
            _ = try AuditLog.append(event, on: db)
        }
        return Outcome(fromKeyID: from, toKeyID: target, resealed: resealed, resumed: open != nil)
    }

    static func nextID(after keys: [FieldKey]) throws -> UInt8 {
        guard let highest = keys.map(\.id).max(), highest < 255 else { throw FieldKeyRotationError.noFreeKeyID }
        return highest + 1
    }

    /// Re-seals up to `batchSize` values of `column` not yet under `target`, in one
    /// transaction; the number re-sealed.
    func resealBatch(_ column: SealedColumn, cipher: FieldCipher, target: UInt8) async throws -> Int {
        let keys = column.keyColumns.joined(separator: ", ")
        // By key columns, not rowid: some tables are WITHOUT ROWID.
        let select = """
            SELECT \(column.column), \(keys) FROM \(column.table)
            WHERE \(column.column) IS NOT NULL AND substr(\(column.column), 2, 1) <> ? LIMIT ?
            """
        let update = "UPDATE \(column.table) SET \(column.column) = ? WHERE "
            + column.keyColumns.map { "\($0) = ?" }.joined(separator: " AND ") + " AND \(column.column) = ?"
        let limit = batchSize
        return try await database.write { db in
            let rows = try db.query(select, [.blob([target]), SQLValue(limit)]) { row in
                (row.blob(at: 0) ?? [], column.keyColumns.indices.map { row.string(at: 1 + $0) ?? "" })
            }
            for (sealed, keyValues) in rows {
                let context = column.context(keyValues)
                let resealed = try cipher.seal(try cipher.open(sealed, context: context), context: context)
                try db.execute(update, [.blob(resealed)] + keyValues.map(SQLValue.text) + [.blob(sealed)])
            }
            return rows.count
        }
    }
}

public enum FieldKeyRotationError: Error, CustomStringConvertible {
    case noFreeKeyID
    case keyFileMoved(expected: UInt8, found: UInt8)

    public var description: String {
        switch self {
        case .noFreeKeyID: return "the key file already uses key ID 255; no ID is left for a new key"
        case let .keyFileMoved(expected, found):
            return "an unfinished rotation to key \(expected) was found, but the key file's current key is \(found)"
        }
    }
}
