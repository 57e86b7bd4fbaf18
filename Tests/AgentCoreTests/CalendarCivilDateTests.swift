import Foundation
import Testing
@testable import AgentCore

@Suite("CivilDate")
struct CalendarCivilDateTests {
    @Test("parses real dates in YYYY-MM-DD, including leap days and the range edges",
          arguments: ["2024-02-29", "2000-02-29", "2024-12-31", "1800-01-01", "2200-12-31", "1986-11-06"])
    func test_CivilDate_parsesValidDates(_ text: String) throws {
        let date = try #require(CivilDate(iso: text))
        #expect(date.iso == text)
        #expect(date.description == text)
    }

    @Test("refuses impossible dates and every other spelling",
          arguments: [
              "2023-02-29", "2024-02-30", "2024-13-01", "2024-00-10", "2024-01-00", "2024-04-31",
              "1900-02-29", "2100-02-29",
              "2024-1-01", "2024-01-1", "20240101", " 2024-01-01", "2024-01-01 ", "2024/01/01",
              "+024-01-01", "2024-+1-01", "2024-01-01T00:00:00Z", "", "２０２４-01-01",
              "1799-12-31", "2201-01-01", "0000-01-01",
          ])
    func test_CivilDate_refusesInvalidText(_ text: String) {
        #expect(CivilDate(iso: text) == nil)
    }

    @Test("refuses invalid parts and years outside 1800–2200")
    func test_CivilDate_refusesInvalidParts() {
        #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2024, month: 0, day: 1) == nil)
        #expect(CivilDate(year: 2024, month: 12, day: 32) == nil)
        #expect(CivilDate(year: 1799, month: 12, day: 31) == nil)
        #expect(CivilDate(year: 2201, month: 1, day: 1) == nil)
        #expect(CivilDate(dayNumber: 0) == civil("1970-01-01"))
        #expect(CivilDate(dayNumber: -62092) == nil)  // 1799-12-31
        #expect(CivilDate(dayNumber: 84371) == nil)  // 2201-01-01
    }

    @Test("Gregorian leap years: 2000 yes, 1900 no, 2024 yes")
    func test_CivilDate_leapYears() {
        #expect(CivilDate.isLeapYear(2000))
        #expect(!CivilDate.isLeapYear(1900))
        #expect(CivilDate.isLeapYear(2024))
        #expect(!CivilDate.isLeapYear(2023))
        #expect(!CivilDate.isLeapYear(2100))
        #expect(CivilDate.daysInMonth(2, year: 2000) == 29)
        #expect(CivilDate.daysInMonth(2, year: 1900) == 28)
    }

    @Test("weekday and day number of known dates",
          arguments: [
              ("1970-01-01", Weekday.thursday, 0), ("2000-01-01", .saturday, 10957),
              ("2024-02-29", .thursday, 19782), ("1986-11-06", .thursday, 6153),
              ("2001-09-11", .tuesday, 11576), ("1800-01-01", .wednesday, -62091),
              ("2200-12-31", .wednesday, 84370), ("2024-12-25", .wednesday, 20082),
              ("1900-03-01", .thursday, -25508),
          ])
    func test_CivilDate_weekdayOfKnownDates(_ text: String, _ weekday: Weekday, _ dayNumber: Int) {
        let date = civil(text)
        #expect(date.weekday == weekday)
        #expect(date.dayNumber == dayNumber)
    }

    @Test("adding days crosses month, leap-day and year boundaries")
    func test_CivilDate_addingDays() {
        #expect(civil("2023-12-31").adding(days: 1) == civil("2024-01-01"))
        #expect(civil("2024-02-28").adding(days: 1) == civil("2024-02-29"))
        #expect(civil("2023-02-28").adding(days: 1) == civil("2023-03-01"))
        #expect(civil("2024-03-01").adding(days: -1) == civil("2024-02-29"))
        #expect(civil("2024-01-31").adding(days: 30) == civil("2024-03-01"))
        #expect(civil("2024-01-01").adding(days: 366) == civil("2025-01-01"))
        #expect(civil("2025-01-01").adding(days: -366) == civil("2024-01-01"))
        #expect(civil("2024-01-01").adding(days: -365) == civil("2023-01-01"))
        #expect(civil("2024-06-15").adding(days: 0) == civil("2024-06-15"))
        #expect(civil("2025-01-01").days(from: civil("2024-01-01")) == 366)
        #expect(civil("2024-01-01").days(from: civil("2025-01-01")) == -366)
    }

