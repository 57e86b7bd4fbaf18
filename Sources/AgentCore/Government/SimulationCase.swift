/// Where a case stands on the simulated government side: which calls it accepts next.
public enum SimulatedCaseStage: String, Sendable, Codable, CaseIterable {
    case unconfirmedData = "UNCONFIRMED_DATA"
    case manualReview = "MANUAL_REVIEW"
    case photoMatch = "PHOTO_MATCH"
    case scanAndUpload = "SCAN_AND_UPLOAD"
    /// A mismatch the employee has not yet decided about (TNC-3).
    case tentativeNonconfirmation = "TENTATIVE_NONCONFIRMATION"
    case referred = "REFERRED"
    case caseInContinuance = "CASE_IN_CONTINUANCE"
    case closeCaseAndResubmit = "CLOSE_CASE_AND_RESUBMIT"
    case employmentAuthorized = "EMPLOYMENT_AUTHORIZED"
    case finalNonconfirmation = "FINAL_NONCONFIRMATION"
    /// The employee chose not to contest.
    case noAction = "NO_ACTION"
    case closed = "CLOSED"

    /// The stage a case is in once the government side has answered `result`.
    public init(after result: GovernmentResult) {
        switch result {
        case .employmentAuthorized: self = .employmentAuthorized
        case .unconfirmedData: self = .unconfirmedData
        case .photoMatchRequired: self = .photoMatch
        case .scanAndUploadRequired: self = .scanAndUpload
        case .manualReview: self = .manualReview
        case .tentativeNonconfirmation: self = .tentativeNonconfirmation
        case .caseInContinuance: self = .caseInContinuance
        case .closeCaseAndResubmit: self = .closeCaseAndResubmit
        case .finalNonconfirmation: self = .finalNonconfirmation
        }
    }
}

/// What the simulator learned by comparing a submission with its records. Kept
/// instead of the submission itself, so the simulator's tables hold no employee
/// data beyond the SSN of a simulated (synthetic) person.
public struct SimulatedMatchFacts: Sendable, Equatable, Codable {
    /// The status attested on Form I-9 (decides whether DHS is asked).
    public var citizenshipStatus: CitizenshipStatus
    /// API field names SSA could not match (`ssn` when the number is unknown); empty
    /// when SSN, name and date of birth match.
    public var mismatchedFields: [String]
    /// The A-number given differs from the one on DHS's record.
    public var alienNumberMismatch: Bool
    /// The case gave the U.S. passport number on record: the correction that clears a
    /// "close case and resubmit".
    public var passportNumberConfirmed: Bool
    /// An I-551, I-766 or U.S. passport/card was presented (DOC-2).
    public var photoDocumentPresented: Bool

    public init(citizenshipStatus: CitizenshipStatus, mismatchedFields: [String], alienNumberMismatch: Bool,
                passportNumberConfirmed: Bool, photoDocumentPresented: Bool) {
        self.citizenshipStatus = citizenshipStatus
        self.mismatchedFields = mismatchedFields
        self.alienNumberMismatch = alienNumberMismatch
        self.passportNumberConfirmed = passportNumberConfirmed
        self.photoDocumentPresented = photoDocumentPresented
    }
}

/// A referral as the agency recorded it (TNC-4), with the person's referral
/// behaviour copied at that moment so later edits of the person change nothing.
public struct SimulatedReferral: Sendable, Equatable, Codable {
    public var kind: MismatchKind
    public var referredOn: CivilDate
    public var contactBy: CivilDate
    public var behaviour: SimulatedReferralBehaviour
    public var employeeContacted: Bool

    public init(kind: MismatchKind, referredOn: CivilDate, contactBy: CivilDate, behaviour: SimulatedReferralBehaviour,
                employeeContacted: Bool = false) {
        self.kind = kind
        self.referredOn = referredOn
        self.contactBy = contactBy
        self.behaviour = behaviour
        self.employeeContacted = employeeContacted
    }
}

/// Work the simulated agencies will do on a date: the clock runs it once the
/// simulated date reaches `due`.
public struct SimulatedJob: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// DHS finishes its manual review and answers (needs more time).
        case resolveManualReview = "RESOLVE_MANUAL_REVIEW"
        /// The employee contacts the agency after a referral.
        case employeeContact = "EMPLOYEE_CONTACT"
        /// The agency answers a referral the employee followed up.
        case referralOutcome = "REFERRAL_OUTCOME"
        /// Nobody contacted the agency by the contact-by date: final nonconfirmation.
        case noContactFinalNonconfirmation = "NO_CONTACT_FNC"
        /// A case in continuance is resolved (employment authorized).
        case continuanceResolution = "CONTINUANCE_RESOLUTION"
    }

    public var caseNumber: String
    public var kind: Kind
    public var due: CivilDate

    public init(caseNumber: String, kind: Kind, due: CivilDate) {
        self.caseNumber = caseNumber
        self.kind = kind
        self.due = due
    }
}

/// The simulator's memory of one case. Each case has at most one pending job: the
/// steps of a referral follow one another, each scheduling the next when it runs.
public struct SimulatedCase: Sendable, Equatable {
    public var caseNumber: String
    /// The simulated person the case matched by SSN; nil when the SSN is unknown.
    public var personSSN: String?
    public var facts: SimulatedMatchFacts
    public var stage: SimulatedCaseStage
    /// The latest answer the government side gave for the case.
    public var result: GovernmentResult
    /// The mismatch of the latest tentative nonconfirmation, if any.
    public var mismatch: MismatchKind?
    /// The user answered "are you sure" (CASE-4) once; a second mismatch is final.
    public var dataConfirmed: Bool
    /// DHS finished its manual review.
    public var reviewed: Bool
    public var photoAnswer: PhotoMatchAnswer?
    public var referral: SimulatedReferral?
    public var closureReason: String?
    /// The simulated date of the first submission.
    public var submittedOn: CivilDate
    public var pendingJob: SimulatedJob?

    public init(caseNumber: String, personSSN: String?, facts: SimulatedMatchFacts, stage: SimulatedCaseStage,
                result: GovernmentResult, mismatch: MismatchKind? = nil, dataConfirmed: Bool = false, reviewed: Bool = false,
                photoAnswer: PhotoMatchAnswer? = nil, referral: SimulatedReferral? = nil, closureReason: String? = nil,
                submittedOn: CivilDate, pendingJob: SimulatedJob? = nil) {
        self.caseNumber = caseNumber
        self.personSSN = personSSN
        self.facts = facts
        self.stage = stage
        self.result = result
        self.mismatch = mismatch
        self.dataConfirmed = dataConfirmed
        self.reviewed = reviewed
        self.photoAnswer = photoAnswer
        self.referral = referral
        self.closureReason = closureReason
        self.submittedOn = submittedOn
        self.pendingJob = pendingJob
    }
}
