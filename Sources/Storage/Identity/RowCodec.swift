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
        guard let text else { return [] }
        if let plain = plainStrings(text) { return plain }
        return (try? decoder.decode([String].self, from: Data(text.utf8))) ?? []
    }

    /// The common case of `strings` without a JSON decoder (it ran once per case change on
    /// the writer thread, for the client's calendar): a compact array of strings with no
    /// escapes, as `json(_:)` writes weekday names and dates. Anything else is nil, for
    /// the full decoder to judge.
    static func plainStrings(_ text: String) -> [String]? {
        var utf8 = text.utf8[...]
        guard utf8.first == UInt8(ascii: "["), utf8.last == UInt8(ascii: "]") else { return nil }
        utf8 = utf8.dropFirst().dropLast()
        if utf8.isEmpty { return [] }
        var result: [String] = []
        while true {
            guard utf8.first == UInt8(ascii: "\""), let close = utf8.dropFirst().firstIndex(of: UInt8(ascii: "\"")) else { return nil }
            let body = utf8[utf8.index(after: utf8.startIndex)..<close]
            // A backslash or control byte needs the real decoder.
            if body.contains(where: { $0 == UInt8(ascii: "\\") || $0 < 0x20 }) { return nil }
            result.append(String(decoding: body, as: UTF8.self))
            utf8 = utf8[utf8.index(after: close)...]
            if utf8.isEmpty { return result }
            guard utf8.first == UInt8(ascii: ",") else { return nil }
            utf8 = utf8.dropFirst()
        }
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
