import AgentCore

/// What one notice says about one case, in no particular language: the facts a
/// template turns into text in each language. Built by `NoticeBuilder`, rendered by
/// `NoticeRenderer`; it holds no HTTP or storage concept.
public struct NoticeContent: Sendable, Equatable {
    public let kind: NoticeKind
    /// CASE-3: the case verification number.
    public let caseNumber: String
    /// The date printed as the notice's date; also the PDF's fixed creation date, so
    /// rendering the same content twice gives the same bytes.
    public let issuedOn: CivilDate
    public let employerName: String
    /// The employee's name as entered ("First M. Last").
    public let employeeName: String
    /// The employee data as entered, numbers already masked (`PIIMask`).
    public let employeeFields: [NoticeField]
    public let mismatch: MismatchKind?
    /// The agencies the case involves, SSA first.
    public let agencies: [NoticeAgency]
    /// TNC-10: the day the employee's decision must be recorded (FAN; summary when known).
    public let decisionDueDate: CivilDate?
    public let referredOn: CivilDate?
    /// TNC-4: the last day to contact the agency (RDC; summary of a referred case).
    public let contactBy: CivilDate?
    /// The state of the case, for the case summary only.
    public let record: NoticeCaseRecord?
}

/// A government agency a case can involve.
public enum NoticeAgency: String, Sendable, CaseIterable {
    case ssa, dhs

    /// The agencies a mismatch involves (TNC-1): a dual mismatch involves both.
    public static func involved(in mismatch: MismatchKind) -> [NoticeAgency] {
        (mismatch.involvesSSA ? [.ssa] : []) + (mismatch.involvesDHS ? [.dhs] : [])
    }
}

/// One line of employee data: which field, and its value as entered.
public struct NoticeField: Sendable, Equatable {
    /// The field; the raw value is the suffix of its translation key (`field.<raw>`).
    public enum Label: String, Sendable, CaseIterable {
        case name, otherLastNames = "other_last_names", dateOfBirth = "date_of_birth", ssn, email
        case citizenship, alienNumber = "alien_number", i94Number = "i94_number"
        case foreignPassport = "foreign_passport", country, usPassport = "us_passport"
        case i551Number = "i551_number", i766Number = "i766_number", documentNumber = "document_number"
        case expiration, dateOfHire = "date_of_hire"
    }

    /// A value in no language yet: dates and status codes are spelled per language.
    public enum Value: Sendable, Equatable {
        case text(String)
        case date(CivilDate)
        /// A `CitizenshipStatus` code; an unknown code is printed as given.
        case citizenship(String)
        case noExpiration
    }

    public let label: Label
    public let value: Value

    public init(_ label: Label, _ value: Value) {
        self.label = label
        self.value = value
    }
}

/// Where a case stands, as the case summary prints it.
public struct NoticeCaseRecord: Sendable, Equatable {
    public let status: CaseStatus
    public let eligibility: EligibilityStatement?
    public let createdOn: CivilDate
    public let submittedOn: CivilDate?
    public let mismatchOn: CivilDate?
    public let ssaReferral: ReferralStatus
    public let dhsReferral: ReferralStatus
    public let closure: CaseClosure?

    public init(_ progress: CaseProgress) {
        status = progress.status
        eligibility = progress.eligibility
        createdOn = progress.createdOn
        submittedOn = progress.submittedOn
        mismatchOn = progress.mismatchOn
        ssaReferral = progress.ssaReferral
        dhsReferral = progress.dhsReferral
        closure = progress.closure
    }

    /// The referral status for `agency`.
    public func referral(_ agency: NoticeAgency) -> ReferralStatus {
        agency == .ssa ? ssaReferral : dhsReferral
    }
}
