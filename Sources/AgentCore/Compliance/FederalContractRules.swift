/// The rules of a federal contract: its checks (FED-3, dates in order) and the deadlines
/// the API shows for it (FED-1, FED-2, FED-4, FED-5), from the functions of
/// `Deadlines+FederalContractor.swift`. All periods are calendar days, as FAR counts them.
public enum FederalContractRules {
    /// Checks a new contract against the client's profile; every problem at once.
    /// Rule FED-3: `ASSIGNED_ONLY` only for the categories that may choose it.
    public static func check(_ input: FederalContractInput, profile: FederalContractorProfile) throws(ValidationFailure) {
        var issues = IssueCollector()
        if !CaseFieldFormat.isPrintableIdentifier(input.contractNumber, maximum: 50) {
            issues.add("contract_number", FieldIssue.invalidFormat, "contract_number must be 1 to 50 printable characters.")
        }
        if let end = input.endDate, end < input.awardDate {
            issues.add("end_date", FieldIssue.outOfRange, "end_date must not be before award_date.")
        }
        if input.verifyScope == .assignedOnly && !profile.category.mayVerifyAssignedOnly {
            issues.add("verify_scope", "FED-3", "Only institutions of higher education, state, local or tribal governments and sureties may verify only assigned employees; this client's contractor_category is \(profile.category.rawValue). Set contractor_category first, or verify all new hires.")
        }
        try issues.check()
    }

    /// The FED-2 base: the award, or the enrollment for a contractor enrolled after the
    /// award because of it (while that enrollment is pending: its last allowed day).
    public static func assignmentBase(_ contract: FederalContract, profile: FederalContractorProfile) -> CivilDate {
        if let enrolled = profile.enrolledOn, enrolled <= contract.awardDate { return contract.awardDate }
        return profile.enrolledOn ?? contract.awardDate.adding(days: 30)
    }

    /// The contract's deadlines, in the API's names.
    public static func deadlines(_ contract: FederalContract, profile: FederalContractorProfile) -> [Deadline] {
        let start = Deadlines.federalContractorStart(awardDate: contract.awardDate, enrollmentDate: profile.enrolledOn)
        var list: [Deadline] = []
        if let due = start.enrollmentDue { list.append(Deadline(name: "enrollment_due", date: due.date, rule: due.rule)) }
        if contract.verifyScope == .allNewHires {
            list.append(Deadline(name: "new_hire_verification_from", date: start.newHireVerificationStart.date, rule: "FED-1"))
        }
        // FED-2 for an employee assigned on the award date: the earliest any assignment can be due.
        let base = assignmentBase(contract, profile: profile)
        let assigned = Deadlines.assignedEmployeeDeadline(awardOrEnrollment: base, assignmentDate: contract.awardDate)
        list.append(Deadline(name: "assigned_employees_due", date: assigned.date, rule: "FED-2"))
        if let elected = profile.workforceElectedOn {
            list.append(Deadline(name: "workforce_due", date: Deadlines.workforceElectionDeadline(electionDate: elected).date, rule: "FED-4"))
        }
        list.append(Deadline(name: "profile_update_due", date: Deadlines.profileUpdateDeadline(awardDate: contract.awardDate).date, rule: "FED-5"))
        return list
    }

    /// Rule FED-2 for one employee: the later of 90 days after the base and 30 days after
    /// the assignment.
    public static func employeeDueDate(_ contract: FederalContract, profile: FederalContractorProfile, assignedOn: CivilDate) -> CivilDate {
        Deadlines.assignedEmployeeDeadline(awardOrEnrollment: assignmentBase(contract, profile: profile), assignmentDate: assignedOn).date
    }

    /// An employee's assignment: the name rules of cases, an SSN, and no assignment before
    /// the award or after the contract's end.
    public static func checkEmployee(employeeID: String?, firstName: String?, lastName: String?, assignedOn: CivilDate?, ssn: String?,
                                     contract: FederalContract) throws(ValidationFailure) -> String {
        var issues = IssueCollector()
        if let employeeID, !CaseFieldFormat.isPrintableIdentifier(employeeID, maximum: 50) {
            issues.add("employee_id", FieldIssue.invalidFormat, "employee_id must be 1 to 50 printable characters.")
        }
        for (field, value) in [("first_name", firstName), ("last_name", lastName)] {
            if let value, !CaseFieldFormat.isName(value) {
                issues.add(field, FieldIssue.invalidFormat, "\(field) must be 1 to 40 letters, spaces, apostrophes, hyphens or periods.")
            }
        }
        if let assignedOn {
            if assignedOn < contract.awardDate {
                issues.add("assigned_on", FieldIssue.outOfRange, "assigned_on must not be before the contract's award_date \(contract.awardDate.iso).")
            }
            if let end = contract.endDate, assignedOn > end {
                issues.add("assigned_on", FieldIssue.outOfRange, "assigned_on must not be after the contract's end_date \(end.iso).")
            }
        }
        var normalized = ""
        if let ssn {
            if let n = CaseFieldFormat.normalizedSSN(ssn), CaseFieldFormat.ssnNeverIssuedReason(n) == nil { normalized = n } else {
                issues.add("ssn", FieldIssue.invalidFormat, "ssn must be a Social Security number that can be issued, ###-##-####.")
            }
        }
        try issues.check()
        return normalized
    }
}
