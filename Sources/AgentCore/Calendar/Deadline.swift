/// A dated obligation on a case or a client, as the API shows it in `deadlines`:
/// `{name, date, rule}`, e.g. `hire_due_date` on 2024-03-06 under `HIRE-2`.
public struct Deadline: Sendable, Equatable, Codable {
    /// The API's snake_case name, e.g. `tnc_decision_due_date`.
    public let name: String
    /// The last allowed day (inclusive), or for a flag or automatic action the day
    /// it happens; each rule function says which.
    public let date: CivilDate
    /// The DOMAIN.md rule ID the date comes from, e.g. `TNC-4`.
    public let rule: String

    public init(name: String, date: CivilDate, rule: String) {
        self.name = name
        self.date = date
        self.rule = rule
    }
}

/// The deadline rules: pure functions from the dates of a case or client and the
/// calendars to `Deadline` values. Grouped by rule family in `Deadlines+*.swift`.
public enum Deadlines {}
