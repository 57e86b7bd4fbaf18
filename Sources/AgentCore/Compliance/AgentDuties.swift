/// A version of the program's user manual the agent must pass on to every client (AGT-2).
public struct ManualVersion: Sendable, Equatable {
    public var id: String
    public var version: String
    public var releasedOn: CivilDate
    public var summary: String
    public var createdAt: String
    public var createdBy: String?
    public init(id: String, version: String, releasedOn: CivilDate, summary: String, createdAt: String, createdBy: String?) {
        self.id = id
        self.version = version
        self.releasedOn = releasedOn
        self.summary = summary
        self.createdAt = createdAt
        self.createdBy = createdBy
    }
}

/// A DHS/SSA contact of the agent's own staff (no client) or of a client's staff (AGT-3).
public struct Contact: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case programAdmin = "PROGRAM_ADMIN", hr = "HR", legal = "LEGAL"
    }
    public var id: String
    public var clientID: ClientID?
    public var name: String
    public var role: String?
    public var email: String?
    public var phone: String?
    public var kind: Kind
    public var createdAt: String
    public var createdBy: String?
    public var updatedAt: String
    public init(id: String, clientID: ClientID?, name: String, role: String?, email: String?, phone: String?, kind: Kind,
                createdAt: String, createdBy: String?, updatedAt: String) {
        self.id = id
        self.clientID = clientID
        self.name = name
        self.role = role
        self.email = email
        self.phone = phone
        self.kind = kind
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.updatedAt = updatedAt
    }
}

/// The rules of the agent's own duties (AGT-2, AGT-3).
public enum AgentDutyRules {
    /// Rule AGT-2: each client acknowledges a new manual version within 30 days of its release.
    public static let manualAcknowledgmentDays = 30

    public static func manualItem(_ version: ManualVersion, clientID: ClientID) -> WorkItem {
        WorkItem(kind: .manualVersion, rule: "AGT-2", clientID: clientID,
                 subject: WorkSubject(.manualVersion, "\(version.id):\(clientID.rawValue)"),
                 dueDate: version.releasedOn.adding(days: manualAcknowledgmentDays),
                 title: "Pass user manual version \(version.version) to the client and record its acknowledgment",
                 action: "POST /api/v1/clients/{id}/manual_versions/{vid}/ack")
    }

    /// Rule AGT-3: a contact the program can reach: a name, and an email or a phone that
    /// looks like one.
    public static func checkContact(name: String?, email: String?, phone: String?, creating: Bool, into issues: inout IssueCollector) {
        if creating && name == nil { issues.add("name", FieldIssue.required, "name is required.") }
        if creating && email == nil && phone == nil {
            issues.add("email", FieldIssue.required, "Give an email or a phone so the contact can be reached.")
        }
        if let email {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            if parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || email.contains(" ") {
                issues.add("email", FieldIssue.invalidFormat, "email must be an address like name@example.com.")
            }
        }
        if let phone {
            let digits = phone.filter(\.isASCIIDigit).count
            if !(7...15).contains(digits) || !phone.allSatisfy({ $0.isASCIIDigit || " +-().x".contains($0) }) {
                issues.add("phone", FieldIssue.invalidFormat, "phone must be 7 to 15 digits, with spaces, +, -, ( ) or x.")
            }
        }
    }
}

/// Persistence of the agent's duties: manual versions with their acknowledgments and work
/// items, contacts, and the audit entries of downloads. Every change is audited.
public protocol AgentDutyRepository: Sendable {
    /// Creates a version and a MANUAL_VERSION item for every client, in one transaction.
    func createManualVersion(_ version: ManualVersion, audit: AuditEvent) async throws -> ManualVersion
    func manualVersions(limit: Int, after cursor: String?) async throws -> Page<ManualVersion>
    func manualVersion(_ id: String) async throws -> ManualVersion?
    /// Records the client's acknowledgment (again: the first stays) and settles its item; the acknowledgment time.
    func acknowledge(_ versionID: String, clientID: ClientID, audit: AuditEvent) async throws -> String
    func createContact(_ contact: Contact, audit: AuditEvent) async throws -> Contact
    /// Contacts of one client, or of the agent (nil).
    func contacts(clientID: ClientID?, limit: Int, after cursor: String?) async throws -> Page<Contact>
    func contact(_ id: String) async throws -> Contact?
    func updateContact(_ contact: Contact, audit: AuditEvent) async throws -> Contact
    func deleteContact(_ id: String, audit: AuditEvent) async throws
    /// An audit entry with no other change (a poster download).
    func record(_ event: AuditEvent) async throws
}
