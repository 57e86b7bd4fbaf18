import Testing
@testable import AgentCore

@Suite("CAL-2 employer business days")
struct CalendarEmployerTests {
    @Test("CAL-2 default week is Monday–Friday; federal holidays are business days")
    func test_CAL2_defaultEmployerWeek() {
        let employer = EmployerCalendar()
        #expect(employer.weekdays == Set(Weekday.mondayToFriday))
        #expect(employer.isBusinessDay(civil("2024-07-04")))  // Independence Day
        #expect(employer.isBusinessDay(civil("2024-12-25")))
        #expect(!employer.isBusinessDay(civil("2024-07-06")))  // Saturday
        #expect(employer.addingBusinessDays(3, to: civil("2024-07-03")) == civil("2024-07-08"))
    }

    @Test("CAL-2 the client's own closed dates are not business days")
    func test_CAL2_clientClosedDates() {
        let employer = EmployerCalendar(closedDates: [civil("2024-07-04"), civil("2024-07-05")])
        #expect(!employer.isBusinessDay(civil("2024-07-04")))
        #expect(employer.addingBusinessDays(3, to: civil("2024-07-03")) == civil("2024-07-10"))
    }

    @Test("CAL-2 a client's own week, and no empty week")
    func test_CAL2_customWeek() throws {
        #expect(EmployerCalendar(weekdays: []) == nil)
        let weekends = try #require(EmployerCalendar(weekdays: [.saturday, .sunday]))
        #expect(weekends.addingBusinessDays(3, to: civil("2024-03-08")) == civil("2024-03-16"))
        let sixDays = try #require(mondayToSaturdayEmployer())
        #expect(sixDays.addingBusinessDays(2, to: civil("2024-03-07")) == civil("2024-03-09"))
        #expect(sixDays.addingBusinessDays(0, to: civil("2024-03-07")) == civil("2024-03-07"))
    }

    @Test("CAL-2 business days within a range, in order")
    func test_CAL2_businessDaysInRange() throws {
        let employer = EmployerCalendar(closedDates: [civil("2024-03-06")])
        #expect(employer.businessDays(in: civil("2024-03-02")...civil("2024-03-10")).map(\.iso)
            == ["2024-03-04", "2024-03-05", "2024-03-07", "2024-03-08"])
        let sixDays = try #require(mondayToSaturdayEmployer())
        #expect(sixDays.businessDays(in: civil("2024-03-04")...civil("2024-03-10")).count == 6)
        #expect(employer.businessDays(in: civil("2024-03-09")...civil("2024-03-10")).isEmpty)
    }

    // Thursday 2024-03-07; without outages, 3 business days later is Tuesday 03-12.
    let thursday = civil("2024-03-07")

    @Test("HIRE-2 an outage on a business day inside the span moves the date by one")
    func test_HIRE2_outageOnFridayMovesOneDay() {
        let employer = EmployerCalendar()
        #expect(employer.addingBusinessDays(3, to: thursday) == civil("2024-03-12"))
        let friday = civil("2024-03-08")...civil("2024-03-08")
        #expect(employer.addingBusinessDays(3, to: thursday, excludingOutages: [friday]) == civil("2024-03-13"))
    }

    @Test("HIRE-2 a weekend outage moves nothing for Monday–Friday, one day when Saturday is worked")
    func test_HIRE2_weekendOutageDependsOnTheWeek() throws {
        let weekend = civil("2024-03-09")...civil("2024-03-10")
        #expect(EmployerCalendar().addingBusinessDays(3, to: thursday, excludingOutages: [weekend])
            == civil("2024-03-12"))
        let sixDays = try #require(mondayToSaturdayEmployer())
        #expect(sixDays.addingBusinessDays(3, to: thursday) == civil("2024-03-11"))
        #expect(sixDays.addingBusinessDays(3, to: thursday, excludingOutages: [weekend]) == civil("2024-03-12"))
    }

    @Test("HIRE-2 outages on or before the start, after the result, or on closed dates move nothing")
    func test_HIRE2_outagesOutsideTheSpan() {
        let employer = EmployerCalendar(closedDates: [civil("2024-03-11")])
        let due = employer.addingBusinessDays(3, to: thursday)
        #expect(due == civil("2024-03-13"))
        let outages = [
            civil("2024-03-01")...civil("2024-03-07"),  // ends on the start day
            civil("2024-03-11")...civil("2024-03-11"),  // a client closure
            civil("2024-03-14")...civil("2024-03-20"),  // after the due date
        ]
        #expect(employer.addingBusinessDays(3, to: thursday, excludingOutages: outages) == due)
    }

    @Test("HIRE-2 overlapping outages count a day once; a long outage keeps the clock stopped")
    func test_HIRE2_overlappingAndLongOutages() {
        let employer = EmployerCalendar()
        let overlapping = [civil("2024-03-08")...civil("2024-03-08"), civil("2024-03-08")...civil("2024-03-11")]
        #expect(employer.addingBusinessDays(3, to: thursday, excludingOutages: overlapping) == civil("2024-03-14"))
        // Friday to the next Wednesday: the count starts again on Thursday the 14th.
        let long = [civil("2024-03-08")...civil("2024-03-13")]
        #expect(employer.addingBusinessDays(3, to: thursday, excludingOutages: long) == civil("2024-03-18"))
    }
}
