/// A calendar date with no time zone (the dates the program's rules talk about:
/// hire dates, result dates, deadlines), in the proleptic Gregorian calendar.
///
/// The initialisers that take outside input accept years 1800–2200 only: the rules
/// need nothing older than 1986 and nothing far in the future, and a narrow range
/// keeps typos like `0224-01-01` out. Arithmetic (`adding(days:)`) is exact for any
/// year, so a deadline computed near the edge of the range is never wrong, only
/// unparseable.
public struct CivilDate: Hashable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The years the validating initialisers accept.
    public static let supportedYears: ClosedRange<Int> = 1800...2200

    /// A date from its parts; `nil` unless it is a real date in `supportedYears`.
    public init?(year: Int, month: Int, day: Int) {
        guard Self.supportedYears.contains(year),
              (1...12).contains(month),
              (1...Self.daysInMonth(month, year: year)).contains(day)
        else { return nil }
        self.init(uncheckedYear: year, month: month, day: day)
    }

    /// For dates the code itself spells (rule cut-offs) or derives by arithmetic,
    /// which are valid by construction.
    init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `dayNumber` days after 1970-01-01 (negative: before it);
    /// `nil` outside `supportedYears`.
    public init?(dayNumber: Int) {
        let date = Self.fromDayNumber(dayNumber)
        guard Self.supportedYears.contains(date.year) else { return nil }
        self = date
    }

    /// Days since 1970-01-01 (negative before it): an ordinal that makes date
    /// differences plain integer subtraction.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil: shift the year to start in March so the
        // leap day is the last day of the shifted year, then count 400-year eras.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Hinnant's civil_from_days, the inverse of `dayNumber`.
    static func fromDayNumber(_ dayNumber: Int) -> CivilDate {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return CivilDate(uncheckedYear: year, month: month, day: day)
    }

    /// The date `days` calendar days later (earlier when negative).
    public func adding(days: Int) -> CivilDate {
        Self.fromDayNumber(dayNumber + days)
    }

    /// Calendar days from `other` to `self`: positive when `self` is later.
    public func days(from other: CivilDate) -> Int {
        dayNumber - other.dayNumber
    }

    /// The day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (index 3 from Monday); floor-modulo keeps dates
        // before 1970 right. `allCases` is declared Monday first.
        let offset = ((dayNumber + 3) % 7 + 7) % 7
        return Weekday.allCases[offset]
    }

    /// Whether `year` has a 29 February (Gregorian rule).
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` (1–12) of `year`; 0 for a month out of range.
    public static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: 31
        case 4, 6, 9, 11: 30
        case 2: isLeapYear(year) ? 29 : 28
        default: 0
        }
    }
}

extension CivilDate: Comparable {
    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// Striding by whole days makes `from...to` a collection of dates, so a range of
/// dates can be walked with `for`.
extension CivilDate: Strideable {
    public func distance(to other: CivilDate) -> Int { other.dayNumber - dayNumber }
    public func advanced(by n: Int) -> CivilDate { adding(days: n) }
}
