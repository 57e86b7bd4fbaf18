import AgentCore

/// The order of each notice's parts. Each shows the case number and date, the
/// agencies and why, the employee data as entered, what the employee may do and by
/// when, the employee's rights, and lines to sign.
extension NoticeTemplate {
    /// TNC-2: the Further Action Notice, for the mismatch kind of the case.
    func furtherActionNotice() -> [NoticeBlock] {
        var blocks: [NoticeBlock] = [
            .title(text("fan.title")),
            .subtitle(text("fan.subtitle.\(mismatchKey)")),
            headerRows(date: ("common.issued_on", content.issuedOn)),
            .paragraph(text("fan.greeting")),
            .paragraph(text("fan.intro")),
            .paragraph(text("fan.not_final")),
            .heading(text("fan.why.heading")),
        ]
        blocks += agencyReasons
        blocks += [
            .heading(text("fan.choice.heading")),
            .paragraph(text("fan.choice.intro")),
            .bullets([text("fan.choice.act.\(mismatchKey)"), text("fan.choice.no_action")]),
        ]
        if content.decisionDueDate != nil { blocks.append(.callout(text("fan.deadline"))) }
        blocks.append(.note(text("fan.deadline_note")))
        blocks += employeeData
        blocks += rights
        blocks.append(.keepTogether([
            .heading(text("decision.heading")),
            .paragraph(text("decision.intro")),
            .choices([text("decision.act"), text("decision.no_action")]),
            signatureLines,
        ]))
        return blocks
    }

    /// TNC-3/TNC-4: the Referral Date Confirmation with the contact-by date and how
    /// to reach each agency (SSA: visit a field office with this letter; DHS: call).
    func referralDateConfirmation() -> [NoticeBlock] {
        var blocks: [NoticeBlock] = [
            .title(text("rdc.title")),
            .subtitle(text("rdc.subtitle.\(mismatchKey)")),
            .rows([NoticeRow(label: text("common.case_number"), value: content.caseNumber),
                   NoticeRow(label: text("rdc.referred_on"), value: values["referred_on"] ?? ""),
                   NoticeRow(label: text("rdc.contact_by"), value: values["contact_by"] ?? ""),
                   NoticeRow(label: text("common.employer"), value: content.employerName)]),
            .paragraph(text("fan.greeting")),
            .paragraph(text("rdc.intro")),
            .callout(text("rdc.deadline.\(mismatchKey)")),
            .note(text("rdc.deadline_note")),
        ]
        if content.agencies.contains(.ssa) {
            blocks += [.heading(text("rdc.ssa.heading")),
                       .bullets([text("rdc.ssa.step1"), text("rdc.ssa.step2"), text("rdc.ssa.step3")])]
        }
        if content.agencies.contains(.dhs) {
            blocks += [.heading(text("rdc.dhs.heading")),
                       .bullets([text("rdc.dhs.step1"), text("rdc.dhs.step2"), text("rdc.dhs.step3")])]
            if content.mismatch == .dhsPhoto { blocks.append(.paragraph(text("rdc.photo_note"))) }
        }
        blocks += [.heading(text("fan.why.heading"))] + agencyReasons
        blocks += [.heading(text("rdc.after.heading")), .paragraph(text("rdc.after.text"))]
        blocks += employeeData
        blocks += rights
        blocks.append(.keepTogether([.heading(text("rdc.ack.heading")), .paragraph(text("rdc.ack.text")), signatureLines]))
        return blocks
    }

    /// CASE-3: the case summary for the employer's file, led by the case
    /// verification number to record on Form I-9.
    func caseSummary() -> [NoticeBlock] {
        var blocks: [NoticeBlock] = [
            .title(text("summary.title")),
            .subtitle(text("summary.subtitle")),
            .callout(text("common.case_number") + ": " + content.caseNumber),
            .note(text("summary.record_note")),
            .heading(text("summary.case.heading")),
            .rows(caseRows),
            .heading(text("summary.agencies.heading")),
        ]
        if content.agencies.isEmpty {
            blocks.append(.paragraph(text("summary.agencies.none")))
        } else {
            // The employer's file speaks of the employee in the third person, so the
            // reasons are the summary's own, not the FAN's.
            for agency in content.agencies {
                let status = content.record.map { text("referral.\($0.referral(agency).rawValue)") } ?? ""
                let reason = agency == .dhs && content.mismatch == .dhsPhoto ? "summary.why.photo" : "summary.why.\(agency.rawValue)"
                blocks += [.subheading(t.text("summary.agency_line", ["agency": text("agency.\(agency.rawValue)"), "status": status])),
                           .paragraph(text(reason))]
            }
        }
        blocks += [.heading(text("summary.next.heading")), .paragraph(text(nextStepKey))]
        blocks.append(.keepTogether([.heading(text("summary.employee.heading")), .note(text("summary.employee.masked")), employeeRows]))
        blocks += rights
        blocks.append(.keepTogether([.heading(text("summary.sign.heading")), .paragraph(text("summary.sign.text")), signatureLines]))
        return blocks
    }

    /// The employee data section of the FAN and RDC (the employee's own copy).
    private var employeeData: [NoticeBlock] {
        [.keepTogether([.heading(text("fields.heading")), .paragraph(text("fields.intro")), employeeRows]), .note(text("fields.masked"))]
    }

    private var caseRows: [NoticeRow] {
        var rows = [NoticeRow(label: text("common.case_number"), value: content.caseNumber),
                    NoticeRow(label: text("common.issued_on"), value: t.date(content.issuedOn)),
                    NoticeRow(label: text("common.employer"), value: content.employerName)]
        guard let record = content.record else { return rows }
        func add(_ key: String, _ value: String?) {
            if let value { rows.append(NoticeRow(label: text(key), value: value)) }
        }
        add("summary.status", text("status.\(record.status.rawValue)"))
        add("summary.result", record.eligibility.map { text("eligibility.\($0.rawValue)") } ?? text("summary.result_none"))
        add("summary.created", t.plainDate(record.createdOn))
        add("summary.submitted", record.submittedOn.map(t.plainDate))
        add("summary.mismatch", content.mismatch.map { text("mismatch.\($0.rawValue)") })
        add("summary.mismatch_on", record.mismatchOn.map(t.plainDate))
        add("summary.decision_due", content.decisionDueDate.map(t.date))
        add("summary.referred_on", content.referredOn.map(t.date))
        add("summary.contact_by", content.contactBy.map(t.date))
        add("summary.closed_on", record.closure.map { t.plainDate($0.closedOn) })
        add("summary.closure", record.closure.map { closure in
            let reason = text("closure.\(closure.reason.rawValue)")
            guard let detail = closure.otherReasonDescription?.trimmingSpaces, !detail.isEmpty else { return reason }
            return reason + ": " + detail
        })
        return rows
    }

    /// What the employee may do now, by the case's status.
    private var nextStepKey: String {
        switch content.record?.status {
        case .pendingReferral: content.decisionDueDate == nil ? "summary.next.decide_undated" : "summary.next.decide"
        case .referred: content.contactBy == nil ? "summary.next.waiting" : "summary.next.referred"
        case .closed, .finalNonconfirmation, .closeCaseAndResubmit: "summary.next.closed"
        case .caseInContinuance, .manualReview, .queued: "summary.next.waiting"
        // Photo matching and uploads are the employer's steps; nothing is asked of the employee yet.
        case .draft, .unconfirmedData, .photoMatch, .scanAndUpload, nil: "summary.next.none"
        }
    }
}
