/// The hire facts: HIRE-1 (no prescreening), HIRE-3 (MOU date), HIRE-4 (old
/// hires), HIRE-6 (existing employees), and the HIRE-2 due date and late reason.
extension CaseCheck {
    private static let i9Dates = ["offer_accepted_date", "i9_section1_date", "i9_section2_date"]

    mutating func checkHire() {
        checkText("work_state", code: FieldIssue.invalidValue,
                  message: "work_state must be the two-letter code of the state or territory where the employee works, e.g. TX (see GET reference/us_state_codes).",
                  normalize: Self.stateCode)
        checkI9Dates()
        checkDateOfHire()
        checkExistingEmployee()
    }

    /// Rule HIRE-1: the offer was accepted and Sections 1 and 2 are complete — all
    /// three dates given, none after today, in the only possible order (offer, then
    /// Section 1, then Section 2; the offer also comes before the first day).
    /// Section 1 after the first day, or Section 2 more than three business days
    /// after it, are late Form I-9 entries, not impossibilities, so they pass.
    private mutating func checkI9Dates() {
        for name in Self.i9Dates {
            guard case .date(let date)? = input[field: name] else {
                refuse(name, "HIRE-1", "\(name) is required: a case is created only after the job offer was accepted and Form I-9 Sections 1 and 2 are complete.")
                continue
            }
            if date > context.today {
                refuse(name, "HIRE-1", "\(name) \(date.iso) is after today (\(context.today.iso)); create the case once the offer is accepted and Form I-9 Sections 1 and 2 are complete.")
            } else {
                normalized.set(name, to: .date(date))
            }
        }
        let offer = normalized.offerAcceptedDate, section1 = normalized.i9Section1Date, section2 = normalized.i9Section2Date
        if let offer, let section1, offer > section1 {
            refuse("i9_section1_date", "HIRE-1", "i9_section1_date \(section1.iso) is before offer_accepted_date \(offer.iso): Section 1 is completed only after the offer is accepted. Check both dates.")
        }
        if let offer, let section2, offer > section2 {
            refuse("i9_section2_date", "HIRE-1", "i9_section2_date \(section2.iso) is before offer_accepted_date \(offer.iso): Section 2 is completed only after the offer is accepted. Check both dates.")
        } else if let section1, let section2, section1 > section2 {
            refuse("i9_section2_date", "HIRE-1", "i9_section2_date \(section2.iso) is before i9_section1_date \(section1.iso): Section 2 follows Section 1. Check both dates.")
        }
        if let offer, let hire = input.dateOfHire, offer > hire {
            refuse("offer_accepted_date", "HIRE-1", "offer_accepted_date \(offer.iso) is after date_of_hire \(hire.iso): the offer is accepted before the first day of work. Check both dates.")
        }
    }

    /// `date_of_hire`, the first day of work for pay: HIRE-4 and HIRE-3, and not
    /// more than `maximumDaysHireAhead` after today.
    private mutating func checkDateOfHire() {
        guard let hire = input.dateOfHire else {
            return refuse("date_of_hire", FieldIssue.required, "date_of_hire is required: the employee's first day of work for pay, as on Form I-9.")
        }
        let workState = normalized.workState
        let exempt = input.existingEmployee == true && context.profile.federalContractor
        if Deadlines.isTooOldHire(firstDay: hire, workState: workState) {
            let cutoff = workState == "MP" ? Deadlines.northernMarianaIslandsOldHireCutoff : Deadlines.oldHireCutoff
            refuse("date_of_hire", "HIRE-4", "date_of_hire \(hire.iso) is on or before \(cutoff.iso): no case may be created for an employee hired then\(workState == "MP" ? " in the Northern Mariana Islands" : "").")
        }
        if hire < context.profile.mouEffectiveDate && !exempt {
            refuse("date_of_hire", "HIRE-3", "date_of_hire \(hire.iso) is before the client's MOU took effect (\(context.profile.mouEffectiveDate.iso)): no case for employees hired before then, except existing employees of a federal contractor.")
        }
        if hire.days(from: context.today) > CaseRules.maximumDaysHireAhead {
            refuse("date_of_hire", FieldIssue.outOfRange, "date_of_hire \(hire.iso) is more than \(CaseRules.maximumDaysHireAhead) days after today; check the year.")
        }
        if !refused.contains("date_of_hire") { normalized.dateOfHire = hire }
    }

    /// Rule HIRE-6: existing employees are verified only by federal contractors,
    /// and the case names the contract.
    private mutating func checkExistingEmployee() {
        checkText("federal_contract_id", message: "federal_contract_id must be 1 to 50 printable characters: the contract number.") {
            CaseFieldFormat.isPrintableIdentifier($0, maximum: 50) ? $0 : nil
        }
        // Rule FED-6: only an existing employee's Form I-9 can be reused.
        if input.reusePreviousI9 == true && input.existingEmployee != true {
            refuse("reuse_previous_i9", "FED-6", "A previous Form I-9 is reused only for an existing employee of a federal contractor (existing_employee: true).")
        }
        guard input.existingEmployee == true else { return }
        if !context.profile.federalContractor {
            refuse("existing_employee", "HIRE-6", "Only a federal contractor may verify existing employees, and this client is not one. Leave existing_employee out for a new hire; if the client has a covered contract, update its profile first.")
        } else {
            normalized.existingEmployee = true
        }
        if input.reusePreviousI9 == true && normalized.existingEmployee == true { normalized.reusePreviousI9 = true }
        if !isGiven("federal_contract_id") && !refused.contains("federal_contract_id") {
            refuse("federal_contract_id", "HIRE-6", "federal_contract_id is required for an existing employee: the federal contract the employee is verified for.")
        }
    }
}
