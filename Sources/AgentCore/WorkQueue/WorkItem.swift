/// The kinds of work-queue item (API.md "Work queue"), each with the rule it comes from.
/// Kinds whose records do not exist yet are listed so the API accepts and documents them;
/// no rule produces them until their records land.
public enum WorkItemKind: String, Sendable, CaseIterable, Codable {
    case caseNotCreated = "CASE_NOT_CREATED"
    case draftNotSubmitted = "DRAFT_NOT_SUBMITTED"
    case tncDecision = "TNC_DECISION"
    case referralOpen = "REFERRAL_OPEN"
    case caseToClose = "CASE_TO_CLOSE"
    case reviewPending = "REVIEW_PENDING"
    case continuanceOver60 = "CONTINUANCE_OVER_60"
    case draftAutoClose = "DRAFT_AUTO_CLOSE"
    case federalEnrollment = "FEDERAL_ENROLLMENT"
    case contractEmployee = "CONTRACT_EMPLOYEE"
    case workforceVerification = "WORKFORCE_VERIFICATION"
    case contractorFlag = "CONTRACTOR_FLAG"
    case trainingRequired = "TRAINING_REQUIRED"
    case passwordExpiring = "PASSWORD_EXPIRING"
    case noMatchLetter = "NO_MATCH_LETTER"
    case tipUnanswered = "TIP_UNANSWERED"
    case i9AuditDue = "I9_AUDIT_DUE"
    case annualReportDue = "ANNUAL_REPORT_DUE"
    case manualVersion = "MANUAL_VERSION"
    case incidentReport = "INCIDENT_REPORT"
    case reverification = "REVERIFICATION"
    case legalHoldReview = "LEGAL_HOLD_REVIEW"
}

/// What an item is about (API.md `subject: {type, id}`).
public struct WorkSubject: Sendable, Hashable {
    public enum SubjectType: String, Sendable, CaseIterable {
        case `case`, hire, user
        case federalContract = "federal_contract", contractEmployee = "contract_employee", noMatchLetter = "no_match_letter"
        case tip, audit, incident, reverification
        case manualVersion = "manual_version"
        /// A duty of the client as a whole (FED-4's workforce election).
        case client
    }
    public var type: SubjectType
    public var id: String
    public init(_ type: SubjectType, _ id: String) {
        self.type = type
        self.id = id
    }
}

/// Which "today" an item's dates are compared with: rule clocks follow the service clock
/// (the simulated date in simulation); account dates are real instants (API.md "Clocks").
public enum WorkClock: String, Sendable {
    case service, real
}

/// One thing somebody must do by a date. Items are derived from stored records by the
/// rules in this folder and disappear when the record no longer produces them.
public struct WorkItem: Sendable, Equatable {
    public var kind: WorkItemKind
    /// The DOMAIN.md rule ID, e.g. `TNC-10`.
    public var rule: String
    /// Nil for the agent's own staff (a user of no client): only agent-wide readers see it.
    public var clientID: ClientID?
    public var subject: WorkSubject
    public var dueDate: CivilDate
    /// The first day the item is shown; nil: from the start. Lets a warning appear on its
    /// day (a flag after 60 work days, an expiry 14 days ahead) with no job moving it.
    public var visibleFrom: CivilDate?
    public var clock: WorkClock
    /// Plain words for a person, without personal data (no names, no SSN).
    public var title: String
    /// The route that settles the item, e.g. `POST /api/v1/cases/{n}/submit`.
    public var action: String

    public init(kind: WorkItemKind, rule: String, clientID: ClientID?, subject: WorkSubject, dueDate: CivilDate,
                visibleFrom: CivilDate? = nil, clock: WorkClock = .service, title: String, action: String) {
        self.kind = kind
        self.rule = rule
        self.clientID = clientID
        self.subject = subject
        self.dueDate = dueDate
        self.visibleFrom = visibleFrom
        self.clock = clock
        self.title = title
        self.action = action
    }

    /// Overdue once its due date (the last allowed day) has passed on its clock.
    public func isOverdue(serviceToday: CivilDate, realToday: CivilDate) -> Bool {
        dueDate < (clock == .service ? serviceToday : realToday)
    }
}
