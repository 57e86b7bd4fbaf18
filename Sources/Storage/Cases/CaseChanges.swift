import AgentCore

/// Field-level before/after of a case for its history. Personal numbers appear masked
/// (last four), never whole: the audit trail is read by more people than the case is.
enum CaseChanges {
    static func fields(before: CaseInput?, after: CaseInput) -> [FieldChange] {
        let old = before?.masked
        let new = after.masked
        var changes: [FieldChange] = []
        for name in CaseInput.fieldNames {
            let was = old.flatMap { render($0[field: name]) }
            let now = render(new[field: name])
            if was != now { changes.append(FieldChange(field: name, before: was, after: now)) }
        }
        return changes
    }

    static func progress(before: CaseProgress, after: CaseProgress) -> [FieldChange] {
        var changes: [FieldChange] = []
        func note(_ field: String, _ was: String?, _ now: String?) {
            if was != now { changes.append(FieldChange(field: field, before: was, after: now)) }
        }
        note("case_status", before.status.rawValue, after.status.rawValue)
        note("case_eligibility_statement", before.eligibility?.rawValue, after.eligibility?.rawValue)
        note("mismatch", before.mismatch?.rawValue, after.mismatch?.rawValue)
        note("ssa_referral_status", before.ssaReferral.rawValue, after.ssaReferral.rawValue)
        note("dhs_referral_status", before.dhsReferral.rawValue, after.dhsReferral.rawValue)
        note("referral_contact_by_date", before.contactBy?.iso, after.contactBy?.iso)
        note("photo_match", before.photoAnswer?.rawValue, after.photoAnswer?.rawValue)
        note("case_closure_reason_code", before.closure?.reason.rawValue, after.closure?.reason.rawValue)
        if after.downloads.count > before.downloads.count, let last = after.downloads.last {
            changes.append(FieldChange(field: last.notice, before: nil, after: "downloaded (\(last.language))"))
        }
        return changes
    }

    private static func render(_ value: CaseFieldValue?) -> String? {
        switch value {
        case .text(let text)?: return text
        case .date(let date)?: return date.iso
        case .flag(let flag)?: return String(flag)
        case .textList(let list)?: return list.joined(separator: ", ")
        case nil: return nil
        }
    }
}
