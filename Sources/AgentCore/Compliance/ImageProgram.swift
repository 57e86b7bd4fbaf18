/// A client's IMAGE settings (API.md "IMAGE records"): membership, the I-9 audit interval,
/// its size and compliance officer, and the tip line.
public struct ImageSettings: Sendable, Equatable {
    public var member: Bool
    /// Associate members may defer the audit and the annual report up to two years.
    public var associate: Bool
    public var auditIntervalMonths: Int
    public var employeeCount: Int?
    public var complianceOfficer: UserID?
    public var tipLineEnabled: Bool
    /// The random token of the client's public tip address (`/tips/{token}`).
    public var tipToken: String?

    public init(member: Bool = false, associate: Bool = false, auditIntervalMonths: Int = 12, employeeCount: Int? = nil,
                complianceOfficer: UserID? = nil, tipLineEnabled: Bool = false, tipToken: String? = nil) {
        self.member = member
        self.associate = associate
        self.auditIntervalMonths = auditIntervalMonths
        self.employeeCount = employeeCount
        self.complianceOfficer = complianceOfficer
        self.tipLineEnabled = tipLineEnabled
        self.tipToken = tipToken
    }
}

/// What a PATCH says about the settings; nil: not given.
public struct ImageSettingsInput: Sendable, Equatable {
    public var member: Bool?
    public var associate: Bool?
    public var auditIntervalMonths: Int?
    public var employeeCount: Int??
    public var complianceOfficer: UserID??
    public var tipLineEnabled: Bool?
    public var rotateTipToken: Bool?
    public init() {}

    public var isEmpty: Bool {
        member == nil && associate == nil && auditIntervalMonths == nil && employeeCount == nil && complianceOfficer == nil
            && tipLineEnabled == nil && rotateTipToken == nil
    }
}

public enum ImageRules {
    /// The size from which an IMAGE member needs a compliance officer.
    public static let complianceOfficerThreshold = 50

    /// Applies `input`; `newToken` is used when the tip line is first enabled or rotated.
    /// Rule IMG-COMPLIANCE-OFFICER: a member with 50 or more employees names one.
    public static func apply(_ input: ImageSettingsInput, to base: ImageSettings, newToken: String) throws(ValidationFailure) -> ImageSettings {
        var s = base
        if let v = input.member { s.member = v }
        if let v = input.associate { s.associate = v }
        if let v = input.auditIntervalMonths { s.auditIntervalMonths = v }
        if let v = input.employeeCount { s.employeeCount = v }
        if let v = input.complianceOfficer { s.complianceOfficer = v }
        if let v = input.tipLineEnabled { s.tipLineEnabled = v }
        if s.tipLineEnabled && (s.tipToken == nil || input.rotateTipToken == true) { s.tipToken = newToken }
        var issues = IssueCollector()
        if s.member, (s.employeeCount ?? 0) >= complianceOfficerThreshold, s.complianceOfficer == nil {
            issues.add("compliance_officer_user_id", "IMG-COMPLIANCE-OFFICER",
                       "An IMAGE member with \(complianceOfficerThreshold) or more employees names a compliance officer (compliance_officer_user_id).")
        }
        if input.rotateTipToken == true && !s.tipLineEnabled {
            issues.add("rotate_tip_token", FieldIssue.invalidValue, "Enable the tip line (tip_line_enabled) to have a token.")
        }
        try issues.check()
        return s
    }

    /// Rule IMG-4: the next I-9 audit, `interval` months after the last (an associate
    /// member may defer it to two years).
    public static func nextAuditDue(lastAudit: CivilDate, settings: ImageSettings) -> CivilDate {
        lastAudit.adding(months: settings.associate ? max(24, settings.auditIntervalMonths) : settings.auditIntervalMonths)
    }

    /// Rule IMG-6: an open no-match letter is followed up within this many days of receipt.
    public static let noMatchFollowUpDays = 30
    /// Rule IMG-7: a tip is answered within this many federal work days.
    public static let tipAnswerWorkDays = 10
    public static let maximumTipLength = 4000
}

extension CivilDate {
    /// The same day `months` later, or the month's last day when it has none (Jan 31 + 1 → Feb 28/29).
    public func adding(months: Int) -> CivilDate {
        let total = year * 12 + (month - 1) + months
        let y = total / 12, m = total % 12 + 1
        var d = day
        while d > 28, CivilDate(year: y, month: m, day: d) == nil { d -= 1 }
        return CivilDate(year: y, month: m, day: d) ?? self
    }
}
