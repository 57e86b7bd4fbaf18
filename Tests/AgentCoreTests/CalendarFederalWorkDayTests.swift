import Testing
@testable import AgentCore

@Suite("CAL-2 counting federal work days")
struct CalendarFederalWorkDayTests {
    let federal = FederalCalendar()

    @Test("CAL-2 counting starts the day after; the N-th work day is the result",
          arguments: [
              // Friday before the Martin Luther King Monday: Tue, Wed, Thu.
              ("2024-01-12", 3, "2024-01-18"),
              // Wednesday before Thanksgiving: Fri 29, Mon 2, Tue 3.
              ("2024-11-27", 3, "2024-12-03"),
              // New Year's Day 2022 observed Friday 2021-12-31.
              ("2021-12-30", 1, "2022-01-03"),
              ("2021-12-30", 3, "2022-01-05"),
              // A start on a Saturday or a holiday: the start itself never counts.
              ("2024-03-02", 1, "2024-03-04"),
              ("2024-07-04", 1, "2024-07-05"),
              // A Thursday start: Friday is the first day.
              ("2024-03-07", 1, "2024-03-08"),
              ("2024-03-07", 3, "2024-03-12"),
              // Christmas Friday 2020-12-25 and New Year Friday 2021-01-01.
              ("2020-12-23", 3, "2020-12-29"),
              ("2020-12-31", 1, "2021-01-04"),
              ("2024-06-15", 0, "2024-06-15"),
          ])
    func test_CAL2_addingFederalWorkDays(_ start: String, _ n: Int, _ expected: String) {
        #expect(federal.addingFederalWorkDays(n, to: civil(start)) == civil(expected))
    }

    @Test("CAL-2 negative counts walk back the same way")
    func test_CAL2_countingBackwards() {
        #expect(federal.addingFederalWorkDays(-1, to: civil("2024-01-16")) == civil("2024-01-12"))
        #expect(federal.addingFederalWorkDays(-1, to: civil("2022-01-03")) == civil("2021-12-30"))
    }

    @Test("CAL-2 counting federal work days in (after, through]")
    func test_CAL2_federalWorkDaysBetween() {
        #expect(federal.federalWorkDays(after: civil("2024-11-27"), through: civil("2024-12-03")) == 3)
        #expect(federal.federalWorkDays(after: civil("2024-11-27"), through: civil("2024-11-27")) == 0)
        #expect(federal.federalWorkDays(after: civil("2024-12-03"), through: civil("2024-11-27")) == 0)
        // 262 weekdays in 2024, 11 of them holidays.
        #expect(federal.federalWorkDays(after: civil("2023-12-31"), through: civil("2024-12-31")) == 251)
        // 261 weekdays in 2021, 12 observed holidays including 2021-12-31.
        #expect(federal.federalWorkDays(after: civil("2020-12-31"), through: civil("2021-12-31")) == 249)
    }

    @Test("CAL-2 the result is always a work day and exactly N work days away")
    func test_CAL2_resultIsAWorkDayNDaysAway() {
        let closures: Set<CivilDate> = [civil("2024-12-24")]
        let configured = FederalCalendar(extraClosures: closures)
        for start in civil("2024-11-01")...civil("2025-01-31") {
            for n in [1, 3, 8, 10, 61, 180] {
                let end = configured.addingFederalWorkDays(n, to: start)
                guard configured.isFederalWorkDay(end),
                      configured.federalWorkDays(after: start, through: end) == n,
                      configured.federalWorkDays(after: start, through: end.adding(days: -1)) == n - 1
                else {
                    Issue.record("\(n) work days after \(start) gave \(end)")
                    return
                }
            }
        }
    }

    /// The day-number counting must say what the date-by-date rule says, inside the
    /// tabulated years and past them, with and without extra closures.
    @Test("CAL-2 counting by day number agrees with the rule day by day")
    func dayNumberCountingAgreesWithTheRule() {
        func reference(_ calendar: FederalCalendar, _ n: Int, _ date: CivilDate) -> CivilDate {
            let step = n < 0 ? -1 : 1
            var remaining = abs(n), current = date
            while remaining > 0 {
                current = current.adding(days: step)
                if calendar.isFederalWorkDay(current) { remaining -= 1 }
            }
            return current
        }
        let closures: Set<CivilDate> = [CivilDate(iso: "2024-12-24")!, CivilDate(iso: "2019-12-24")!, CivilDate(uncheckedYear: 2299, month: 12, day: 28)]
        for calendar in [FederalCalendar(), FederalCalendar(extraClosures: closures)] {
            // Every day of a span crossing both ends of the table is judged alike.
            for start in [CivilDate(uncheckedYear: 1899, month: 12, day: 1), CivilDate(uncheckedYear: 2018, month: 12, day: 1), CivilDate(uncheckedYear: 2299, month: 11, day: 1)] {
                for offset in 0..<500 {
                    let day = start.adding(days: offset)
                    #expect(calendar.isFederalWorkDay(dayNumber: day.dayNumber, closures: Set(calendar.extraClosures.map(\.dayNumber)))
                            == calendar.isFederalWorkDay(day), "\(day)")
                }
            }
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<300 {
                let date = CivilDate.fromDayNumber(Int.random(in: -25_600...120_000, using: &generator))
                let n = Int.random(in: -200...200, using: &generator)
                #expect(calendar.addingFederalWorkDays(n, to: date) == reference(calendar, n, date), "\(n) from \(date)")
            }
            for date in closures {
                #expect(calendar.addingFederalWorkDays(172, to: date) == reference(calendar, 172, date))
                #expect(calendar.addingFederalWorkDays(-3, to: date) == reference(calendar, -3, date))
            }
        }
    }
}

