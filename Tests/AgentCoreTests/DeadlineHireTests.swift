import Foundation
import Testing
@testable import AgentCore

@Suite("HIRE deadlines")
struct DeadlineHireTests {
    @Test("HIRE-2 due on the third employer business day after the first day")
    func test_HIRE2_dueOnThirdBusinessDay() {
        let due = Deadlines.hireDueDate(firstDayOfEmployment: civil("2024-03-01"), employer: EmployerCalendar())
        #expect(due == Deadline(name: "hire_due_date", date: civil("2024-03-06"), rule: "HIRE-2"))
    }

    @Test("HIRE-2 counts employer days, so a federal holiday still counts")
    func test_HIRE2_federalHolidayIsABusinessDay() {
        // Friday before the Martin Luther King Monday: Mon 15, Tue 16, Wed 17.
        let due = Deadlines.hireDueDate(firstDayOfEmployment: civil("2024-01-12"), employer: EmployerCalendar())
        #expect(due.date == civil("2024-01-17"))
        // The federal count would give Thursday: the two calendars really differ here.
        #expect(FederalCalendar().addingFederalWorkDays(3, to: civil("2024-01-12")) == civil("2024-01-18"))
    }

    @Test("HIRE-2 a first day on a weekend: counting starts on the next day anyway")
    func test_HIRE2_firstDayOnSaturday() {
        let due = Deadlines.hireDueDate(firstDayOfEmployment: civil("2024-03-02"), employer: EmployerCalendar())
        #expect(due.date == civil("2024-03-06"))
    }

    @Test("HIRE-2 a Saturday-working employer counts Saturday")
    func test_HIRE2_saturdayWorkingEmployer() throws {
        let employer = try #require(mondayToSaturdayEmployer())
        let due = Deadlines.hireDueDate(firstDayOfEmployment: civil("2024-03-07"), employer: employer)
        #expect(due.date == civil("2024-03-11"))  // Fri 8, Sat 9, Mon 11
    }

    @Test("HIRE-2 the client's own closed dates do not count")
    func test_HIRE2_clientClosedDates() {
        let employer = EmployerCalendar(closedDates: [civil("2024-07-04"), civil("2024-07-05")])
        let due = Deadlines.hireDueDate(firstDayOfEmployment: civil("2024-07-03"), employer: employer)
        #expect(due.date == civil("2024-07-10"))
        let open = Deadlines.hireDueDate(firstDayOfEmployment: civil("2024-07-03"), employer: EmployerCalendar())
        #expect(open.date == civil("2024-07-08"))
    }

    @Test("HIRE-2 a government outage stops the clock for the business days it touched")
    func test_HIRE2_outageStopsTheClock() throws {
        let thursday = civil("2024-03-07")
        let friday = [civil("2024-03-08")...civil("2024-03-08")]
        let weekend = [civil("2024-03-09")...civil("2024-03-10")]
        let standard = EmployerCalendar()
        #expect(Deadlines.hireDueDate(firstDayOfEmployment: thursday, employer: standard, outages: friday).date
            == civil("2024-03-13"))
        #expect(Deadlines.hireDueDate(firstDayOfEmployment: thursday, employer: standard, outages: weekend).date
            == civil("2024-03-12"))
        let sixDays = try #require(mondayToSaturdayEmployer())
        #expect(Deadlines.hireDueDate(firstDayOfEmployment: thursday, employer: sixDays, outages: weekend).date
            == civil("2024-03-12"))
        // Outage and the client's own closure together.
        let closedMonday = EmployerCalendar(closedDates: [civil("2024-03-11")])
        #expect(Deadlines.hireDueDate(firstDayOfEmployment: thursday, employer: closedMonday, outages: friday).date
            == civil("2024-03-14"))
    }

    @Test("HIRE-2 a case created after the due date is late; on the due date it is not")
    func test_HIRE2_lateCaseNeedsReason() {
        let due = civil("2024-03-06")
        #expect(!Deadlines.isLate(createdOn: civil("2024-03-05"), due: due))
        #expect(!Deadlines.isLate(createdOn: due, due: due))
        #expect(Deadlines.isLate(createdOn: civil("2024-03-07"), due: due))
    }

    @Test("HIRE-4 no case for a first day on or before 1986-11-06")
    func test_HIRE4_oldHireCutoff() {
        #expect(Deadlines.isTooOldHire(firstDay: civil("1986-11-06"), workState: nil))
        #expect(Deadlines.isTooOldHire(firstDay: civil("1980-01-01"), workState: "CA"))
        #expect(!Deadlines.isTooOldHire(firstDay: civil("1986-11-07"), workState: nil))
        #expect(!Deadlines.isTooOldHire(firstDay: civil("2000-01-01"), workState: "CA"))
    }

    @Test("HIRE-4 in the Northern Mariana Islands, none on or before 2009-11-27")
    func test_HIRE4_northernMarianaIslandsCutoff() {
        #expect(Deadlines.isTooOldHire(firstDay: civil("2009-11-27"), workState: "MP"))
        #expect(Deadlines.isTooOldHire(firstDay: civil("1995-06-01"), workState: "MP"))
        #expect(Deadlines.isTooOldHire(firstDay: civil("2009-11-27"), workState: "mp"))
        #expect(!Deadlines.isTooOldHire(firstDay: civil("2009-11-28"), workState: "MP"))
        #expect(!Deadlines.isTooOldHire(firstDay: civil("2009-11-27"), workState: "GU"))
    }

    @Test("deadlines code as {name, date, rule} with an ISO date")
    func test_Deadline_codesAsAPIObject() throws {
        let deadline = Deadline(name: "hire_due_date", date: civil("2024-03-06"), rule: "HIRE-2")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(deadline), as: UTF8.self)
        #expect(json == #"{"date":"2024-03-06","name":"hire_due_date","rule":"HIRE-2"}"#)
        #expect(try JSONDecoder().decode(Deadline.self, from: Data(json.utf8)) == deadline)
    }
}
