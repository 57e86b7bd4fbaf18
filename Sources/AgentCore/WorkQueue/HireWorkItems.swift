/// Rule HIRE-5 (with HIRE-2's clock): a roster hire that no case of the client matches
/// yet. Due on the hire's HIRE-2 date; creating a matching case settles it.
public enum CaseNotCreated {
    public static func item(for hire: RosterHire, employer: EmployerCalendar, outages: [ClosedRange<CivilDate>]) -> WorkItem {
        let due = Deadlines.hireDueDate(firstDayOfEmployment: hire.dateOfHire, employer: employer, outages: outages).date
        return WorkItem(kind: .caseNotCreated, rule: "HIRE-5", clientID: hire.clientID, subject: WorkSubject(.hire, hire.id),
                        dueDate: due, title: "Create the case for roster employee \(hire.employeeID)", action: "POST /api/v1/cases")
    }
}
