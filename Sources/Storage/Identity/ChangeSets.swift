import AgentCore

/// Field-level before/after of a client, for the audit trail (no personal data in it).
enum ClientChanges {
    static func between(_ old: ClientProfile?, _ new: ClientProfile) -> [FieldChange] {
        var changes: [FieldChange] = []
        func note(_ field: String, _ before: String?, _ after: String?) {
            if before != after { changes.append(FieldChange(field: field, before: before, after: after)) }
        }
        note("name", old?.name, new.name)
        note("ein", old?.ein, new.ein)
        note("naics_code", old?.naicsCode, new.naicsCode)
        note("address", old?.address, new.address)
        note("sites", old.map { RowCodec.json($0.sites) }, RowCodec.json(new.sites))
        note("mou_effective_date", old?.mouEffectiveDate.iso, new.mouEffectiveDate.iso)
        note("employer_business_days", old.map { RowCodec.json($0.employerBusinessDays.map(\.rawValue)) },
             RowCodec.json(new.employerBusinessDays.map(\.rawValue)))
        note("employer_closed_dates", old.map { RowCodec.json($0.employerClosedDates.map(\.iso)) },
             RowCodec.json(new.employerClosedDates.map(\.iso)))
        note("federal_contractor", old.map { String($0.federalContractor) }, String(new.federalContractor))
        note("require_secondary_review", old.map { String($0.requireSecondaryReview) }, String(new.requireSecondaryReview))
        note("notice_languages", old.map { RowCodec.json($0.noticeLanguages) }, RowCodec.json(new.noticeLanguages))
        return changes
    }
}

/// Field-level before/after of a user account; the password only ever shows as `***`.
enum UserChanges {
    static func between(_ old: User?, _ new: User) -> [FieldChange] {
        var changes: [FieldChange] = []
        func note(_ field: String, _ before: String?, _ after: String?) {
            if before != after { changes.append(FieldChange(field: field, before: before, after: after)) }
        }
        note("username", old?.username, new.username)
        note("full_name", old?.fullName, new.fullName)
        note("email", old?.email, new.email)
        note("role", old?.role.rawValue, new.role.rawValue)
        note("client_company_id", old?.clientID?.rawValue, new.clientID?.rawValue)
        note("active", old.map { String($0.active) }, String(new.active))
        note("must_change_password", old.map { String($0.mustChangePassword) }, String(new.mustChangePassword))
        return changes
    }
}
