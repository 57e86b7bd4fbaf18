/// An action the case's state does not allow now (409): names the status and what is allowed.
public struct CaseStateConflict: Error, Sendable, Equatable {
    public var action: CaseAction
    public var status: CaseStatus
    public var allowed: [CaseAction]
    /// A rule that refused (`CASE-10`), or nil for a plain wrong-state action.
    public var rule: String?
    public var message: String

    public init(action: CaseAction, status: CaseStatus, allowed: [CaseAction], rule: String?, message: String) {
        self.action = action
        self.status = status
        self.allowed = allowed
        self.rule = rule
        self.message = message
    }
}

/// The case state machine: which actions each status allows, and how results and user
/// actions move a case. Pure functions over `CaseProgress`.
public enum CaseWorkflow {
    /// The actions open to the user now (API.md `next_actions`). With `reviewRequired`
    /// (the client adopted IMG-3), a draft is reviewed before it can be submitted.
    public static func nextActions(_ p: CaseProgress, reviewRequired: Bool = false) -> [CaseAction] {
        // RET-2: a purged case takes nothing, whatever its status.
        if p.purge != nil { return [] }
        switch p.status {
        case .draft:
            guard reviewRequired else { return [.submit, .close] }
            return p.review?.decision == .approve ? [.submit, .close] : [.review, .close]
        case .queued, .manualReview: return []
        case .unconfirmedData: return [.confirmDetails, .close]
        case .photoMatch: return [.photoMatch]
        case .scanAndUpload: return [.scanAndUpload]
        case .pendingReferral:
            // CASE-10: the decision is recorded only after the FAN was produced.
            return p.furtherActionNoticeDownloaded ? [.furtherActionNotice, .refer, .noAction, .close] : [.furtherActionNotice, .close]
        case .referred, .caseInContinuance: return [.close]
        case .closeCaseAndResubmit, .finalNonconfirmation: return [.close]
        case .closed: return []
        }
    }

    /// Refuses `action` unless the state allows it.
    public static func check(_ action: CaseAction, _ p: CaseProgress, reviewRequired: Bool = false) throws(CaseStateConflict) {
        if p.purge != nil { throw CasePurgeRules.refusal(p, action: action) }
        let allowed = nextActions(p, reviewRequired: reviewRequired)
        if allowed.contains(action) { return }
        if action == .submit && p.status == .draft && reviewRequired {
            throw CaseStateConflict(action: action, status: p.status, allowed: allowed, rule: "IMG-3",
                                    message: "This client requires a secondary review: a second user must approve the case before it is submitted.")
        }
        if (action == .refer || action == .noAction) && p.status == .pendingReferral {
            throw CaseStateConflict(action: action, status: p.status, allowed: allowed, rule: "CASE-10",
                                    message: "Download the Further Action Notice and give it to the employee before recording their decision.")
        }
        let list = if !allowed.isEmpty { allowed.map(\.rawValue).joined(separator: ", ") }
                   else if p.status == .closed { "nothing: the case is closed" }
                   else { "nothing until the government side answers" }
        throw CaseStateConflict(action: action, status: p.status, allowed: allowed, rule: nil,
                                message: "A case in \(p.status.rawValue) does not take \(action.rawValue); allowed now: \(list).")
    }

    /// Moves the case by a government result that arrived on `date`.
    public static func apply(_ result: GovernmentResult, on date: CivilDate, to p: inout CaseProgress) {
        switch result {
        case .employmentAuthorized:
            // CASE-6: Employment Authorized closes itself with the standard reason.
            p.status = .closed
            p.eligibility = .employmentAuthorized
            resolveReferrals(&p)
            p.closure = CaseClosure(reason: .continuesAfterEA, currentlyEmployed: true, otherReasonDescription: nil,
                                    currentlyEmployedReasonDescription: nil, closedOn: date)
        case .unconfirmedData(let fields):
            p.status = .unconfirmedData
            p.unconfirmedFields = fields
        case .photoMatchRequired:
            p.status = .photoMatch
        case .scanAndUploadRequired:
            p.status = .scanAndUpload
        case .manualReview(let expectedBy):
            p.status = .manualReview
            p.manualReviewExpectedBy = expectedBy
        case .tentativeNonconfirmation(let kind):
            p.status = .pendingReferral
            p.mismatch = kind
            p.mismatchOn = date
            if kind.involvesSSA { p.ssaReferral = .pendingReferral }
            if kind.involvesDHS { p.dhsReferral = .pendingReferral }
        case .caseInContinuance:
            p.status = .caseInContinuance
            if p.continuanceSince == nil { p.continuanceSince = date }
        case .closeCaseAndResubmit:
            p.status = .closeCaseAndResubmit
            p.eligibility = .closeCaseAndResubmit
            p.finalResultOn = date
        case .finalNonconfirmation:
            p.status = .finalNonconfirmation
            p.eligibility = .finalNonconfirmation
            p.finalResultOn = date
            resolveReferrals(&p)
        }
    }

