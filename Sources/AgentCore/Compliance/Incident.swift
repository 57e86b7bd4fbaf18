/// A suspected or confirmed breach of personal data the agent holds (SEC-2): recorded,
/// reported to DHS at once, with when and to whom it was reported.
public struct Incident: Sendable, Equatable {
    public var id: String
    /// RFC 3339 UTC timestamps (`2026-11-16T09:30:00Z`).
    public var discoveredAt: String
    public var suspected: Bool
    /// Free text; may name people, so it is sealed at rest.
    public var description: String
    public var clientsAffected: [ClientID]
    public var recordsAffected: Int
    public var containedAt: String?
    public var reportedAt: String?
    public var reportedTo: String?
    public var createdAt: String
    public var createdBy: String?

    public init(id: String, discoveredAt: String, suspected: Bool, description: String, clientsAffected: [ClientID], recordsAffected: Int,
                containedAt: String?, reportedAt: String? = nil, reportedTo: String? = nil, createdAt: String, createdBy: String?) {
        self.id = id
        self.discoveredAt = discoveredAt
        self.suspected = suspected
        self.description = description
        self.clientsAffected = clientsAffected
        self.recordsAffected = recordsAffected
        self.containedAt = containedAt
        self.reportedAt = reportedAt
        self.reportedTo = reportedTo
        self.createdAt = createdAt
        self.createdBy = createdBy
    }

    /// Rule SEC-2: the report is due at once, the moment of discovery.
    public var reportDueAt: String { discoveredAt }
}

/// The checks and the work item of SEC-2.
public enum IncidentRules {
    public static let maximumDescriptionLength = 4000

    /// `YYYY-MM-DDTHH:MM:SSZ` (UTC, whole seconds): one form, so that text order is time order.
    public static func isTimestamp(_ text: String) -> Bool {
        let c = Array(text.utf8)
        guard c.count == 20, c[4] == UInt8(ascii: "-"), c[7] == UInt8(ascii: "-"), c[10] == UInt8(ascii: "T"),
              c[13] == UInt8(ascii: ":"), c[16] == UInt8(ascii: ":"), c[19] == UInt8(ascii: "Z"),
              CivilDate(iso: String(text.prefix(10))) != nil else { return false }
        let digits = [11, 12, 14, 15, 17, 18]
        guard digits.allSatisfy({ c[$0] >= UInt8(ascii: "0") && c[$0] <= UInt8(ascii: "9") }) else { return false }
        let hour = Int(c[11] - 48) * 10 + Int(c[12] - 48), minute = Int(c[14] - 48) * 10 + Int(c[15] - 48)
        let second = Int(c[17] - 48) * 10 + Int(c[18] - 48)
        return hour < 24 && minute < 60 && second < 60
    }

    /// Times in order and not in the future (`now`, same form); every problem at once.
    public static func check(discoveredAt: String?, containedAt: String?, now: String, into issues: inout IssueCollector) {
        for (field, value) in [("discovered_at", discoveredAt), ("contained_at", containedAt)] {
            guard let value else { continue }
            if !isTimestamp(value) {
                issues.add(field, FieldIssue.invalidFormat, "\(field) must be a UTC time written YYYY-MM-DDTHH:MM:SSZ.")
            } else if value > now {
                issues.add(field, FieldIssue.outOfRange, "\(field) must not be in the future.")
            }
        }
        if let d = discoveredAt, let c = containedAt, isTimestamp(d), isTimestamp(c), c < d {
            issues.add("contained_at", FieldIssue.outOfRange, "contained_at must not be before discovered_at.")
        }
    }

    /// Rule SEC-2: until the report is sent, an item due on the day of discovery, for the
    /// agent's own staff (no client: agent-wide readers see it).
    public static func workItem(_ incident: Incident) -> WorkItem? {
        guard incident.reportedAt == nil, let day = CivilDate(iso: String(incident.discoveredAt.prefix(10))) else { return nil }
        return WorkItem(kind: .incidentReport, rule: "SEC-2", clientID: nil, subject: WorkSubject(.incident, incident.id), dueDate: day,
                        clock: .real, title: "Report the \(incident.suspected ? "suspected" : "confirmed") breach discovered \(incident.discoveredAt) to DHS",
                        action: "POST /api/v1/incidents/{id}/reported")
    }
}

/// Persistence of incidents; each change is audited and plans its work item in the same transaction.
public protocol IncidentRepository: Sendable {
    func create(_ incident: Incident, audit: AuditEvent) async throws -> Incident
    func list(limit: Int, after cursor: String?) async throws -> Page<Incident>
    func find(_ id: String) async throws -> Incident?
    /// Records the report; throws `RepositoryError.conflict` when it was reported already.
    func markReported(_ id: String, at: String, to: String, audit: AuditEvent) async throws -> Incident
}
