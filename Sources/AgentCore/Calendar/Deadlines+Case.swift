/// Deadlines of an open case counted in federal work days (CAL-2): the employee's
/// mismatch steps, the government's response times, and the case-hygiene rules.
extension Deadlines {
    /// Rule TNC-10: the last day to notify the employee of a mismatch and record
    /// their decision (refer or not) — the 10th federal work day after the mismatch
    /// result date.
    public static func tncDecisionDueDate(mismatchResultDate: CivilDate, federal: FederalCalendar) -> Deadline {
        Deadline(
            name: "tnc_decision_due_date",
            date: federal.addingFederalWorkDays(10, to: mismatchResultDate),
            rule: "TNC-10")
    }

    /// Rule TNC-4: the last day the employee may contact SSA or DHS after the
    /// referral — the 8th federal work day after the referral date.
    public static func referralContactByDate(referralDate: CivilDate, federal: FederalCalendar) -> Deadline {
        Deadline(
            name: "referral_contact_by_date",
            date: federal.addingFederalWorkDays(8, to: referralDate),
            rule: "TNC-4")
    }

    /// Rule CASE-7: the day a draft left untouched is closed automatically — the
    /// 180th federal work day after it was last touched. On that day the draft has
    /// been untouched for 180 work days, so a job running on or after it closes the
    /// draft; any touch before then computes a new date from the touch.
    public static func draftAutoCloseDate(lastTouched: CivilDate, federal: FederalCalendar) -> Deadline {
        Deadline(
            name: "draft_auto_close_date",
            date: federal.addingFederalWorkDays(180, to: lastTouched),
            rule: "CASE-7")
    }

    /// Rule CASE-9: the day a case still in continuance is flagged for the program.
    /// The rule says *more than* 60 federal work days, so the flag date is the 61st
    /// federal work day after the continuance started — the first day on which the
    /// count exceeds 60. (Through the 60th work day no flag is due.)
    public static func continuanceFlagDate(continuanceStart: CivilDate, federal: FederalCalendar) -> Deadline {
        Deadline(
            name: "continuance_flag_date",
            date: federal.addingFederalWorkDays(61, to: continuanceStart),
            rule: "CASE-9")
    }

    /// Rule GOV-1: the last day for the initial SSA/DHS result — the 3rd federal
    /// work day after submission. The simulator must answer by then.
    public static func initialResultDueDate(submitted: CivilDate, federal: FederalCalendar) -> Deadline {
        Deadline(
            name: "initial_result_due_date",
            date: federal.addingFederalWorkDays(3, to: submitted),
            rule: "GOV-1")
    }

    /// Rule GOV-2: the last day for the result of a referral — the 10th federal
    /// work day after the referral, unless the agency puts the case in continuance.
    public static func referralResultDueDate(referred: CivilDate, federal: FederalCalendar) -> Deadline {
        Deadline(
            name: "referral_result_due_date",
            date: federal.addingFederalWorkDays(10, to: referred),
            rule: "GOV-2")
    }
}