    @Test("every day 1800–2200 round-trips through its day number and follows the day before")
    func test_CivilDate_dayNumberRoundTripsOverWholeRange() throws {
        var previous = civil("1800-01-01")
        var count = 1
        for number in (previous.dayNumber + 1)...civil("2200-12-31").dayNumber {
            let date = try #require(CivilDate(dayNumber: number))
            // The next date must be a valid date and exactly the successor.
            let expected = CivilDate(year: previous.year, month: previous.month, day: previous.day + 1)
                ?? CivilDate(year: previous.year, month: previous.month + 1, day: 1)
                ?? CivilDate(year: previous.year + 1, month: 1, day: 1)
            guard date == expected, date.dayNumber == number, date > previous else {
                Issue.record("day \(number) gave \(date), expected \(String(describing: expected))")
                return
            }
            previous = date
            count += 1
        }
        #expect(count == 146_462)
    }

    @Test("orders chronologically and walks a closed range day by day")
    func test_CivilDate_comparesAndStrides() {
        let dates = [civil("2024-03-01"), civil("2023-12-31"), civil("2024-02-29")]
        #expect(dates.sorted() == [civil("2023-12-31"), civil("2024-02-29"), civil("2024-03-01")])
        #expect(civil("2024-01-31") < civil("2024-02-01"))
        #expect((civil("2024-02-27")...civil("2024-03-02")).count == 5)
        #expect(Array(civil("2023-12-30")...civil("2024-01-01")).map(\.iso)
            == ["2023-12-30", "2023-12-31", "2024-01-01"])
    }

    @Test("codes as the ISO string and refuses anything else")
    func test_CivilDate_codableAsISOString() throws {
        let encoded = try JSONEncoder().encode([civil("2024-02-29")])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["2024-02-29"]"#)
        let decoded = try JSONDecoder().decode([CivilDate].self, from: Data(#"["1800-01-05"]"#.utf8))
        #expect(decoded == [civil("1800-01-05")])
        #expect(decoded[0].iso == "1800-01-05")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CivilDate].self, from: Data(#"["2023-02-29"]"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CivilDate].self, from: Data("[20240101]".utf8))
        }
    }

    @Test("what arithmetic computes past 2200 is stored and read back, but not accepted as input")
    func test_CivilDate_storedDatesPastTheInputRange() throws {
        let late = civil("2200-12-29").adding(days: 8)
        #expect(late.iso == "2201-01-06")
        #expect(CivilDate(iso: late.iso) == nil)
        #expect(CivilDate(storedISO: late.iso) == late)
        let decoded = try JSONDecoder().decode([CivilDate].self, from: JSONEncoder().encode([late]))
        #expect(decoded == [late])
        // Still a real date, in the one spelling.
        #expect(CivilDate(storedISO: "2201-02-29") == nil)
        #expect(CivilDate(storedISO: "2201-1-06") == nil)
        #expect(CivilDate(storedISO: "9999-12-31")?.year == 9999)
    }

    @Test("weekdays are spelled as the API spells them")
    func test_Weekday_rawValuesAsInAPI() throws {
        #expect(Weekday.allCases.map(\.rawValue) == ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"])
        #expect(Weekday.mondayToFriday.map(\.rawValue) == ["MON", "TUE", "WED", "THU", "FRI"])
        #expect(Weekday.allCases.map(\.isoNumber) == Array(1...7))
        #expect(Weekday(isoNumber: 0) == nil)
        let decoded = try JSONDecoder().decode([Weekday].self, from: Data(#"["SAT","SUN"]"#.utf8))
        #expect(decoded == [.saturday, .sunday])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Weekday].self, from: Data(#"["Sat"]"#.utf8))
        }
    }
}

/// `iso` writes its ten bytes in place; the text is the zero-padded one it always was.
@Suite struct CivilDateISOTextTests {
    static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    @Test func isoIsZeroPaddedYearMonthDay() {
        var checked = 0
        for year in [0, 1, 9, 10, 99, 100, 999, 1000, 9999] + Array(1890...2110) {
            for month in 1...12 {
                for day in 1...31 {
                    guard let date = CivilDate(year: year, month: month, day: day) else { continue }
                    #expect(date.iso == Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2))
                    #expect(CivilDate(storedISO: date.iso) == date)
                    checked += 1
                }
            }
        }
        #expect(checked > 80_000)
    }
}
