/// A client's own business calendar (CAL-2): the weekdays it does business on and
/// the dates it lists as closed. It drives the HIRE-2 three-day clock.
///
/// Federal holidays are business days here unless the client lists them in
/// `closedDates`: the program counts the employer's days, not the government's.
public struct EmployerCalendar: Sendable, Equatable {
    /// The weekdays the client does business on; never empty.
    public let weekdays: Set<Weekday>
    /// Dates the client is closed although they fall on one of `weekdays`.
    public let closedDates: Set<CivilDate>

    /// A Monday-to-Friday client (the API's default) with the given closures.
    public init(closedDates: Set<CivilDate> = []) {
        self.weekdays = Weekday.mondayToFridaySet
        self.closedDates = closedDates
    }

    /// A client with its own week; `nil` when `weekdays` is empty, since no
    /// business-day clock could ever run out.
    public init?(weekdays: Set<Weekday>, closedDates: Set<CivilDate> = []) {
        guard !weekdays.isEmpty else { return nil }
        self.weekdays = weekdays
        self.closedDates = closedDates
    }

    /// Whether `date` is one of the client's business days.
    public func isBusinessDay(_ date: CivilDate) -> Bool {
        weekdays.contains(date.weekday) && !closedDates.contains(date)
    }

    /// The client's business days within `range`, in date order.
    public func businessDays(in range: ClosedRange<CivilDate>) -> [CivilDate] {
        range.filter(isBusinessDay)
    }

    /// Rule CAL-2: the `n`-th business day after `date` — counting starts the day
    /// after `date`, and the result is the last allowed day, inclusive. `n <= 0`
    /// gives `date` unchanged.
    public func addingBusinessDays(_ n: Int, to date: CivilDate) -> CivilDate {
        addingBusinessDays(n, to: date, excludingOutages: [])
    }

    /// Rule HIRE-2 (outage shift): like `addingBusinessDays(_:to:)`, but a business
    /// day touched by a government-side outage does not count, because the clock
    /// stops while the government side is unavailable.
    ///
    /// Exact semantics:
    /// - Each outage is a closed range of whole dates: every date on which the
    ///   outage was in effect at any moment (the caller turns timestamps into dates).
    /// - Counting starts the day after `date`. A day counts when it is a business day
    ///   of this client and lies in no outage. The `n`-th counted day is the result.
    /// - So the due date moves by the number of business days the outages cover
    ///   inside the (extended) span; an outage on days that are not business days
    ///   (a weekend for a Monday-to-Friday client, a listed closure) moves nothing,
    ///   nor does one that ends on or before `date` or begins after the result.
    /// - Overlapping outages count a day once. An empty or reversed range is
    ///   impossible: `ClosedRange` refuses it.
    public func addingBusinessDays(
        _ n: Int, to date: CivilDate, excludingOutages outages: [ClosedRange<CivilDate>]
    ) -> CivilDate {
        // Terminates: `weekdays` is non-empty and closures and outages are finite.
        var remaining = n
        var current = date
        while remaining > 0 {
            current = current.adding(days: 1)
            if isBusinessDay(current) && !outages.contains(where: { $0.contains(current) }) {
                remaining -= 1
            }
        }
        return current
    }
}
