import AgentCore

/// The flat case object of API.md: the case fields as entered (personal numbers masked)
/// plus the status object.
enum CaseRepresentation {
    static func display(_ p: CaseProgress) -> String {
        switch p.status {
        case .draft: return "Draft"
        case .queued: return "Queued: the government side is unavailable; the case is sent as soon as it is back"
        case .unconfirmedData: return "Unconfirmed data: confirm or correct the data from Form I-9"
        case .photoMatch: return "Photo matching: compare the photo with the employee's document copy"
        case .scanAndUpload: return "Scan and upload: send copies of the document to DHS"
        case .manualReview: return "Verification in process: DHS needs more time"
        case .pendingReferral:
            switch p.mismatch {
            case .ssa?: return "SSA Tentative Nonconfirmation (mismatch)"
            case .dhs?: return "DHS Tentative Nonconfirmation (mismatch)"
            case .dual?: return "SSA and DHS Tentative Nonconfirmation (mismatch)"
            case .dhsPhoto?: return "DHS Tentative Nonconfirmation (photo mismatch)"
            case nil: return "Tentative Nonconfirmation (mismatch)"
            }
        case .referred: return "Referred: the employee is contacting the agency"
        case .caseInContinuance: return "Case in continuance: the agency needs more time"
        case .closeCaseAndResubmit: return "Close case and resubmit"
        case .finalNonconfirmation: return p.eligibility == .noActionFNC ? "Final Nonconfirmation (not contested)" : "Final Nonconfirmation"
        case .closed: return p.eligibility == .employmentAuthorized ? "Employment Authorized" : "Closed"
        }
    }

    /// The status object's members, written into `w`.
    static func writeStatus(_ c: StoredCase, deadlines: [Deadline], reviewRequired: Bool, into w: inout JSONObjectWriter) {
        let p = c.progress
        w.string("case_number", c.caseNumber)
        w.string("case_status", p.status.rawValue)
        w.string("case_status_display", display(p))
        w.string("case_eligibility_statement", p.eligibility?.rawValue)
        w.string("ssa_referral_status", p.ssaReferral.rawValue)
        w.string("dhs_referral_status", p.dhsReferral.rawValue)
        w.string("mismatch_type", p.mismatch?.rawValue)
        w.string("hire_due_date", deadlines.first { $0.name == "hire_due_date" }?.date.iso)
        w.string("tnc_decision_due_date", deadlines.first { $0.name == "tnc_decision_due_date" }?.date.iso)
        w.string("referral_contact_by_date", p.contactBy?.iso)
        w.raw("deadlines", "[" + deadlines.map { d in
            var dw = JSONObjectWriter()
            dw.string("name", d.name)
            dw.string("date", d.date.iso)
            dw.string("rule", d.rule)
            return dw.text
        }.joined(separator: ",") + "]")
        w.strings("next_actions", CaseWorkflow.nextActions(p, reviewRequired: reviewRequired).map(\.rawValue))
        w.string("review_status", p.review.map { $0.decision == .approve ? "APPROVED" : "REJECTED" } ?? (reviewRequired ? "PENDING" : "NOT_REQUIRED"))
        w.strings("unconfirmed_fields", p.unconfirmedFields)
        w.bool("further_action_notice_downloaded", p.furtherActionNoticeDownloaded)
        w.string("case_closure_reason_code", p.closure?.reason.rawValue)
        w.string("continuance_flagged_on", p.continuanceFlaggedOn?.iso)
        w.string("government_answer_for_review", p.governmentAnswerForReview?.answer)
        w.string("created_on", p.createdOn.iso)
        w.string("submitted_on", p.submittedOn?.iso)
        writeRetention(c, into: &w)
    }

    static func status(_ c: StoredCase, deadlines: [Deadline], reviewRequired: Bool) -> String {
        var w = JSONObjectWriter()
        writeStatus(c, deadlines: deadlines, reviewRequired: reviewRequired, into: &w)
        return w.text
    }

    /// The whole flat object: masked case fields, client, creator, then the status members.
    static func full(_ c: StoredCase, deadlines: [Deadline], reviewRequired: Bool) -> String {
        var w = JSONObjectWriter()
        let masked = c.input.masked
        for (index, (name, _)) in CaseInput.fields.enumerated() where name != "client_company_id" {
            switch masked[fieldAt: index] {
            case .text(let text)?: w.string(name, text)
            case .date(let date)?: w.string(name, date.iso)
            case .flag(let flag)?: w.bool(name, flag)
            case .textList(let list)?: w.strings(name, list)
            case nil: w.raw(name, "null")
            }
        }
        w.string("client_company_id", c.clientID.rawValue)
        w.string("created_by", c.createdBy.rawValue)
        w.string("created_at", c.createdAt)
        w.string("updated_at", c.updatedAt)
        writeStatus(c, deadlines: deadlines, reviewRequired: reviewRequired, into: &w)
        return w.text
    }
}
