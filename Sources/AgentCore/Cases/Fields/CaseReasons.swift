/// Rule HIRE-2: why a case is created after the third business day after the first
/// day of employment (API.md `reasons_for_delay`). `other` needs free text.
public enum ReasonForDelay: String, Sendable, Codable, CaseIterable {
    case awaitingSocialSecurityNumber = "AWAITING_SOCIAL_SECURITY_NUMBER"
    case technicalProblems = "TECHNICAL_PROBLEMS"
    case auditRevealedNewHireWasNotRun = "AUDIT_REVEALED_NEW_HIRE_WAS_NOT_RUN"
    case federalContractorExistingEmployee = "FEDERAL_CONTRACTOR_EXISTING_EMPLOYEE"
    case awaitingResponseOnCaseWithIncorrectInformation = "AWAITING_RESPONSE_ON_CASE_WITH_INCORRECT_INFORMATION"
    case other = "OTHER"

    /// A human name for the reference list.
    public var name: String {
        switch self {
        case .awaitingSocialSecurityNumber: "Awaiting Social Security number"
        case .technicalProblems: "Technical problems"
        case .auditRevealedNewHireWasNotRun: "Audit revealed that the new hire was not run"
        case .federalContractorExistingEmployee: "Federal contractor with the E-Verify clause verifying an existing employee"
        case .awaitingResponseOnCaseWithIncorrectInformation: "Awaiting response on a case created with incorrect information"
        case .other: "Other (describe)"
        }
    }
}

/// Rule CASE-5: why a case continues although another case of the same client has
/// the same SSN from the last 365 days (API.md `duplicate_continue_reasons`).
/// `other` needs free text.
public enum DuplicateContinueReason: String, Sendable, Codable, CaseIterable {
    case rehire = "REHIRE"
    case incorrectInformationEntered = "INCORRECT_INFORMATION_ENTERED"
    case dhsInstructedNewCase = "DHS_INSTRUCTED_NEW_CASE"
    case ssaInstructedNewCase = "SSA_INSTRUCTED_NEW_CASE"
    case previousCaseResultResubmit = "PREVIOUS_CASE_RESULT_RESUBMIT"
    case other = "OTHER"

    /// A human name for the reference list.
    public var name: String {
        switch self {
        case .rehire: "The employee was rehired"
        case .incorrectInformationEntered: "The earlier case had incorrect information"
        case .dhsInstructedNewCase: "DHS asked for a new case"
        case .ssaInstructedNewCase: "SSA asked for a new case"
        case .previousCaseResultResubmit: "The earlier case ended in Close Case and Resubmit"
        case .other: "Other (describe)"
        }
    }
}
