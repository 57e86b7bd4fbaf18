/// A day of the week, spelled as the API spells it (`"MON"` … `"SUN"`).
public enum Weekday: String, CaseIterable, Sendable, Codable, Hashable {
    case monday = "MON"
    case tuesday = "TUE"
    case wednesday = "WED"
    case thursday = "THU"
    case friday = "FRI"
    case saturday = "SAT"
    case sunday = "SUN"

    /// Monday through Friday, in order: the federal work week and the API's default
    /// `employer_business_days`.
    public static let mondayToFriday: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]
    /// The same days as a set, built once: most clients keep the default week.
    public static let mondayToFridaySet: Set<Weekday> = Set(mondayToFriday)

    /// ISO 8601 numbering: Monday is 1, Sunday is 7.
    public var isoNumber: Int {
        switch self {
        case .monday: 1
        case .tuesday: 2
        case .wednesday: 3
        case .thursday: 4
        case .friday: 5
        case .saturday: 6
        case .sunday: 7
        }
    }

    /// The weekday with the given ISO number (1 = Monday … 7 = Sunday).
    public init?(isoNumber: Int) {
        switch isoNumber {
        case 1: self = .monday
        case 2: self = .tuesday
        case 3: self = .wednesday
        case 4: self = .thursday
        case 5: self = .friday
        case 6: self = .saturday
        case 7: self = .sunday
        default: return nil
        }
    }

    /// Saturday or Sunday.
    public var isWeekend: Bool { self == .saturday || self == .sunday }
}
