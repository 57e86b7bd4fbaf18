/// The code lists behind API.md `GET reference/{list}`: each entry a code the API
/// accepts or shows and a human name written for this service.
public enum ReferenceLists {
    /// The list names `list(named:)` knows, in the order API.md gives them.
    public static let names: [String] = [
        "case_status", "case_eligibility_statement", "referral_statuses", "citizenship_statuses",
        "document_types", "document_sub_types", "reasons_for_delay", "duplicate_continue_reasons",
        "case_closure_reasons", "us_state_codes", "country_codes",
    ]

    /// The entries of the list called `name`; nil for a name not in `names`.
    ///
    /// `document_types` gives code and name only; `DocumentType.all` has the lists,
    /// sub-types and photo flags for a richer rendering.
    public static func list(named name: String) -> [(code: String, name: String)]? {
        switch name {
        case "case_status": CaseStatus.allCases.map { ($0.rawValue, caseStatusName($0)) }
        case "case_eligibility_statement": EligibilityStatement.allCases.map { ($0.rawValue, eligibilityName($0)) }
        case "referral_statuses": ReferralStatus.allCases.map { ($0.rawValue, referralName($0)) }
        case "citizenship_statuses": CitizenshipStatus.allCases.map { ($0.rawValue, citizenshipName($0)) }
        case "document_types": DocumentType.all.map { ($0.code, $0.name) }
        case "document_sub_types": DocumentType.subTypeNames
        case "reasons_for_delay": ReasonForDelay.allCases.map { ($0.rawValue, $0.name) }
        case "duplicate_continue_reasons": DuplicateContinueReason.allCases.map { ($0.rawValue, $0.name) }
        case "case_closure_reasons": caseClosureReasons
        case "us_state_codes": USStateCodes.all
        case "country_codes": CountryCodes.all
        default: nil
        }
    }

    /// Every closure reason the API knows (API.md `case_closure_reasons`); which are
    /// valid for a case depends on its state, decided elsewhere (CASE-6).
    public static let caseClosureReasons: [(code: String, name: String)] = ClosureReason.allCases.map { ($0.rawValue, $0.name) }

    private static func caseStatusName(_ status: CaseStatus) -> String {
        switch status {
        case .draft: "Draft: not yet submitted"
        case .queued: "Queued: waiting for the government side"
        case .unconfirmedData: "Unconfirmed data: check the entered data against Form I-9"
        case .photoMatch: "Photo matching: compare the photo with the document copy"
        case .scanAndUpload: "Scan and upload the document copies"
        case .manualReview: "DHS verification in process"
        case .pendingReferral: "Tentative nonconfirmation: the employee's decision is pending"
        case .referred: "Referred: the employee is resolving the mismatch"
        case .caseInContinuance: "Case in continuance: the agency needs more time"
        case .closeCaseAndResubmit: "Close case and resubmit"
        case .finalNonconfirmation: "Final nonconfirmation"
        case .closed: "Closed"
        }
    }

    private static func eligibilityName(_ statement: EligibilityStatement) -> String {
        switch statement {
        case .employmentAuthorized: "Employment authorized"
        case .finalNonconfirmation: "Final nonconfirmation"
        case .noActionFNC: "Final nonconfirmation: the employee chose not to take action"
        case .closeCaseAndResubmit: "Close case and resubmit"
        }
    }

    private static func referralName(_ status: ReferralStatus) -> String {
        switch status {
        case .notReferred: "Not referred"
        case .pendingReferral: "Waiting for the employee's decision"
        case .referred: "Referred to the agency"
        case .contacted: "The employee contacted the agency"
        case .resolved: "Resolved"
        }
    }

    private static func citizenshipName(_ status: CitizenshipStatus) -> String {
        switch status {
        case .usCitizen: "A citizen of the United States"
        case .noncitizenNational: "A noncitizen national of the United States"
        case .lawfulPermanentResident: "A lawful permanent resident"
        case .noncitizenAuthorizedToWork: "A noncitizen authorized to work"
        }
    }
}
