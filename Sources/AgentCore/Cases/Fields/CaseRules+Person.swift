/// The employee's own fields: names, birth date, SSN (CASE-1), email (CASE-2), and
/// the client's own references.
extension CaseCheck {
    mutating func checkPerson() {
        if let client = text("client_company_id") { normalized.clientCompanyID = client }
        checkText("employer_case_id", message: "employer_case_id must be 1 to 50 printable characters.") {
            CaseFieldFormat.isPrintableIdentifier($0, maximum: 50) ? $0 : nil
        }
        checkRequiredName("first_name")
        checkRequiredName("last_name")
        checkText("middle_initial", message: "middle_initial must be a single letter, or left out.") {
            $0.count == 1 && $0.allSatisfy(\.isLetter) ? $0 : nil
        }
        checkOtherLastNames()
        checkDateOfBirth()
        checkSSN()
        checkText("employee_email_address",
                  message: "employee_email_address must be an email address such as name@example.com (as on Form I-9), or left out.") {
            CaseFieldFormat.isEmail($0) ? $0 : nil
        }
    }

    private static let nameRule = "1 to 40 characters: letters of any script, spaces, apostrophes, hyphens and periods"

    private mutating func checkRequiredName(_ name: String) {
        guard let value = text(name) else {
            return refuse(name, FieldIssue.required, "\(name) is required: enter it as on Form I-9.")
        }
        if value.count > CaseFieldFormat.maximumNameLength {
            refuse(name, FieldIssue.outOfRange, "\(name) is \(value.count) characters long; use at most 40 (\(Self.nameRule)).")
        } else if CaseFieldFormat.isName(value) {
            normalized.set(name, to: .text(value))
        } else {
            refuse(name, FieldIssue.invalidFormat, "\(name) must be \(Self.nameRule).")
        }
    }

    private mutating func checkOtherLastNames() {
        guard let names = input.otherLastNamesUsed else { return }
        if names.count > CaseRules.maximumOtherLastNames {
            refuse("other_last_names_used", FieldIssue.outOfRange,
                   "other_last_names_used holds \(names.count) names; give at most \(CaseRules.maximumOtherLastNames).")
        }
        var good: [String] = []
        for (index, raw) in names.enumerated() {
            let field = "other_last_names_used[\(index)]"
            if let name = CaseFieldFormat.trimmed(raw), CaseFieldFormat.isName(name) {
                good.append(name)
            } else {
                refuse(field, FieldIssue.invalidFormat, "\(field) must be \(Self.nameRule).")
            }
        }
        normalized.otherLastNamesUsed = good.isEmpty ? nil : good
    }

    /// Born before today, and aged `minimumAgeAtHire`…`maximumAgeAtHire` on the
    /// first day of employment (or today, when that date is missing).
    private mutating func checkDateOfBirth() {
        guard let birth = input.dateOfBirth else {
            return refuse("date_of_birth", FieldIssue.required, "date_of_birth is required: enter it as on Form I-9 (YYYY-MM-DD).")
        }
        let onDay = input.dateOfHire ?? context.today
        let age = Self.age(born: birth, on: onDay)
        if birth >= context.today {
            refuse("date_of_birth", FieldIssue.outOfRange, "date_of_birth must be before today (\(context.today.iso)); check the year.")
        } else if age < CaseRules.minimumAgeAtHire || age > CaseRules.maximumAgeAtHire {
            refuse("date_of_birth", FieldIssue.outOfRange,
                   "date_of_birth makes the employee \(age) on \(onDay.iso); ages \(CaseRules.minimumAgeAtHire) to \(CaseRules.maximumAgeAtHire) are accepted, so check the year.")
        } else {
            normalized.dateOfBirth = birth
        }
    }

    /// Whole years from `born` to `day` (a 29 February birthday counts on 1 March
    /// in common years).
    static func age(born: CivilDate, on day: CivilDate) -> Int {
        let hadBirthday = (day.month, day.day) >= (born.month, born.day)
        return day.year - born.year - (hadBirthday ? 0 : 1)
    }

    /// Rule CASE-1: the SSN is required; its shape and the never-issued ranges are
    /// checked here, whether it belongs to the employee is the government's side.
    private mutating func checkSSN() {
        guard let value = text("ssn") else {
            return refuse("ssn", "CASE-1", "ssn is required for every case: enter the employee's Social Security number as ###-##-####.")
        }
        guard let ssn = CaseFieldFormat.normalizedSSN(value) else {
            return refuse("ssn", FieldIssue.invalidFormat, "ssn must be nine digits, written ###-##-#### or without hyphens.")
        }
        if let reason = CaseFieldFormat.ssnNeverIssuedReason(ssn) {
            refuse("ssn", FieldIssue.invalidValue, "ssn cannot be a real Social Security number: \(reason). Check it against Form I-9.")
        } else {
            normalized.ssn = ssn
        }
    }
}
