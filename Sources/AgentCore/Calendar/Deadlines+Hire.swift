/// Rules on when a case may and must be created (HIRE-2, HIRE-4).
extension Deadlines {
    /// Rule HIRE-2: the last day to create the case — the third employer business
    /// day after the first day of employment (CAL-2 counting: the first day itself
    /// never counts), pushed back by every business day a government-side outage
    /// touched in that span (see `EmployerCalendar.addingBusinessDays(_:to:excludingOutages:)`).
    /// Outages of the agent's own system must not be passed: they stop no clock.
    public static func hireDueDate(
        firstDayOfEmployment: CivilDate,
        employer: EmployerCalendar,
        outages: [ClosedRange<CivilDate>] = []
    ) -> Deadline {
        let date = employer.addingBusinessDays(3, to: firstDayOfEmployment, excludingOutages: outages)
        return Deadline(name: "hire_due_date", date: date, rule: "HIRE-2")
    }

    /// Rule HIRE-2: a case created after its due date is late and needs a late
    /// reason; one created on the due date is on time.
    public static func isLate(createdOn: CivilDate, due: CivilDate) -> Bool {
        createdOn > due
    }

    /// Rule HIRE-4: the last first day of employment that is too old for a case.
    public static let oldHireCutoff = CivilDate(uncheckedYear: 1986, month: 11, day: 6)

    /// Rule HIRE-4: the cut-off for work in the Northern Mariana Islands, where the
    /// program's rules came later.
    public static let northernMarianaIslandsOldHireCutoff = CivilDate(uncheckedYear: 2009, month: 11, day: 27)

    /// Rule HIRE-4: whether no case may be created for this first day of employment:
    /// on or before 1986-11-06, or on or before 2009-11-27 when the work state is
    /// `MP` (Northern Mariana Islands; compared case-insensitively). A `nil` or other
    /// work state gets the general cut-off.
    public static func isTooOldHire(firstDay: CivilDate, workState: String?) -> Bool {
        let cutoff = workState?.uppercased() == "MP" ? northernMarianaIslandsOldHireCutoff : oldHireCutoff
        return firstDay <= cutoff
    }
}
