/// What the case rules need besides the case: the client's calendar and settings, the
/// federal calendar and the government-side outages (HIRE-2 stops for them).
public struct CaseWorkContext: Sendable {
    public var employer: EmployerCalendar
    public var federal: FederalCalendar
    public var outages: [ClosedRange<CivilDate>]
    /// IMG-3: the client asks for a secondary review of every case.
    public var reviewRequired: Bool

    public init(employer: EmployerCalendar, federal: FederalCalendar, outages: [ClosedRange<CivilDate>], reviewRequired: Bool) {
        self.employer = employer
        self.federal = federal
        self.outages = outages
        self.reviewRequired = reviewRequired
    }
}

/// One kind of item that a case may raise. A new kind is one such type added to
/// `CaseWorkItems.rules`.
public protocol CaseWorkItemRule: Sendable {
    static func item(for c: StoredCase, context: CaseWorkContext) -> WorkItem?
}

/// Every item a case raises now: the storage replaces the case's items with these in the
/// same transaction as the case's change.
public enum CaseWorkItems {
    public static let rules: [any CaseWorkItemRule.Type] = [
        DraftNotSubmitted.self, ReviewPending.self, DraftAutoClose.self, TNCDecision.self, ReferralOpen.self,
        CaseToClose.self, ContinuanceOver60.self, LegalHoldReview.self, ReverificationDue.self,
    ]

    public static func items(for c: StoredCase, context: CaseWorkContext) -> [WorkItem] {
        // RET-2: nothing is left to do on a purged case.
        guard c.progress.purge == nil else { return [] }
        return rules.compactMap { $0.item(for: c, context: context) }
    }

    /// The subject of every case item.
    public static func subject(_ c: StoredCase) -> WorkSubject { WorkSubject(.case, c.caseNumber) }

    static func item(_ kind: WorkItemKind, rule: String, _ c: StoredCase, due: CivilDate, visibleFrom: CivilDate? = nil,
                     title: String, action: String) -> WorkItem {
        WorkItem(kind: kind, rule: rule, clientID: c.clientID, subject: subject(c), dueDate: due, visibleFrom: visibleFrom,
                 title: title, action: action)
    }

    /// A case action route (`POST /api/v1/cases/{n}/submit`), or the case itself when
    /// only the government side can settle the item.
    static func route(_ c: StoredCase, _ action: String?) -> String {
        guard let action else { return "GET /api/v1/cases/\(c.caseNumber)" }
        return "POST /api/v1/cases/\(c.caseNumber)/\(action)"
    }

    /// HIRE-2's date for a case of a new hire; nil for an existing employee (HIRE-6) or a
    /// draft without a first day of employment.
    static func hireDue(_ c: StoredCase, _ context: CaseWorkContext) -> CivilDate? {
        guard c.input.existingEmployee != true, let hired = c.input.dateOfHire else { return nil }
        return Deadlines.hireDueDate(firstDayOfEmployment: hired, employer: context.employer, outages: context.outages).date
    }
}
