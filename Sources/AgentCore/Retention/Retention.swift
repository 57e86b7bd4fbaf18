/// RET-1: how long a case, its documents and notices are kept. Calendar dates, no work
/// days: the later of three years after the date of hire and one year after employment
/// ends. Without a termination date there is no date and nothing is purged.
public enum Retention {
    public static let yearsAfterHire = 3
    public static let yearsAfterTermination = 1

    /// The last day the case is kept (it is purged on the day after); nil while the
    /// employee has no termination date on the roster.
    public static func until(dateOfHire: CivilDate, terminatedOn: CivilDate?) -> CivilDate? {
        guard let terminatedOn else { return nil }
        return max(adding(years: yearsAfterHire, to: dateOfHire), adding(years: yearsAfterTermination, to: terminatedOn))
    }

    /// The same day `years` later; a 29 February that does not exist then becomes
    /// 1 March, so a leap-day date is never purged before its full years have run.
    public static func adding(years: Int, to date: CivilDate) -> CivilDate {
        let year = date.year + years
        if date.month == 2 && date.day == 29 && !CivilDate.isLeapYear(year) {
            return CivilDate(storedISO: CivilDate.isoText(year: year, month: 3, day: 1)) ?? date
        }
        return CivilDate(storedISO: CivilDate.isoText(year: year, month: date.month, day: date.day)) ?? date
    }

    /// RET-2 with RET-3: whether the case's personal data is purged on `today`.
    public static func isDue(_ p: CaseProgress, today: CivilDate) -> Bool {
        guard p.purge == nil, p.legalHold == nil, let until = p.retentionUntil else { return false }
        return today > until
    }

    /// Records a (new) termination date on the case and recomputes its date. The case's
    /// own date of hire counts; the roster's stands in when the case has none.
    public static func apply(terminatedOn: CivilDate?, caseDateOfHire: CivilDate?, rosterDateOfHire: CivilDate,
                             to p: inout CaseProgress) {
        p.terminatedOn = terminatedOn
        p.retentionUntil = until(dateOfHire: caseDateOfHire ?? rosterDateOfHire, terminatedOn: terminatedOn)
    }
}

extension CivilDate {
    /// `YYYY-MM-DD` of parts, for dates made by arithmetic (any four-digit year).
    static func isoText(year: Int, month: Int, day: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }
}
