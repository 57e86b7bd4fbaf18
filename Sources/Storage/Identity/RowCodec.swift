import AgentCore
import Foundation

/// Small conversions between rows and domain values shared by the SQLite repositories.
enum RowCodec {
    static let encoder = JSONEncoder()
    static let decoder = JSONDecoder()

    static func json(_ strings: [String]) -> String {
        (try? encoder.encode(strings)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    static func strings(_ text: String?) -> [String] {
        guard let text, let data = text.data(using: .utf8) else { return [] }
        return (try? decoder.decode([String].self, from: data)) ?? []
    }

    static func date(_ text: String?) -> CivilDate? { text.flatMap { CivilDate(storedISO: $0) } }

    /// Lists page by rowid; the cursor is the last rowid seen, in base 36 behind a tag, so
    /// clients treat it as opaque.
    static func cursor(_ rowid: Int64) -> String { "c" + String(rowid, radix: 36) }

    static func rowid(fromCursor cursor: String?) throws -> Int64 {
        guard let cursor else { return 0 }
        guard cursor.first == "c", let value = Int64(cursor.dropFirst(), radix: 36), value >= 0 else {
            throw RepositoryError.invalidCursor
        }
        return value
    }

    /// Turns rows fetched with `LIMIT limit + 1` into a page.
    static func page<T: Sendable>(_ rows: [(rowid: Int64, item: T)], limit: Int) -> Page<T> {
        let items = rows.prefix(limit)
        let next = rows.count > limit ? items.last.map { cursor($0.rowid) } : nil
        return Page(items: items.map(\.item), nextCursor: next)
    }

    /// `AND client_id = ?` for a client scope; nothing for the agent-wide one.
    static func scopeFilter(_ scope: AccessScope, column: String = "client_id") -> (sql: String, parameters: [SQLValue]) {
        switch scope {
        case .allClients: return ("", [])
        case .client(let id): return (" AND \(column) = ?", [.text(id.rawValue)])
        }
    }

    static func newID() -> String { UUID().uuidString.lowercased() }
}

/// A stored row that does not decode: a bug or a damaged file, never user input.
enum RowDecodingError: Error, CustomStringConvertible {
    case invalid(column: String)
    var description: String {
        switch self {
        case .invalid(let column): return "stored value of \(column) does not decode"
        }
    }
}
