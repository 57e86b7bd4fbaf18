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
}
