import Testing
@testable import AgentCore

// Fixtures for the case-field tests. "Today" is Wednesday 2025-03-12; the valid
// case is a U.S. citizen with a U.S. passport book who started on Monday
// 2025-03-10, so its HIRE-2 due date is Thursday 2025-03-13.

/// A Monday-to-Friday client whose MOU took effect on 2020-01-01.
func caseFieldProfile(federalContractor: Bool = false) -> ClientProfile {
    ClientProfile(name: "Acme", ein: "12-3456789", mouEffectiveDate: civil("2020-01-01"), federalContractor: federalContractor)
}

/// The rules' context on `today` (default 2025-03-12).
func caseFieldContext(today: String = "2025-03-12", profile: ClientProfile = caseFieldProfile(),
                      outages: [ClosedRange<CivilDate>] = []) -> CaseContext {
    CaseContext(profile: profile, today: civil(today), outages: outages)
}

/// A complete, valid case body.
func validCaseFieldInput() -> CaseInput {
    var input = CaseInput()
    input.firstName = "Maria"
    input.lastName = "García-López"
    input.dateOfBirth = civil("1990-05-15")
    input.ssn = "123-45-6789"
    input.citizenshipStatusCode = "US_CITIZEN"
    input.documentATypeCode = "US_PASSPORT"
    input.documentSubTypeCode = "US_PASSPORT_BOOK"
    input.usPassportNumber = "123456789"
    input.expirationDate = civil("2030-01-01")
    input.dateOfHire = civil("2025-03-10")
    input.offerAcceptedDate = civil("2025-02-20")
    input.i9Section1Date = civil("2025-03-10")
    input.i9Section2Date = civil("2025-03-11")
    return input
}

/// `validCaseFieldInput()` changed by `change`.
func caseFieldInput(_ change: (inout CaseInput) -> Void) -> CaseInput {
    var input = validCaseFieldInput()
    change(&input)
    return input
}

/// Every issue `validate` reports; empty when the input is accepted.
func caseFieldIssues(_ input: CaseInput, _ context: CaseContext = caseFieldContext()) -> [FieldIssue] {
    switch CaseRules.validated(input, context: context) {
    case .success: []
    case .failure(let failure): failure.issues
    }
}

/// The accepted case data, recording a test issue (with the refusals) when refused.
func acceptedCaseFieldData(_ input: CaseInput, _ context: CaseContext = caseFieldContext(),
                           sourceLocation: SourceLocation = #_sourceLocation) -> CaseData? {
    switch CaseRules.validated(input, context: context) {
    case .success(let data):
        return data
    case .failure(let failure):
        Issue.record("expected acceptance, got \(failure.issues.map { "\($0.field) \($0.code): \($0.message)" })",
                     sourceLocation: sourceLocation)
        return nil
    }
}

/// Expects the input to be refused on 2025-03-12 with exactly these `(field, code)`
/// pairs, in any order.
func expectCaseFieldRefusal(_ input: CaseInput, _ expected: [(String, String)],
                            sourceLocation: SourceLocation = #_sourceLocation) {
    expectCaseFieldRefusal(input, caseFieldContext(), expected, sourceLocation: sourceLocation)
}

/// Expects the input to be refused in `context` with exactly these `(field, code)`
/// pairs, in any order, each with a message.
func expectCaseFieldRefusal(_ input: CaseInput, _ context: CaseContext, _ expected: [(String, String)],
                            sourceLocation: SourceLocation = #_sourceLocation) {
    let issues = caseFieldIssues(input, context)
    let got = issues.map { "\($0.field) \($0.code)" }.sorted()
    let want = expected.map { "\($0.0) \($0.1)" }.sorted()
    #expect(got == want, "messages: \(issues.map(\.message))", sourceLocation: sourceLocation)
    for issue in issues {
        #expect(issue.message.count > 20, "a message says what to do: \(issue)", sourceLocation: sourceLocation)
    }
}