    /// The agency reports that the employee made contact after a referral.
    public static func employeeContacted(_ p: inout CaseProgress) {
        if p.ssaReferral == .referred { p.ssaReferral = .contacted }
        if p.dhsReferral == .referred { p.dhsReferral = .contacted }
    }

    /// TNC-3: the employee contests; the referral letter's contact-by date is TNC-4's.
    public static func refer(_ receipt: ReferralReceipt, _ p: inout CaseProgress) {
        p.status = .referred
        p.referredOn = receipt.referredOn
        p.contactBy = receipt.contactBy
        if p.ssaReferral == .pendingReferral { p.ssaReferral = .referred }
        if p.dhsReferral == .pendingReferral { p.dhsReferral = .referred }
    }

    /// The employee does not contest: the mismatch becomes final (TNC-9), to be closed.
    public static func noAction(_ p: inout CaseProgress, on date: CivilDate? = nil) {
        p.status = .finalNonconfirmation
        p.eligibility = .noActionFNC
        p.finalResultOn = date
        if p.ssaReferral == .pendingReferral { p.ssaReferral = .notReferred }
        if p.dhsReferral == .pendingReferral { p.dhsReferral = .notReferred }
    }

    /// The closure reasons valid now (API.md `closure_reasons`), given whether the
    /// employee still works for the client (nil: not said).
    public static func closureReasons(_ p: CaseProgress, currentlyEmployed: Bool?) -> [ClosureReason] {
        let leaving: [ClosureReason] = [.quit, .terminatedOtherReason]
        switch p.status {
        case .finalNonconfirmation:
            // TNC-9: keeping the employee after a final nonconfirmation is recorded as such.
            switch currentlyEmployed {
            case .some(true): return [.continuesAfterFNC]
            case .some(false): return [.terminatedForFNC, .quit]
            case nil: return [.continuesAfterFNC, .terminatedForFNC, .quit]
            }
        case .closeCaseAndResubmit:
            return [.incorrectData, .duplicateCase, .instructedByDHS, .instructedBySSA, .other]
        case .draft, .unconfirmedData:
            return [.incorrectData, .duplicateCase] + (currentlyEmployed == true ? [] : leaving) + [.other]
        case .pendingReferral, .referred, .caseInContinuance:
            return [.duplicateCase, .incorrectData, .instructedByDHS, .instructedBySSA]
                + (currentlyEmployed == true ? [] : leaving) + [.other]
        case .queued, .photoMatch, .scanAndUpload, .manualReview, .closed:
            return []
        }
    }

    /// CASE-6: closes with a reason valid now.
    public static func close(_ closure: CaseClosure, _ p: inout CaseProgress) throws(ValidationFailure) {
        var issues = IssueCollector()
        let valid = closureReasons(p, currentlyEmployed: closure.currentlyEmployed)
        if !valid.contains(closure.reason) {
            issues.add("case_closure_reason_code", "CASE-6",
                       "\(closure.reason.rawValue) does not fit this case now; valid: \(valid.map(\.rawValue).joined(separator: ", ")).")
        }
        if closure.reason == .other && (closure.otherReasonDescription ?? "").isEmpty {
            issues.add("other_reason_description", FieldIssue.required, "Describe the reason when closing with OTHER.")
        }
        if closure.reason == .continuesAfterFNC && (closure.currentlyEmployedReasonDescription ?? "").isEmpty {
            issues.add("currently_employed_reason_description", "TNC-9",
                       "Say why the employee continues to work after a final nonconfirmation; it must be reported to DHS.")
        }
        try issues.check()
        p.status = .closed
        p.closure = closure
    }

    private static func resolveReferrals(_ p: inout CaseProgress) {
        if p.ssaReferral != .notReferred { p.ssaReferral = .resolved }
        if p.dhsReferral != .notReferred { p.dhsReferral = .resolved }
    }
}
