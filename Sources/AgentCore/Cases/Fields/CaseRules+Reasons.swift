/// The reasons a case carries — late reason (HIRE-2), duplicate continue reason
/// (CASE-5) — with the due date and duplicate judgements the API calls directly,
/// and the notice language (TNC-2).
extension CaseRules {
    /// Rule HIRE-2: the case's due date for this client — the third business day of
    /// the client's own calendar after the first day of employment, moved by the
    /// government-side outages in the span.
    public static func hireDueDate(firstDayOfEmployment: CivilDate, profile: ClientProfile,
                                   outages: [ClosedRange<CivilDate>] = []) -> Deadline {
        Deadlines.hireDueDate(firstDayOfEmployment: firstDayOfEmployment, employer: employerCalendar(profile), outages: outages)
    }

    /// Rule HIRE-2 for a case: nil for an existing employee (HIRE-6), whose case is
    /// not a new hire and runs no three-day clock.
    public static func hireDueDate(for data: CaseData, profile: ClientProfile,
                                   outages: [ClosedRange<CivilDate>] = []) -> Deadline? {
        data.existingEmployee ? nil : hireDueDate(firstDayOfEmployment: data.dateOfHire, profile: profile, outages: outages)
    }

    /// Rule HIRE-2 judged again at submit: a draft submitted after its due date
    /// needs a late reason even if it was on time when created. Empty when fine.
    public static func lateReasonIssues(data: CaseData, profile: ClientProfile, submittedOn: CivilDate,
                                        outages: [ClosedRange<CivilDate>] = []) -> [FieldIssue] {
        guard data.reasonForDelay == nil, let due = hireDueDate(for: data, profile: profile, outages: outages),
              Deadlines.isLate(createdOn: submittedOn, due: due.date)
        else { return [] }
        return [lateReasonMissing(due: due.date, on: submittedOn)]
    }

    /// Rules CASE-8 and CASE-5 after the caller's duplicate search (same client,
    /// same SSN, created in the last 365 days): an open duplicate blocks the case
    /// (the API answers 409); a closed one needs a continue reason (422).
    public static func duplicateIssue(hasOpenDuplicate: Bool, hasRecentClosedDuplicate: Bool, data: CaseData) -> FieldIssue? {
        if hasOpenDuplicate {
            return FieldIssue(field: "ssn", code: "CASE-8",
                              message: "This client has an open case for the same SSN. Close that case first, then create this one.")
        }
        if hasRecentClosedDuplicate && data.duplicateContinueReason == nil {
            return FieldIssue(field: "duplicate_continue_reason_code", code: "CASE-5",
                              message: "This client created a case for the same SSN in the last 365 days. To continue, give duplicate_continue_reason_code (see GET reference/duplicate_continue_reasons); otherwise do not create this case.")
        }
        return nil
    }

    /// The client's business calendar (CAL-2). A profile always has at least one
    /// business day; should one arrive empty, Monday to Friday is the API's default.
    public static func employerCalendar(_ profile: ClientProfile) -> EmployerCalendar {
        let closed = Set(profile.employerClosedDates)
        // Asked several times per case request; the default week needs no new set.
        if profile.employerBusinessDays == Weekday.mondayToFriday { return EmployerCalendar(closedDates: closed) }
        return EmployerCalendar(weekdays: Set(profile.employerBusinessDays), closedDates: closed)
            ?? EmployerCalendar(closedDates: closed)
    }

    static func lateReasonMissing(due: CivilDate, on day: CivilDate) -> FieldIssue {
        FieldIssue(field: "reason_for_delay_code", code: "HIRE-2",
                   message: "The case was due by \(due.iso) (the third business day after date_of_hire) and it is now \(day.iso). Give reason_for_delay_code (see GET reference/reasons_for_delay), and reason_for_delay_description for OTHER.")
    }
}

extension CaseCheck {
    mutating func checkReasons() {
        let delay = checkReason(code: "reason_for_delay_code", description: "reason_for_delay_description",
                                list: "reasons_for_delay", parse: ReasonForDelay.init(rawValue:))
        normalized.reasonForDelayCode = delay?.rawValue
        let duplicate = checkReason(code: "duplicate_continue_reason_code", description: "duplicate_continue_reason_description",
                                    list: "duplicate_continue_reasons", parse: DuplicateContinueReason.init(rawValue:))
        normalized.duplicateContinueReasonCode = duplicate?.rawValue
        checkLateness(hasReason: delay != nil || refused.contains("reason_for_delay_code"))
        checkText("employee_notice_language", code: FieldIssue.invalidValue,
                  message: "employee_notice_language must be a two-letter ISO 639-1 code such as es or vi.") {
            let lower = $0.lowercased()
            return LanguageCodes.contains(lower) ? lower : nil
        }
    }

    /// A reason code from its list, and its description: required for OTHER, at
    /// most 200 characters always.
    /// The field names come whole, not built from a prefix: two string concatenations per
    /// reason were a tenth of a whole case check.
    private mutating func checkReason<Reason: RawRepresentable>(
        code codeField: String, description descriptionField: String, list: String, parse: (String) -> Reason?
    ) -> Reason? where Reason.RawValue == String {
        let description = text(descriptionField)
        if let description {
            if description.count > CaseRules.maximumDescriptionLength {
                refuse(descriptionField, FieldIssue.outOfRange, "\(descriptionField) is \(description.count) characters long; use at most \(CaseRules.maximumDescriptionLength).")
            } else {
                normalized.set(descriptionField, to: .text(description))
            }
        }
        guard let code = text(codeField) else { return nil }
        guard let reason = parse(code) else {
            refuse(codeField, FieldIssue.invalidValue, "\(codeField) \(code) is not on the list; see GET reference/\(list).")
            return nil
        }
        if code == "OTHER" && description == nil {
            refuse(descriptionField, FieldIssue.required, "\(descriptionField) is required when \(codeField) is OTHER: say in a few words what happened.")
        }
        return reason
    }

    /// Rule HIRE-2 at creation: judged only for a new hire whose first day passed
    /// its own checks (a refused date has no meaningful due date).
    private mutating func checkLateness(hasReason: Bool) {
        guard !hasReason, input.existingEmployee != true, let hire = normalized.dateOfHire else { return }
        let due = CaseRules.hireDueDate(firstDayOfEmployment: hire, profile: context.profile, outages: context.outages)
        if Deadlines.isLate(createdOn: context.createdOn, due: due.date) {
            let issue = CaseRules.lateReasonMissing(due: due.date, on: context.createdOn)
            refuse(issue.field, issue.code, issue.message)
        }
    }
}
