import AgentCore
import Crypto
import Foundation

/// `ImageRecordRepository` on SQLite. Bodies are sealed, bound to their row; every write
/// re-plans the client's IMAGE work items in its own transaction.
public final class SQLiteImageRecords: ImageRecordRepository {
    let database: Database
    let cipher: FieldCipher
    let federal: FederalCalendar
    static let encoder = JSONEncoder()
    static let decoder = JSONDecoder()

    public init(database: Database, cipher: FieldCipher, federal: FederalCalendar) {
        self.database = database
        self.cipher = cipher
        self.federal = federal
    }

    func seal<T: Encodable>(_ value: T, _ table: String, _ id: String) throws -> [UInt8] {
        try cipher.seal(Array(try Self.encoder.encode(value)), context: Array("\(table):\(id)".utf8))
    }

    func open<T: Decodable>(_ type: T.Type, _ sealed: [UInt8]?, _ table: String, _ id: String) throws -> T {
        guard let sealed else { throw RowDecodingError.invalid(column: "\(table).body") }
        return try Self.decoder.decode(type, from: Data(try cipher.open(sealed, context: Array("\(table):\(id)".utf8))))
    }

    // MARK: Settings

    static func settings(_ clientID: ClientID, on db: Connection) throws -> (settings: ImageSettings, tipToken: String?) {
        try db.queryFirst("SELECT settings, tip_token FROM client_image_settings WHERE client_id = ?", [.text(clientID.rawValue)]) { row in
            (try decoder.decode(ImageSettings.self, from: Data((row.string(at: 0) ?? "{}").utf8)), row.string(at: 1))
        } ?? (ImageSettings(), nil)
    }

    public func settings(_ clientID: ClientID) async throws -> (settings: ImageSettings, tipToken: String?) {
        try await database.read { db in try Self.settings(clientID, on: db) }
    }

    public func updateSettings(_ clientID: ClientID, input: ImageSettingsInput, today: CivilDate, tipToken: String,
                               audit: AuditEvent) async throws -> ImageSettings {
        try await database.write { db in
            let (current, token) = try Self.settings(clientID, on: db)
            var issues = IssueCollector()
            let updated = ImageRules.apply(input, to: current, today: today, issues: &issues)
            try issues.check()
            let newToken = updated.tipLineEnabled ? (token ?? tipToken) : token
            let changes = Self.changes(current, updated, tokenIssued: newToken != token)
            guard !changes.isEmpty else { return current }
            let now = UTCTime.nowISO()
            try db.execute("""
                INSERT INTO client_image_settings (client_id, settings, tip_token, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(client_id) DO UPDATE SET settings = excluded.settings, tip_token = excluded.tip_token,
                    updated_at = excluded.updated_at
                """, [.text(clientID.rawValue), .text(String(decoding: try Self.encoder.encode(updated), as: UTF8.self)),
                      SQLValue(newToken), .text(now)])
            try AuditLog.append(audit.with(changes: changes, objectID: clientID.rawValue, clientID: clientID), on: db, at: now)
            try self.replanMembership(clientID, on: db)
            return updated
        }
    }

    public func rotateTipToken(_ clientID: ClientID, token: String, audit: AuditEvent) async throws {
        try await database.write { db in
            let (settings, current) = try Self.settings(clientID, on: db)
            guard settings.tipLineEnabled, current != nil else {
                throw RepositoryError.conflict(field: "tip_line_enabled", message: "The client's tip line is not enabled.")
            }
            let now = UTCTime.nowISO()
            try db.execute("UPDATE client_image_settings SET tip_token = ?, updated_at = ? WHERE client_id = ?",
                           [.text(token), .text(now), .text(clientID.rawValue)])
            try AuditLog.append(audit.with(changes: [FieldChange(field: "tip_token", before: "***", after: "***")],
                                           objectID: clientID.rawValue, clientID: clientID), on: db, at: now)
        }
    }

    static func changes(_ old: ImageSettings, _ new: ImageSettings, tokenIssued: Bool) -> [FieldChange] {
        var changes: [FieldChange] = []
        func note(_ field: String, _ before: String?, _ after: String?) {
            if before != after { changes.append(FieldChange(field: field, before: before, after: after)) }
        }
        note("image_member", String(old.member), String(new.member))
        note("image_associate", String(old.associate), String(new.associate))
        note("i9_audit_interval_months", String(old.auditIntervalMonths), String(new.auditIntervalMonths))
        note("employee_count", old.employeeCount.map(String.init), new.employeeCount.map(String.init))
        note("compliance_officer_user_id", old.complianceOfficer?.rawValue, new.complianceOfficer?.rawValue)
        note("tip_line_enabled", String(old.tipLineEnabled), String(new.tipLineEnabled))
        if tokenIssued { changes.append(FieldChange(field: "tip_token", before: nil, after: "***")) }
        return changes
    }

    /// IMG-4 and IMG-10 items of the client, from its settings, last audit and filed years.
    func replanMembership(_ clientID: ClientID, on db: Connection) throws {
        let (settings, _) = try Self.settings(clientID, on: db)
        let lastAudit = try db.scalar("SELECT max(record_date) FROM image_records WHERE client_id = ? AND kind = 'audit'",
                                      [.text(clientID.rawValue)])?.stringValue.flatMap(CivilDate.init(storedISO:))
        let years = Set(try db.query("SELECT year FROM image_report_statements WHERE client_id = ?", [.text(clientID.rawValue)]) {
            Int($0.int64(at: 0))
        })
        let items = ImageWorkItems.membership(settings, clientID: clientID, lastAuditOn: lastAudit, filedReportYears: years)
        let audit = items.filter { $0.kind == .i9AuditDue }, report = items.filter { $0.kind == .annualReportDue }
        try WorkItemRows.replace(on: db, subject: WorkSubject(.audit, clientID.rawValue), items: audit)
        // The report's subject names its year: an earlier year's item goes when a later one is due.
        try db.execute("DELETE FROM work_items WHERE kind = 'ANNUAL_REPORT_DUE' AND client_id = ? AND subject_id <> ?",
                       [.text(clientID.rawValue), .text(report.first?.subject.id ?? "")])
        if let item = report.first { try WorkItemRows.replace(on: db, subject: item.subject, items: [item]) }
    }
}
