/// What a request says about a client; nil means "not given" (PATCH keeps the old value).
public struct ClientInput: Sendable {
    public var name: String?
    public var ein: String?
    public var naicsCode: String??
    public var address: String??
    public var sites: [String]?
    public var mouEffectiveDate: CivilDate?
    public var employerBusinessDays: [String]?
    public var employerClosedDates: [CivilDate]?
    public var federalContractor: Bool?
    public var requireSecondaryReview: Bool?
    public var noticeLanguages: [String]?
    public init() {}
}

/// Checks of a client profile (API.md `clients`; HIRE-3 needs the MOU date, CAL-2 the
/// business days and closures, TNC-2 the notice languages, IMG-3 the review flag).
public enum ClientRules {
    /// A new client: `name`, `ein` and `mou_effective_date` are required.
    public static func create(_ input: ClientInput) throws(ValidationFailure) -> ClientProfile {
        var issues = IssueCollector()
        if input.name == nil { issues.add("name", FieldIssue.required, "name is required.") }
        if input.ein == nil { issues.add("ein", FieldIssue.required, "ein is required.") }
        if input.mouEffectiveDate == nil { issues.add("mou_effective_date", FieldIssue.required, "mou_effective_date is required.") }
        let placeholder = ClientProfile(name: "", ein: "", mouEffectiveDate: input.mouEffectiveDate ?? CivilDate.referenceDate)
        let profile = apply(input, to: placeholder, issues: &issues)
        try issues.check()
        return profile
    }

    /// A change to an existing client: only what `input` gives is replaced.
    public static func update(_ profile: ClientProfile, with input: ClientInput) throws(ValidationFailure) -> ClientProfile {
        var issues = IssueCollector()
        let updated = apply(input, to: profile, issues: &issues)
        try issues.check()
        return updated
    }

    private static func apply(_ input: ClientInput, to base: ClientProfile, issues: inout IssueCollector) -> ClientProfile {
        var p = base
        if let name = input.name {
            if name.isEmpty || name.count > 200 { issues.add("name", FieldIssue.outOfRange, "name must be 1 to 200 characters.") }
            p.name = name
        }
        if let ein = input.ein {
            if let normalized = normalizedEIN(ein) { p.ein = normalized } else {
                issues.add("ein", FieldIssue.invalidFormat, "ein must be the 9-digit Employer Identification Number, NN-NNNNNNN.")
            }
        }
        if let naics = input.naicsCode {
            if let naics, !(naics.count >= 2 && naics.count <= 6 && naics.allSatisfy(\.isASCIIDigit)) {
                issues.add("naics_code", FieldIssue.invalidFormat, "naics_code must be 2 to 6 digits.")
            }
            p.naicsCode = naics
        }
        if let address = input.address {
            if let address, address.count > 500 { issues.add("address", FieldIssue.outOfRange, "address must be at most 500 characters.") }
            p.address = address
        }
        if let sites = input.sites {
            if sites.contains(where: \.isEmpty) { issues.add("sites", FieldIssue.invalidValue, "sites must not hold empty names.") }
            p.sites = sites
        }
        if let mou = input.mouEffectiveDate { p.mouEffectiveDate = mou }
        if let days = input.employerBusinessDays {
            var parsed: [Weekday] = []
            for (i, code) in days.enumerated() {
                if let day = Weekday(rawValue: code) {
                    if !parsed.contains(day) { parsed.append(day) }
                } else {
                    issues.add("employer_business_days[\(i)]", FieldIssue.invalidValue, "Business days are MON, TUE, WED, THU, FRI, SAT or SUN.")
                }
            }
            if days.isEmpty { issues.add("employer_business_days", FieldIssue.invalidValue, "At least one business day is needed.") }
            p.employerBusinessDays = Weekday.allCases.filter(parsed.contains)
        }
        if let closed = input.employerClosedDates { p.employerClosedDates = Array(Set(closed)).sorted() }
        if let flag = input.federalContractor { p.federalContractor = flag }
        if let flag = input.requireSecondaryReview { p.requireSecondaryReview = flag }
        if let languages = input.noticeLanguages {
            var codes: [String] = []
            for (i, code) in languages.enumerated() {
                let lower = code.lowercased()
                if lower.count == 2 && lower.allSatisfy({ $0 >= "a" && $0 <= "z" }) {
                    // English is always given (TNC-2); listing it changes nothing.
                    if lower != "en" && !codes.contains(lower) { codes.append(lower) }
                } else {
                    issues.add("notice_languages[\(i)]", FieldIssue.invalidFormat, "Languages are ISO 639-1 codes such as es or vi.")
                }
            }
            p.noticeLanguages = codes
        }
        return p
    }

    /// `NN-NNNNNNN` from 9 digits with or without the hyphen; prefix 00 is never issued.
    public static func normalizedEIN(_ text: String) -> String? {
        let digits = text.filter { $0 != "-" }
        guard digits.count == 9, digits.allSatisfy(\.isASCIIDigit), text.filter({ $0 == "-" }).count <= 1 else { return nil }
        if text.contains("-") && text.firstIndex(of: "-") != text.index(text.startIndex, offsetBy: 2) { return nil }
        guard !digits.hasPrefix("00") else { return nil }
        return String(digits.prefix(2)) + "-" + String(digits.dropFirst(2))
    }
}

extension Character {
    var isASCIIDigit: Bool { self >= "0" && self <= "9" }
}

extension CivilDate {
    /// A fixed valid date used where a value is needed only until validation fails.
    public static var referenceDate: CivilDate {
        guard let date = CivilDate(year: 2000, month: 1, day: 1) else { preconditionFailure("2000-01-01 is a valid date") }
        return date
    }
}
