/// A client's IMAGE membership and the settings its practices follow (API.md "IMAGE
/// records"). Kept with the client's profile, so one change writes both.
public struct ImageSettings: Sendable, Equatable, Codable {
    public var member: Bool
    /// Associate members may defer the I-9 audit and the annual report up to two years.
    public var associate: Bool
    /// IMG-4: months between I-9 audits (the seeds say yearly or twice a year).
    public var auditIntervalMonths: Int
    public var employeeCount: Int?
    public var complianceOfficer: UserID?
    public var tipLineEnabled: Bool
    /// The day the client became a member: the clocks of IMG-4 and IMG-10 start there.
    public var memberSince: CivilDate?

    public init(member: Bool = false, associate: Bool = false, auditIntervalMonths: Int = 12, employeeCount: Int? = nil,
                complianceOfficer: UserID? = nil, tipLineEnabled: Bool = false, memberSince: CivilDate? = nil) {
        self.member = member
        self.associate = associate
        self.auditIntervalMonths = auditIntervalMonths
        self.employeeCount = employeeCount
        self.complianceOfficer = complianceOfficer
        self.tipLineEnabled = tipLineEnabled
        self.memberSince = memberSince
    }

    enum CodingKeys: String, CodingKey {
        case member, associate, employeeCount = "employee_count", complianceOfficer = "compliance_officer_user_id"
        case auditIntervalMonths = "i9_audit_interval_months", tipLineEnabled = "tip_line_enabled", memberSince = "member_since"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        member = try c.decodeIfPresent(Bool.self, forKey: .member) ?? false
        associate = try c.decodeIfPresent(Bool.self, forKey: .associate) ?? false
        auditIntervalMonths = try c.decodeIfPresent(Int.self, forKey: .auditIntervalMonths) ?? 12
        employeeCount = try c.decodeIfPresent(Int.self, forKey: .employeeCount)
        complianceOfficer = try c.decodeIfPresent(String.self, forKey: .complianceOfficer).map(UserID.init)
        tipLineEnabled = try c.decodeIfPresent(Bool.self, forKey: .tipLineEnabled) ?? false
        memberSince = try c.decodeIfPresent(String.self, forKey: .memberSince).flatMap(CivilDate.init(storedISO:))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(member, forKey: .member)
        try c.encode(associate, forKey: .associate)
        try c.encode(auditIntervalMonths, forKey: .auditIntervalMonths)
        try c.encodeIfPresent(employeeCount, forKey: .employeeCount)
        try c.encodeIfPresent(complianceOfficer?.rawValue, forKey: .complianceOfficer)
        try c.encode(tipLineEnabled, forKey: .tipLineEnabled)
        try c.encodeIfPresent(memberSince?.iso, forKey: .memberSince)
    }
}

/// What a request says about the IMAGE settings; nil: not given.
public struct ImageSettingsInput: Sendable, Equatable {
    public var member: Bool?
    public var associate: Bool?
    public var auditIntervalMonths: Int?
    public var employeeCount: Int??
    public var complianceOfficer: UserID??
    public var tipLineEnabled: Bool?
    public init() {}

    public var isEmpty: Bool { self == ImageSettingsInput() }
}

/// The checks of IMAGE settings.
public enum ImageRules {
    /// The 50-employee line above which an IMAGE member names a compliance officer.
    public static let complianceOfficerThreshold = 50

    /// Applies `input` to `settings`; `today` starts membership when it begins. Rule
    /// IMG-COMPLIANCE-OFFICER: a member with 50 or more employees names a compliance officer.
    public static func apply(_ input: ImageSettingsInput, to settings: ImageSettings, today: CivilDate,
                             issues: inout IssueCollector) -> ImageSettings {
        var s = settings
        if let member = input.member {
            if member && !s.member { s.memberSince = today }
            if !member { s.memberSince = nil }
            s.member = member
        }
        if let associate = input.associate { s.associate = associate }
        if let months = input.auditIntervalMonths {
            if !(1...24).contains(months) {
                issues.add("i9_audit_interval_months", FieldIssue.outOfRange, "i9_audit_interval_months must be 1 to 24.")
            }
            s.auditIntervalMonths = months
        }
        if let count = input.employeeCount {
            if let count, count < 0 { issues.add("employee_count", FieldIssue.outOfRange, "employee_count must be 0 or more.") }
            s.employeeCount = count
        }
        if let officer = input.complianceOfficer { s.complianceOfficer = officer }
        if let tips = input.tipLineEnabled { s.tipLineEnabled = tips }
        if s.member, (s.employeeCount ?? 0) >= complianceOfficerThreshold, s.complianceOfficer == nil {
            issues.add("compliance_officer_user_id", "IMG-COMPLIANCE-OFFICER",
                       "An IMAGE member with 50 or more employees must name a compliance officer (compliance_officer_user_id).")
        }
        return s
    }
}
