import AgentCore
import Crypto
import Foundation

/// Appends to the audit trail inside the caller's write job, so the entry commits or
/// rolls back with the change it records. Each entry's hash covers the previous entry's
/// hash and its own canonical content; the writer thread serializes appends, so the chain
/// has no forks.
public enum AuditLog {
    static let genesis = [UInt8](repeating: 0, count: 32)

    /// An entry made ready outside the writer: everything but the chain link, which
    /// only the writer can compute (it needs the previous entry's hash).
    public struct PreparedEntry: Sendable {
        let event: AuditEvent
        let at: String
        let changes: String
        let content: [UInt8]
    }

    public static func prepare(_ event: AuditEvent, at: String = UTCTime.nowISO()) -> PreparedEntry {
        let changes = encodeChanges(event.changes)
        return PreparedEntry(event: event, at: at, changes: changes, content: canonicalBytes(at: at, event: event, changes: changes))
    }

    @discardableResult
    public static func append(_ event: AuditEvent, on connection: Connection, at: String = UTCTime.nowISO()) throws -> Int64 {
        try append(prepare(event, at: at), on: connection)
    }

    /// Links `entry` to the chain and inserts it: the only audit work the writer does.
    @discardableResult
    public static func append(_ entry: PreparedEntry, on connection: Connection) throws -> Int64 {
        let previous = try connection.scalar("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")?.blobValue ?? genesis
        let hash = SHA256.hash(previous + entry.content)
        let event = entry.event
        try connection.execute("""
            INSERT INTO audit_log (at, actor_type, actor_id, client_id, action, object_type, object_id, changes,
                                   source_ip, request_id, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(entry.at), .text(event.actor.kind), SQLValue(event.actor.id), SQLValue(event.clientID?.rawValue),
                  .text(event.action), .text(event.objectType), SQLValue(event.objectID), .text(entry.changes),
                  SQLValue(event.sourceIP), SQLValue(event.requestID), .blob(previous), .blob(hash)])
        return connection.lastInsertRowID
    }

    /// The text the hash covers: every column in a fixed order, JSON-quoted, so no two
    /// different entries share it.
    static func canonicalBytes(at: String, event: AuditEvent, changes: String) -> [UInt8] {
        canonicalBytes(at: at, actorType: event.actor.kind, actorID: event.actor.id, clientID: event.clientID?.rawValue,
                       action: event.action, objectType: event.objectType, objectID: event.objectID, changes: changes,
                       sourceIP: event.sourceIP, requestID: event.requestID)
    }

    /// The same text from the stored columns (the chain's verification reads it back).
    static func canonical(at: String, actorType: String, actorID: String?, clientID: String?, action: String,
                          objectType: String, objectID: String?, changes: String, sourceIP: String?, requestID: String?) -> String {
        String(decoding: canonicalBytes(at: at, actorType: actorType, actorID: actorID, clientID: clientID, action: action,
                                        objectType: objectType, objectID: objectID, changes: changes, sourceIP: sourceIP,
                                        requestID: requestID), as: UTF8.self)
    }

    /// The canonical text as bytes, written in one buffer (every case change hashes one).
    static func canonicalBytes(at: String, actorType: String, actorID: String?, clientID: String?, action: String,
                               objectType: String, objectID: String?, changes: String, sourceIP: String?, requestID: String?) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(changes.utf8.count * 2 + 256)
        let fields: [String?] = [at, actorType, actorID, clientID, action, objectType, objectID, changes, sourceIP, requestID]
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if let field { JSONBytes.appendString(field, to: &out) } else { out.append(contentsOf: "null".utf8) }
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    static func encodeChanges(_ changes: [FieldChange]) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(changes.count * 64)
        for (index, change) in changes.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"field":"#.utf8)
            JSONBytes.appendString(change.field, to: &out)
            out.append(contentsOf: #","before":"#.utf8)
            if let before = change.before { JSONBytes.appendString(before, to: &out) } else { out.append(contentsOf: "null".utf8) }
            out.append(contentsOf: #","after":"#.utf8)
            if let after = change.after { JSONBytes.appendString(after, to: &out) } else { out.append(contentsOf: "null".utf8) }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// One value as the canonical text quotes it (`JSONBytes.appendString`).
    static func quote(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        JSONBytes.appendString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
