import AgentCore

/// The JSON shapes of identity objects (snake_case, as API.md).
enum Representation {
    static func client(_ c: ClientCompany) -> String {
        var w = JSONObjectWriter()
        let p = c.profile
        w.string("client_company_id", c.id.rawValue)
        w.string("name", p.name)
        w.string("ein", p.ein)
        w.string("naics_code", p.naicsCode)
        w.string("address", p.address)
        w.strings("sites", p.sites)
        w.string("mou_effective_date", p.mouEffectiveDate.iso)
        w.strings("employer_business_days", p.employerBusinessDays.map(\.rawValue))
        w.strings("employer_closed_dates", p.employerClosedDates.map(\.iso))
        w.bool("federal_contractor", p.federalContractor)
        w.bool("require_secondary_review", p.requireSecondaryReview)
        w.strings("notice_languages", p.noticeLanguages)
        w.string("created_at", c.createdAt)
        w.string("updated_at", c.updatedAt)
        return w.text
    }

    /// `totpEnabled` is given where it is known (the signed-in user's own record).
    static func user(_ u: User, passwordExpiration: String?, totpEnabled: Bool? = nil) -> String {
        var w = JSONObjectWriter()
        w.string("id", u.id.rawValue)
        w.string("username", u.username)
        w.string("full_name", u.fullName)
        w.string("email", u.email)
        w.string("role", u.role.rawValue)
        w.string("client_company_id", u.clientID?.rawValue)
        w.bool("must_change_password", u.mustChangePassword)
        w.bool("active", u.active)
        w.string("password_changed_at", u.passwordChangedAt)
        w.string("password_expiration_date", passwordExpiration)
        if let totpEnabled { w.bool("totp_enabled", totpEnabled) }
        w.string("created_at", u.createdAt)
        w.string("updated_at", u.updatedAt)
        w.string("deactivated_at", u.deactivatedAt)
        return w.text
    }

    static func training(_ r: TrainingRecord) -> String {
        var w = JSONObjectWriter()
        w.string("id", r.id)
        w.string("user_id", r.userID.rawValue)
        w.string("full_name", r.userFullName)
        w.string("client_company_id", r.clientID?.rawValue)
        w.string("date", r.takenOn.iso)
        w.int("score_percent", r.scorePercent)
        w.bool("passed", r.passed)
        w.string("curriculum_version", r.curriculumVersion)
        w.string("source", r.source.rawValue)
        w.string("note", r.note)
        w.string("recorded_by", r.recordedBy?.rawValue)
        w.string("created_at", r.createdAt)
        return w.text
    }

    /// An API key without its secret (`key` is added only in the answer that creates it).
    static func apiKey(_ k: APIKey, key: String? = nil) -> String {
        var w = JSONObjectWriter()
        w.string("id", k.id)
        if let key { w.string("key", key) }
        w.string("name", k.name)
        w.string("user_id", k.userID.rawValue)
        w.string("client_company_id", k.clientID.rawValue)
        w.string("created_by", k.createdBy?.rawValue)
        w.string("created_at", k.createdAt)
        w.string("revoked_at", k.revokedAt)
        w.bool("active", k.revokedAt == nil)
        return w.text
    }
}
