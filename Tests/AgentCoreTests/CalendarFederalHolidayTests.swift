import Testing
@testable import AgentCore

/// The observed federal holidays OPM publishes for each year, written out by hand
/// (Inauguration Day, listed by OPM for the Washington area only, left out). A date
/// from next year's New Year's Day observed on 31 December is in this year's list.
private let opmObservedHolidays: [(year: Int, dates: [String])] = [
    (2020, ["2020-01-01", "2020-01-20", "2020-02-17", "2020-05-25", "2020-07-03",
            "2020-09-07", "2020-10-12", "2020-11-11", "2020-11-26", "2020-12-25"]),
    (2021, ["2021-01-01", "2021-01-18", "2021-02-15", "2021-05-31", "2021-06-18", "2021-07-05",
            "2021-09-06", "2021-10-11", "2021-11-11", "2021-11-25", "2021-12-24", "2021-12-31"]),
    (2022, ["2022-01-17", "2022-02-21", "2022-05-30", "2022-06-20", "2022-07-04",
            "2022-09-05", "2022-10-10", "2022-11-11", "2022-11-24", "2022-12-26"]),
    (2023, ["2023-01-02", "2023-01-16", "2023-02-20", "2023-05-29", "2023-06-19", "2023-07-04",
            "2023-09-04", "2023-10-09", "2023-11-10", "2023-11-23", "2023-12-25"]),
    (2024, ["2024-01-01", "2024-01-15", "2024-02-19", "2024-05-27", "2024-06-19", "2024-07-04",
            "2024-09-02", "2024-10-14", "2024-11-11", "2024-11-28", "2024-12-25"]),
    (2025, ["2025-01-01", "2025-01-20", "2025-02-17", "2025-05-26", "2025-06-19", "2025-07-04",
            "2025-09-01", "2025-10-13", "2025-11-11", "2025-11-27", "2025-12-25"]),
    (2026, ["2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03",
            "2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25"]),
    (2027, ["2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-06-18", "2027-07-05",
            "2027-09-06", "2027-10-11", "2027-11-11", "2027-11-25", "2027-12-24", "2027-12-31"]),
    (2028, ["2028-01-17", "2028-02-21", "2028-05-29", "2028-06-19", "2028-07-04",
            "2028-09-04", "2028-10-09", "2028-11-10", "2028-11-23", "2028-12-25"]),
    (2029, ["2029-01-01", "2029-01-15", "2029-02-19", "2029-05-28", "2029-06-19", "2029-07-04",
            "2029-09-03", "2029-10-08", "2029-11-12", "2029-11-22", "2029-12-25"]),
    (2030, ["2030-01-01", "2030-01-21", "2030-02-18", "2030-05-27", "2030-06-19", "2030-07-04",
            "2030-09-02", "2030-10-14", "2030-11-11", "2030-11-28", "2030-12-25"]),
]

@Suite("CAL-1 federal holidays")
struct CalendarFederalHolidayTests {
    let federal = FederalCalendar()

    @Test("CAL-1 observed holidays match OPM's published list", arguments: opmObservedHolidays)
    func test_CAL1_matchesOPMList(_ year: Int, _ dates: [String]) {
        #expect(federal.holidays(in: year).map(\.date.iso) == dates)
        for text in dates {
            #expect(federal.isHoliday(civil(text)), "\(text)")
            #expect(!federal.isFederalWorkDay(civil(text)), "\(text)")
        }
    }

    @Test("CAL-1 exactly the listed days of 2020–2030 are holidays, no other day")
    func test_CAL1_noOtherDayIsAHoliday() {
        let listed = Set(opmObservedHolidays.flatMap(\.dates))
        for date in civil("2020-01-01")...civil("2030-12-31") {
            #expect(federal.isHoliday(date) == listed.contains(date.iso), "\(date)")
        }
    }

