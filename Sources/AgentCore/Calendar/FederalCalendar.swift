/// The federal calendar of CAL-1 and CAL-2: which days are federal work days, and
/// how "N federal work days after D" is counted.
///
/// Rule CAL-1. Holidays are computed for any year from 5 U.S.C. 6103 as it stands
/// today, with two dated changes: Martin Luther King's birthday from 1986 (its first
/// observance) and Juneteenth from 2021. Earlier statutory changes (the 1971 Monday
/// holidays) are not modelled: no case can have a first day before 1986-11-07
/// (HIRE-4), so no rule ever looks that far back. Inauguration Day is not a holiday
/// here: OPM lists it for the Washington, D.C. area only. Closures ordered by the
/// President (e.g. 2024-12-24) are configuration (`extraClosures`), never code,
/// because they are announced year by year.
public struct FederalCalendar: Sendable, Equatable {
    /// Extra whole-day closures of federal offices (executive orders).
    public let extraClosures: Set<CivilDate>

    public init(extraClosures: Set<CivilDate> = []) {
        self.extraClosures = extraClosures
    }

    /// The holidays observed in calendar year `year`, by observed date, in date
    /// order. A holiday falling on a Saturday is observed the Friday before, one on a
    /// Sunday the Monday after; so when 1 January falls on a Saturday its observed
    /// day (31 December) belongs to the year before, and that year's list has twelve
    /// entries while the next has ten.
    public func holidays(in year: Int) -> [(date: CivilDate, name: String)] {
        let own = Self.observedHolidays(ofYear: year).filter { $0.date.year == year }
        let borrowed = Self.observedHolidays(ofYear: year + 1).filter { $0.date.year == year }
        return (own + borrowed).sorted { $0.date < $1.date }
    }

    /// The name of the holiday observed on `date`, if any (extra closures excluded).
    public func holidayName(on date: CivilDate) -> String? {
        // Every deadline counts work days one by one, so this is asked for each day
        // counted: the usual years come from a table built once.
        if Self.tabulatedYears.contains(date.year) && Self.tabulatedYears.contains(date.year + 1) {
            return Self.tabulatedHolidays[date.dayNumber]
        }
        // Only New Year's Day can be observed outside its own year (on 31 December
        // of the year before), so this year's and next year's lists cover `date`.
        for year in [date.year, date.year + 1] {
            if let match = Self.observedHolidays(ofYear: year).first(where: { $0.date == date }) {
                return match.name
            }
        }
        return nil
    }

    /// Whether `date` is the observed day of a federal holiday (CAL-1). Extra
    /// closures are not holidays; `isFederalWorkDay` accounts for both.
    public func isHoliday(_ date: CivilDate) -> Bool {
        holidayName(on: date) != nil
    }

    /// Monday to Friday, not an observed holiday and not an extra closure.
    public func isFederalWorkDay(_ date: CivilDate) -> Bool {
        !date.weekday.isWeekend && !extraClosures.contains(date) && !isHoliday(date)
    }

    /// Rule CAL-2: the `n`-th federal work day after `date`. Counting starts the day
    /// after `date` (which need not be a work day itself), and the result is the last
    /// allowed day, inclusive. `n == 0` gives `date` unchanged; a negative `n` counts
    /// backwards the same way (the `|n|`-th work day before `date`).
    public func addingFederalWorkDays(_ n: Int, to date: CivilDate) -> CivilDate {
        // Terminates: extra closures are finitely many and no week is all holidays.
        // By day number, not by date: a deadline may count some 170 work days, and every
        // case change counts several (the work queue is planned on the writer thread).
        let step = n < 0 ? -1 : 1
        var remaining = abs(n)
        var day = date.dayNumber
        let closures = extraClosures.isEmpty ? [] : Set(extraClosures.map(\.dayNumber))
        while remaining > 0 {
            day += step
            if isFederalWorkDay(dayNumber: day, closures: closures) { remaining -= 1 }
        }
        return CivilDate.fromDayNumber(day)
    }

    /// `isFederalWorkDay` for a day number, with the extra closures as day numbers: a
    /// weekday by arithmetic and the holiday from a bit per day of the tabulated years.
    func isFederalWorkDay(dayNumber day: Int, closures: Set<Int>) -> Bool {
        let fromMonday = ((day + 3) % 7 + 7) % 7  // 1970-01-01 was a Thursday
        if fromMonday >= 5 || closures.contains(day) { return false }
        let offset = day - Self.holidayBits.firstDay
        if offset >= 0 && offset < Self.holidayBits.days {
            return Self.holidayBits.words[offset >> 6] & (1 << UInt64(offset & 63)) == 0
        }
        return !isHoliday(CivilDate.fromDayNumber(day))
    }

