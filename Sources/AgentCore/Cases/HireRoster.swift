/// One hire on a client's roster (HIRE-5: every new hire is verified, so the roster shows
/// who still has no case).
public struct RosterHire: Sendable, Equatable {
    public var id: String
    public var clientID: ClientID
    /// The client's own HR identifier; a case whose `employer_case_id` equals it matches.
    public var employeeID: String
    public var firstName: String
    public var lastName: String
    /// `###-##-####`, when the client has it; a case with the same SSN matches.
    public var ssn: String?
    public var dateOfHire: CivilDate
    /// The two-letter state or territory where the hire works, when given.
    public var workState: String?
    /// The last day of employment, once known (RET-1 counts from it).
    public var terminationDate: CivilDate?
    public var createdAt: String

    public init(id: String, clientID: ClientID, employeeID: String, firstName: String, lastName: String, ssn: String?,
                dateOfHire: CivilDate, workState: String? = nil, terminationDate: CivilDate? = nil, createdAt: String) {
        self.id = id
        self.clientID = clientID
        self.employeeID = employeeID
        self.firstName = firstName
        self.lastName = lastName
        self.ssn = ssn
        self.dateOfHire = dateOfHire
        self.workState = workState
        self.terminationDate = terminationDate
        self.createdAt = createdAt
    }
}

/// Persistence of the hire roster; reads take the caller's scope like every client-owned read.
public protocol HireRosterRepository: Sendable {
    func add(_ hire: RosterHire, audit: AuditEvent) async throws -> RosterHire
    /// Hires of `clientID` that no case of the same client matches (same SSN, or
    /// `employer_case_id` equal to the hire's employee ID).
    func hiresWithoutCase(clientID: ClientID, scope: AccessScope) async throws -> [RosterHire]
}

/// HIRE-5 reconciliation as a rule: which unmatched hires are past their HIRE-2 date.
public enum HireReconciliation {
    public struct Overdue: Sendable, Equatable {
        public var hire: RosterHire
        public var due: Deadline
        public var daysLate: Int
    }

    public static func overdue(_ hires: [RosterHire], employer: EmployerCalendar, outages: [ClosedRange<CivilDate>],
                               today: CivilDate) -> [Overdue] {
        hires.compactMap { hire in
            let due = Deadlines.hireDueDate(firstDayOfEmployment: hire.dateOfHire, employer: employer, outages: outages)
            guard today > due.date else { return nil }
            return Overdue(hire: hire, due: due, daysLate: today.days(from: due.date))
        }.sorted { $0.due.date < $1.due.date }
    }
}
