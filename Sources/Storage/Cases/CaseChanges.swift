import AgentCore

/// Field-level before/after of a case for its history. The audit trail is stored in
/// plain text and read by more people than the case is, so personal numbers appear only
/// as their last four and names, date of birth and email only as "changed" (`***`).
enum CaseChanges {
    static let hiddenFields: Set<String> = ["first_name", "middle_initial", "last_name", "other_last_names_used", "date_of_birth",
                                            "employee_email_address"]

    static func fields(before: CaseInput?, after: CaseInput) -> [FieldChange] {
        // A submit or a close leaves the input as it was: one comparison of the whole.
        if let before, before == after { return [] }
        var changes: [FieldChange] = []
        for (index, field) in CaseInput.fields.enumerated() {
            // Most updates (a submit, a close) change no field: equal values render equal,
            // so they are not rendered (a date's text is built per call).
            if let before, before[fieldAt: index] == after[fieldAt: index] { continue }
            let name = field.name
            let was = before.flatMap { render($0[fieldAt: index]) }
            let now = render(after[fieldAt: index])
            guard was != now else { continue }
            let showing = showings[index]
            changes.append(FieldChange(field: name, before: was.map { shown(name, $0, showing) }, after: now.map { shown(name, $0, showing) }))
        }
        return changes
    }

    /// How a field's values appear in the history.
    private enum Showing { case plain, hidden, masked }

    /// Each field's showing, by position in `CaseInput.fields`: every create diffs all of them.
    private static let showings: [Showing] = CaseInput.fields.map { field in
        if hiddenFields.contains(field.name) { return .hidden }
        return PIIMask.maskedFields.contains(field.name) ? .masked : .plain
    }

    private static func shown(_ field: String, _ value: String, _ showing: Showing) -> String {
        switch showing {
        case .hidden: "***"
        case .masked: PIIMask.mask(value, field: field)
        case .plain: value
        }
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
        note("review_status", before.review?.decision.rawValue, after.review?.decision.rawValue)
        // RET-1..3: the retention inputs and the hold (its reason is the admin's words).
        note("termination_date", before.terminatedOn?.iso, after.terminatedOn?.iso)
        note("retention_until", before.retentionUntil?.iso, after.retentionUntil?.iso)
        note("legal_hold", String(before.legalHold != nil), String(after.legalHold != nil))
        note("legal_hold_reason", before.legalHold?.reason, after.legalHold?.reason)
        note("revoked_on", before.revocation?.revokedOn.iso, after.revocation?.revokedOn.iso)
        note("supplement_b_completed_on", before.supplementB?.completedOn.iso, after.supplementB?.completedOn.iso)
        note("reverify_by", before.supplementB?.nextReverifyBy?.iso, after.supplementB?.nextReverifyBy?.iso)
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