    /// One bit per day for the days `holidayName` answers from `tabulatedHolidays` (1 January
    /// of the first tabulated year up to, not including, that of the last): set on an
    /// observed holiday.
    static let holidayBits: (firstDay: Int, days: Int, words: [UInt64]) = {
        let first = CivilDate(uncheckedYear: tabulatedYears.lowerBound, month: 1, day: 1).dayNumber
        let end = CivilDate(uncheckedYear: tabulatedYears.upperBound, month: 1, day: 1).dayNumber
        var words = [UInt64](repeating: 0, count: (end - first + 63) / 64)
        for day in tabulatedHolidays.keys where day >= first && day < end {
            words[(day - first) >> 6] |= 1 << UInt64((day - first) & 63)
        }
        return (first, end - first, words)
    }()

    /// The number of federal work days in `(start, end]`: after `start`, up to and
    /// including `end` (CAL-2 counting); 0 when `end` is not after `start`. The
    /// inverse of `addingFederalWorkDays`: for `n > 0`, counting through
    /// `addingFederalWorkDays(n, to: d)` gives `n`.
    public func federalWorkDays(after start: CivilDate, through end: CivilDate) -> Int {
        guard end > start else { return 0 }
        return (start.adding(days: 1)...end).reduce(0) { $0 + (isFederalWorkDay($1) ? 1 : 0) }
    }

    /// The years whose observed holidays are kept in `tabulatedHolidays`.
    static let tabulatedYears = 1900...2300

    /// Observed holiday names by day number for `tabulatedYears` (about 4,400 entries).
    static let tabulatedHolidays: [Int: String] = {
        var table: [Int: String] = [:]
        for year in tabulatedYears {
            for holiday in observedHolidays(ofYear: year) { table[holiday.date.dayNumber] = holiday.name }
        }
        return table
    }()

    /// The eleven (ten before 2021) holidays that legally fall in `year`, each at its
    /// observed date — which for New Year's Day may be in `year - 1`.
    static func observedHolidays(ofYear year: Int) -> [(date: CivilDate, name: String)] {
        var legal: [(date: CivilDate, name: String)] = [
            (CivilDate(uncheckedYear: year, month: 1, day: 1), "New Year's Day"),
        ]
        if year >= 1986 {
            legal.append((nthWeekday(3, .monday, month: 1, year: year), "Birthday of Martin Luther King, Jr."))
        }
        legal.append((nthWeekday(3, .monday, month: 2, year: year), "Washington's Birthday"))
        legal.append((lastWeekday(.monday, month: 5, year: year), "Memorial Day"))
        if year >= 2021 {
            legal.append((CivilDate(uncheckedYear: year, month: 6, day: 19), "Juneteenth National Independence Day"))
        }
        legal += [
            (CivilDate(uncheckedYear: year, month: 7, day: 4), "Independence Day"),
            (nthWeekday(1, .monday, month: 9, year: year), "Labor Day"),
            (nthWeekday(2, .monday, month: 10, year: year), "Columbus Day"),
            (CivilDate(uncheckedYear: year, month: 11, day: 11), "Veterans Day"),
            (nthWeekday(4, .thursday, month: 11, year: year), "Thanksgiving Day"),
            (CivilDate(uncheckedYear: year, month: 12, day: 25), "Christmas Day"),
        ]
        return legal.map { (observed($0.date), $0.name) }
    }

    /// Saturday → the Friday before; Sunday → the Monday after (5 U.S.C. 6103(b)
    /// and the executive order that extends it to most employees).
    static func observed(_ date: CivilDate) -> CivilDate {
        switch date.weekday {
        case .saturday: date.adding(days: -1)
        case .sunday: date.adding(days: 1)
        default: date
        }
    }

    /// The `n`-th (1-based) `weekday` of `month` in `year`.
    static func nthWeekday(_ n: Int, _ weekday: Weekday, month: Int, year: Int) -> CivilDate {
        let first = CivilDate(uncheckedYear: year, month: month, day: 1)
        let ahead = (weekday.isoNumber - first.weekday.isoNumber + 7) % 7
        return first.adding(days: ahead + 7 * (n - 1))
    }

    /// The last `weekday` of `month` in `year`.
    static func lastWeekday(_ weekday: Weekday, month: Int, year: Int) -> CivilDate {
        let last = CivilDate(uncheckedYear: year, month: month, day: CivilDate.daysInMonth(month, year: year))
        let back = (last.weekday.isoNumber - weekday.isoNumber + 7) % 7
        return last.adding(days: -back)
    }
}
