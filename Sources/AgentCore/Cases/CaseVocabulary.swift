/// The employee's citizenship or immigration status as attested in Form I-9 Section 1.
public enum CitizenshipStatus: String, Sendable, Codable, CaseIterable {
    case usCitizen = "US_CITIZEN"
    case noncitizenNational = "NONCITIZEN_NATIONAL"
    case lawfulPermanentResident = "LAWFUL_PERMANENT_RESIDENT"
    case noncitizenAuthorizedToWork = "NONCITIZEN_AUTHORIZED_TO_WORK"

    /// Also accepts the ICA's older spelling `ALIEN_AUTHORIZED_TO_WORK`.
    public init?(code: String) {
        if code == "ALIEN_AUTHORIZED_TO_WORK" { self = .noncitizenAuthorizedToWork; return }
        self.init(rawValue: code)
    }

    /// Citizens and nationals are confirmed by SSA; everyone else also by DHS.
    public var needsDHSCheck: Bool { self == .lawfulPermanentResident || self == .noncitizenAuthorizedToWork }
}

/// Status of a case (API.md `case_status`).
public enum CaseStatus: String, Sendable, Codable, CaseIterable {
    case draft = "DRAFT"
    case queued = "QUEUED"
    case unconfirmedData = "UNCONFIRMED_DATA"
    case photoMatch = "PHOTO_MATCH"
    case scanAndUpload = "SCAN_AND_UPLOAD"
    case manualReview = "MANUAL_REVIEW"
    case pendingReferral = "PENDING_REFERRAL"
    case referred = "REFERRED"
    case caseInContinuance = "CASE_IN_CONTINUANCE"
    case closeCaseAndResubmit = "CLOSE_CASE_AND_RESUBMIT"
    case finalNonconfirmation = "FINAL_NONCONFIRMATION"
    case closed = "CLOSED"
}

/// The outcome written on a case (API.md `case_eligibility_statement`), empty while open.
public enum EligibilityStatement: String, Sendable, Codable, CaseIterable {
    case employmentAuthorized = "EMPLOYMENT_AUTHORIZED"
    case finalNonconfirmation = "FINAL_NONCONFIRMATION"
    case noActionFNC = "NO_ACTION_FNC"
    case closeCaseAndResubmit = "CLOSE_CASE_AND_RESUBMIT"
}

/// Where a referral to one agency stands.
public enum ReferralStatus: String, Sendable, Codable, CaseIterable {
    case notReferred = "NOT_REFERRED"
    case pendingReferral = "PENDING_REFERRAL"
    case referred = "REFERRED"
    case contacted = "CONTACTED"
    case resolved = "RESOLVED"
}

/// TNC-1: the four kinds of mismatch.
public enum MismatchKind: String, Sendable, Codable, CaseIterable {
    case ssa = "SSA_TNC"
    case dhs = "DHS_TNC"
    case dual = "DUAL_TNC"
    case dhsPhoto = "DHS_PHOTO_TNC"

    public var involvesSSA: Bool { self == .ssa || self == .dual }
    public var involvesDHS: Bool { self != .ssa }
}

/// The user's answer when comparing photos (DOC-2).
public enum PhotoMatchAnswer: String, Sendable, Codable, CaseIterable {
    case matching = "MATCHING"
    case notMatching = "NOT_MATCHING"
    case noImage = "NO_IMAGE"
    case cannotDetermine = "CANNOT_DETERMINE"
}
