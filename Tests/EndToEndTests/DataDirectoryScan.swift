import Foundation
import Storage

/// Looks for bytes in every file of an agent's data directory, and reads what the agent
/// stored through a read-only connection of this process (the tests of RET-2 and RET-4).
enum DataDirectoryScan {
    /// The files (recursively) of `directory` whose contents hold `needle`.
    static func files(in directory: URL, containing needle: [UInt8]) -> [String] {
        guard !needle.isEmpty, let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        var found: [String] = []
        for case let url as URL in walker {
            guard let data = try? Data(contentsOf: url) else { continue }
            if data.range(of: Data(needle)) != nil { found.append(url.lastPathComponent) }
        }
        return found
    }

    static func database(_ directory: URL) throws -> Connection {
        try Connection(path: directory.appendingPathComponent("agent.sqlite").path, configuration: .reader)
    }

    /// The case's sealed data and SSN blind index as stored now.
    static func sealed(caseNumber: String, in directory: URL) throws -> (data: [UInt8], index: [UInt8])? {
        let db = try database(directory)
        return try db.queryFirst("SELECT data, ssn_index FROM cases WHERE case_number = ?", [.text(caseNumber)]) {
            ($0.blob(at: 0) ?? [], $0.blob(at: 1) ?? [])
        }
    }

    /// Tables of the agent (not the simulated government side's `simulator_*`) with a
    /// column whose value holds `needle`.
    static func agentTables(in directory: URL, holding needle: [UInt8]) throws -> [String] {
        let db = try database(directory)
        let tables = try db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'simulator_%' AND name NOT LIKE 'sqlite_%'") {
            $0.string(at: 0) ?? ""
        }
        var holding: [String] = []
        for table in tables {
            let columns = try db.query("SELECT name FROM pragma_table_info(?)", [.text(table)]) { $0.string(at: 0) ?? "" }
            for column in columns {
                let hits = try db.scalar("SELECT count(*) FROM \"\(table)\" WHERE instr(CAST(\"\(column)\" AS BLOB), ?) > 0",
                                         [.blob(needle)])?.int64Value ?? 0
                if hits > 0 { holding.append("\(table).\(column)") }
            }
        }
        return holding
    }
}
