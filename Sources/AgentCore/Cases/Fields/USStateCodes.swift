/// The two-letter USPS codes of the places that issue driver's licenses and state ID
/// cards and where work for a case can be done: the 50 states, the District of
/// Columbia and the inhabited territories. `MP` (Northern Mariana Islands) matters
/// for HIRE-4.
///
/// The military postal codes (`AA`, `AE`, `AP`) are left out on purpose: they name
/// mail routes, not a state that issues documents or a place of work.
public enum USStateCodes {
    /// Code and name, states in alphabetical order of code, then DC and territories.
    public static let all: [(code: String, name: String)] = [
        ("AK", "Alaska"), ("AL", "Alabama"), ("AR", "Arkansas"), ("AZ", "Arizona"),
        ("CA", "California"), ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"),
        ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"), ("IA", "Iowa"),
        ("ID", "Idaho"), ("IL", "Illinois"), ("IN", "Indiana"), ("KS", "Kansas"),
        ("KY", "Kentucky"), ("LA", "Louisiana"), ("MA", "Massachusetts"), ("MD", "Maryland"),
        ("ME", "Maine"), ("MI", "Michigan"), ("MN", "Minnesota"), ("MO", "Missouri"),
        ("MS", "Mississippi"), ("MT", "Montana"), ("NC", "North Carolina"), ("ND", "North Dakota"),
        ("NE", "Nebraska"), ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"),
        ("NV", "Nevada"), ("NY", "New York"), ("OH", "Ohio"), ("OK", "Oklahoma"),
        ("OR", "Oregon"), ("PA", "Pennsylvania"), ("RI", "Rhode Island"), ("SC", "South Carolina"),
        ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"),
        ("VA", "Virginia"), ("VT", "Vermont"), ("WA", "Washington"), ("WI", "Wisconsin"),
        ("WV", "West Virginia"), ("WY", "Wyoming"),
        ("DC", "District of Columbia"),
        ("AS", "American Samoa"), ("GU", "Guam"), ("MP", "Northern Mariana Islands"),
        ("PR", "Puerto Rico"), ("VI", "U.S. Virgin Islands"),
    ]

    private static let codes: Set<String> = Set(all.map(\.code))

    /// Whether `code` (exactly, upper case) is one of `all`.
    public static func contains(_ code: String) -> Bool { codes.contains(code) }
}
