import Testing
@testable import AgentCore

@Suite struct HireReconciliationTests {
    static func hire(_ id: String, _ date: String) -> RosterHire {
        RosterHire(id: id, clientID: ClientID("c"), employeeID: id, firstName: "A", lastName: "B", ssn: nil,
                   dateOfHire: CivilDate(iso: date) ?? .referenceDate, createdAt: "")
    }

    @Test("HIRE-5: a hire without a case is overdue the day after its HIRE-2 date, most overdue first")
    func test_HIRE5_overdue() {
        let hires = [Self.hire("thu", "2026-11-19"), Self.hire("mon", "2026-11-16"), Self.hire("fri", "2026-11-20")]
        let today = CivilDate(iso: "2026-11-24") ?? .referenceDate
        let overdue = HireReconciliation.overdue(hires, employer: EmployerCalendar(), outages: [], today: today)
        // Monday's due date is Thursday the 19th; Thursday's is Tuesday the 24th (today: not late yet).
        #expect(overdue.map(\.hire.id) == ["mon"])
        #expect(overdue.first?.daysLate == 5)
        #expect(overdue.first?.due.rule == "HIRE-2")
        let later = HireReconciliation.overdue(hires, employer: EmployerCalendar(), outages: [], today: today.adding(days: 1))
        #expect(later.map(\.hire.id) == ["mon", "thu"])
    }
}