    @Test("CAL-1 each holiday carries its name")
    func test_CAL1_namesTheHolidays() {
        let names = federal.holidays(in: 2021).map(\.name)
        #expect(names == [
            "New Year's Day", "Birthday of Martin Luther King, Jr.", "Washington's Birthday",
            "Memorial Day", "Juneteenth National Independence Day", "Independence Day", "Labor Day",
            "Columbus Day", "Veterans Day", "Thanksgiving Day", "Christmas Day", "New Year's Day",
        ])
        #expect(federal.holidayName(on: civil("2021-12-31")) == "New Year's Day")
        #expect(federal.holidayName(on: civil("2026-07-03")) == "Independence Day")
        #expect(federal.holidayName(on: civil("2026-07-06")) == nil)
    }

    @Test("CAL-1 a Saturday New Year's Day is observed on 31 December of the year before")
    func test_CAL1_newYearObservedAcrossYearBoundary() {
        #expect(federal.isHoliday(civil("2021-12-31")))
        #expect(!federal.isHoliday(civil("2022-01-01")))  // the Saturday itself
        #expect(!federal.holidays(in: 2022).contains { $0.date.month == 1 && $0.date.day <= 3 })
        #expect(federal.isHoliday(civil("2027-12-31")))
        #expect(!federal.isHoliday(civil("2028-01-01")))
        #expect(federal.holidays(in: 2021).count == 12)
        #expect(federal.holidays(in: 2022).count == 10)
    }

    @Test("CAL-1 a Sunday holiday is observed the Monday after, not on the Sunday")
    func test_CAL1_sundayObservedMonday() {
        #expect(!federal.isHoliday(civil("2023-01-01")))
        #expect(federal.isHoliday(civil("2023-01-02")))
        #expect(!federal.isHoliday(civil("2022-12-25")))
        #expect(federal.isHoliday(civil("2022-12-26")))
        #expect(federal.isHoliday(civil("2029-11-12")))  // Veterans Day, Sunday the 11th
    }

    @Test("CAL-1 Juneteenth counts from 2021 only")
    func test_CAL1_juneteenthFrom2021() {
        #expect(federal.isFederalWorkDay(civil("2020-06-19")))  // a Friday
        #expect(federal.isHoliday(civil("2021-06-18")))  // Saturday the 19th, observed Friday
        #expect(federal.holidays(in: 2020).count == 10)
    }

    @Test("CAL-1 Inauguration Day is not a holiday")
    func test_CAL1_inaugurationDayIsAWorkDay() {
        #expect(federal.isFederalWorkDay(civil("2021-01-20")))
        #expect(federal.isFederalWorkDay(civil("2017-01-20")))
        // 2025-01-20 is closed, but as Martin Luther King's birthday.
        #expect(federal.holidayName(on: civil("2025-01-20")) == "Birthday of Martin Luther King, Jr.")
    }

    @Test("CAL-1 Martin Luther King's birthday from its first observance in 1986")
    func test_CAL1_kingBirthdayFrom1986() {
        #expect(federal.isFederalWorkDay(civil("1985-01-21")))
        #expect(federal.isHoliday(civil("1986-01-20")))
        #expect(federal.holidays(in: 1985).count == 9)
    }

    @Test("CAL-1 for every supported year: observed holidays fall Monday–Friday, distinct, in order")
    func test_CAL1_everyYearIsWellFormed() {
        // 8 (before 1986, New Year's Day observed the year before) to 12 (two New Years).
        for year in CivilDate.supportedYears {
            let dates = federal.holidays(in: year).map(\.date)
            guard dates.allSatisfy({ !$0.weekday.isWeekend && $0.year == year }),
                  dates == dates.sorted(), Set(dates).count == dates.count,
                  (8...12).contains(dates.count)
            else {
                Issue.record("year \(year): \(dates)")
                return
            }
        }
    }

    @Test("CAL-1 extra closures from configuration are not work days, and not holidays")
    func test_CAL1_extraClosuresAreNotWorkDays() {
        let closures: Set<CivilDate> = [civil("2019-12-24"), civil("2020-12-24"), civil("2024-12-24")]
        let configured = FederalCalendar(extraClosures: closures)
        for date in closures {
            #expect(!configured.isFederalWorkDay(date), "\(date)")
            #expect(!configured.isHoliday(date), "\(date)")
            // Without the configuration they are ordinary weekdays: the code knows none.
            #expect(federal.isFederalWorkDay(date), "\(date)")
        }
        #expect(configured.isFederalWorkDay(civil("2024-12-23")))
        #expect(configured.addingFederalWorkDays(1, to: civil("2024-12-23")) == civil("2024-12-26"))
        #expect(federal.addingFederalWorkDays(1, to: civil("2024-12-23")) == civil("2024-12-24"))
    }
}
