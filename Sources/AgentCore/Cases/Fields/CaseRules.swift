/// The rules of "Creating a case" and "Documents" (DOMAIN.md) applied to a case
/// body: `POST cases` and `PATCH cases/{n}` run `validate`, `submit` runs
/// `lateReasonIssues` again, the caller's duplicate search ends in `duplicateIssue`.
///
/// Every check runs on every call and all issues come back together; a field
/// that failed its own shape check is not judged again by the rules that combine
/// it with others, so one typo gives one issue, not a cascade.
///
/// DOC-3 (the client never requires particular documents) needs no check: the API
/// has no field or action that asks for one.
public enum CaseRules {
    /// The youngest age at hire accepted. Under the Fair Labor Standards Act 14 is the
    /// general minimum working age; a younger age is far more often a mistyped year
    /// of birth than a hire, and a mistyped birth date would cost the employee a
    /// mismatch. (Child performers younger than this cannot be entered: a known limit.)
    public static let minimumAgeAtHire = 14
    /// The oldest age at hire accepted: beyond it the year of birth is a typo.
    public static let maximumAgeAtHire = 120
    /// How far after today the first day of employment may be. A case may be made
    /// before the first day (Form I-9 can be completed between the accepted offer and
    /// the start, per the program's training), but a start more than a year out is a
    /// mistyped year.
    public static let maximumDaysHireAhead = 365
    /// At most this many entries in `other_last_names_used`.
    public static let maximumOtherLastNames = 10
    /// The longest free-text reason (late reason, duplicate reason).
    public static let maximumDescriptionLength = 200

    /// Checks a case body against every field and rule and returns the normalized
    /// case, or fails with every issue found (field, rule ID or generic code, and a
    /// message saying what to do).
    public static func validate(_ input: CaseInput, context: CaseContext) throws(ValidationFailure) -> CaseData {
        var check = CaseCheck(input: input, context: context)
        check.checkPerson()
        check.checkStatusAndNumbers()
        check.checkDocuments()
        check.checkFieldTable()
        check.checkHire()
        check.checkReasons()
        try check.issues.check()
        guard let data = CaseData(restoring: check.normalized) else {
            // Unreachable when every check adds an issue for what it leaves out;
            // kept so a gap in the checks is a refusal, never a crash.
            throw ValidationFailure([FieldIssue(field: "case", code: FieldIssue.invalidValue,
                                                message: "The case data is incomplete; check every required field.")])
        }
        return data
    }

    /// `validate` as a `Result`, for callers that collect outcomes.
    public static func validated(_ input: CaseInput, context: CaseContext) -> Result<CaseData, ValidationFailure> {
        Result { () throws(ValidationFailure) in try validate(input, context: context) }
    }
}

/// One run of the case checks: the input, what has been normalized so far, the
/// issues, and what earlier checks learnt that later ones build on.
struct CaseCheck {
    let input: CaseInput
    let context: CaseContext
    /// The normalized values of the fields that passed, as a body (`CaseData(restoring:)`).
    var normalized = CaseInput()
    var issues = IssueCollector()
    /// The citizenship status, once it parsed.
    var status: CitizenshipStatus?
    /// The document choice, once codes and lists were right.
    var documents: CaseDocuments?
    /// Fields that failed their own check; combining rules skip them.
    var refused: Set<String> = []

    init(input: CaseInput, context: CaseContext) {
        self.input = input
        self.context = context
    }

    /// The trimmed text of field `name`, nil when absent or blank.
    func text(_ name: String) -> String? {
        guard case .text(let value)? = input[field: name] else { return nil }
        return CaseFieldFormat.trimmed(value)
    }

    /// Whether field `name` is given (a blank text counts as not given).
    func isGiven(_ name: String) -> Bool {
        // Not `map(isGiven(at:))`: that method reference copied the whole check.
        guard let index = CaseInput.fieldIndex(of: name) else { return false }
        return isGiven(at: index)
    }

    /// Whether the field at `index` of `CaseInput.fields` is given: no name lookup.
    func isGiven(at index: Int) -> Bool {
        switch input[fieldAt: index] {
        case .text(let value)?: CaseFieldFormat.trimmed(value) != nil
        case .flag(let flag)?: flag
        case .date?, .textList?: true
        case nil: false
        }
    }

    /// Records an issue and marks the field as refused.
    mutating func refuse(_ field: String, _ code: String, _ message: String) {
        issues.add(field, code, message)
        refused.insert(field)
    }

    /// Checks an optional text field with `normalize` and stores the result.
    mutating func checkText(_ name: String, code: String = FieldIssue.invalidFormat, message: String,
                            normalize: (String) -> String?) {
        guard let value = text(name) else { return }
        if let good = normalize(value) {
            normalized.set(name, to: .text(good))
        } else {
            refuse(name, code, message)
        }
    }
}
