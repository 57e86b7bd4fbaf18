/// The actions a user can take on a case; raw values are the API's path segments.
public enum CaseAction: String, Sendable, Codable, CaseIterable {
    case submit
    case confirmDetails = "confirm_details"
    case photoMatch = "photo_match"
    case scanAndUpload = "scan_and_upload"
    case furtherActionNotice = "further_action_notice"
    case refer
    case noAction = "no_action"
    case close
    case review
}

/// Closure reason codes (API.md `case_closure_reasons`).
public enum ClosureReason: String, Sendable, Codable, CaseIterable {
    case continuesAfterEA = "EMPLOYEE_CONTINUES_TO_WORK_AFTER_EA"
    case continuesAfterFNC = "EMPLOYEE_CONTINUES_TO_WORK_AFTER_FNC"
    case terminatedForFNC = "EMPLOYEE_TERMINATED_FOR_FNC_RESULT"
    case quit = "EMPLOYEE_QUIT"
    case terminatedOtherReason = "EMPLOYEE_TERMINATED_OTHER_REASON"
    case duplicateCase = "DUPLICATE_CASE"
    case incorrectData = "INCORRECT_DATA"
    case instructedByDHS = "EMPLOYER_INSTRUCTED_TO_CLOSE_BY_DHS"
    case instructedBySSA = "EMPLOYER_INSTRUCTED_TO_CLOSE_BY_SSA"
    case other = "OTHER"

    public var name: String {
        switch self {
        case .continuesAfterEA: return "The employee continues to work for the employer after receiving an Employment Authorized result"
        case .continuesAfterFNC: return "The employee continues to work for the employer after receiving a Final Nonconfirmation result"
        case .terminatedForFNC: return "The employee was terminated by the employer for receiving a Final Nonconfirmation result"
        case .quit: return "The employee quit or left the job"
        case .terminatedOtherReason: return "The employee was terminated for reasons other than the case result"
        case .duplicateCase: return "The case is a duplicate of another case for the same employee"
        case .incorrectData: return "The case was created with incorrect information"
        case .instructedByDHS: return "DHS instructed the employer to close the case"
        case .instructedBySSA: return "SSA instructed the employer to close the case"
        case .other: return "Other (describe)"
        }
    }
}

/// One download of a notice (CASE-10 needs the FAN's; TNC-2 records the language).
public struct NoticeDownload: Sendable, Equatable, Codable {
    public var notice: String
    public var userID: String
    public var at: String
    public var language: String
    public init(notice: String, userID: String, at: String, language: String) {
        self.notice = notice
        self.userID = userID
        self.at = at
        self.language = language
    }
}

/// How a case was closed (CASE-6).
public struct CaseClosure: Sendable, Equatable, Codable {
    public var reason: ClosureReason
    public var currentlyEmployed: Bool?
    public var otherReasonDescription: String?
    public var currentlyEmployedReasonDescription: String?
    public var closedOn: CivilDate

    public init(reason: ClosureReason, currentlyEmployed: Bool?, otherReasonDescription: String?,
                currentlyEmployedReasonDescription: String?, closedOn: CivilDate) {
        self.reason = reason
        self.currentlyEmployed = currentlyEmployed
        self.otherReasonDescription = otherReasonDescription
        self.currentlyEmployedReasonDescription = currentlyEmployedReasonDescription
        self.closedOn = closedOn
    }
}
