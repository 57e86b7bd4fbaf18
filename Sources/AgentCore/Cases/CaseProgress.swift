/// Where a case stands: everything of its lifecycle except the employee data.
/// `CaseWorkflow` changes it; storage keeps it beside the encrypted data.
public struct CaseProgress: Sendable, Equatable, Codable {
    public var status: CaseStatus
    public var eligibility: EligibilityStatement?
    public var mismatch: MismatchKind?
    public var ssaReferral: ReferralStatus
    public var dhsReferral: ReferralStatus
    public var createdOn: CivilDate
    /// CASE-7 counts from the last change of a draft.
    public var lastTouchedOn: CivilDate
    public var submittedOn: CivilDate?
    /// The base of TNC-10: when the mismatch result arrived.
    public var mismatchOn: CivilDate?
    public var referredOn: CivilDate?
    /// TNC-4: the employee contacts the agency by this date.
    public var contactBy: CivilDate?
    public var continuanceSince: CivilDate?
    public var manualReviewExpectedBy: CivilDate?
    /// CASE-4: the fields the government side could not confirm.
    public var unconfirmedFields: [String]
    /// The details were confirmed once; a second mismatch is final for SSA.
    public var detailsConfirmed: Bool
    public var photoAnswer: PhotoMatchAnswer?
    public var downloads: [NoticeDownload]
    public var closure: CaseClosure?
    /// IMG-3: the second person's decision on the case before it is submitted.
    public var review: CaseReview?
    /// CASE-9: the day the case was flagged for staying in continuance too long.
    public var continuanceFlaggedOn: CivilDate?
    /// CASE-6: the day a result that the user must close arrived (final nonconfirmation,
    /// close and resubmit, or the employee's choice not to contest).
    public var finalResultOn: CivilDate?
    /// RET-1: the roster's last day of employment, and the last day the case is kept
    /// (nil until the roster gives a termination date).
    public var terminatedOn: CivilDate?
    public var retentionUntil: CivilDate?
    /// RET-3: while set, the case is never purged.
    public var legalHold: LegalHold?
    /// RET-2: set once the personal data is deleted; never cleared.
    public var purge: CasePurge?
    /// REV-2: the program reported the case's document revoked (reverify at once).
    public var revocation: DocumentRevocation?
    /// REV-1/REV-2: the last Form I-9 Supplement B recorded.
    public var supplementB: SupplementB?

    public init(createdOn: CivilDate) {
        status = .draft
        eligibility = nil
        mismatch = nil
        ssaReferral = .notReferred
        dhsReferral = .notReferred
        self.createdOn = createdOn
        lastTouchedOn = createdOn
        unconfirmedFields = []
        detailsConfirmed = false
        downloads = []
    }

    /// CASE-10: the Further Action Notice was produced for the employee.
    public var furtherActionNoticeDownloaded: Bool { downloads.contains { $0.notice == "further_action_notice" } }
    public var isOpen: Bool { status != .closed }
}

/// IMG-3: a secondary review by someone other than the case's creator.
public struct CaseReview: Sendable, Equatable, Codable {
    public enum Decision: String, Sendable, Codable { case approve = "APPROVE", reject = "REJECT" }
    public var decision: Decision
    public var reviewerID: String
    public var note: String?
    public var at: String
    public init(decision: Decision, reviewerID: String, note: String?, at: String) {
        self.decision = decision
        self.reviewerID = reviewerID
        self.note = note
        self.at = at
    }
}
