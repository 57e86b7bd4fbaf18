/// The work-queue items of a client's IMAGE practices, from its settings and records.
public enum ImageWorkItems {
    /// Days a no-match letter may stay open (IMG-6): the protocol answers a letter within
    /// 90 days, so the item is due then; resolving the letter settles it.
    public static let letterDays = 90
    /// IMG-7: a tip is answered within 10 federal work days.
    public static let tipWorkDays = 10
    /// Associates may defer the first audit and annual report by up to two years.
    public static let associateDeferralMonths = 24

    /// Rule IMG-6: an open (unresolved) no-match letter.
    public static func letter(_ record: ImageRecord) -> WorkItem? {
        guard case .noMatchLetter(let letter) = record.body, letter.resolvedOn == nil else { return nil }
        return WorkItem(kind: .noMatchLetter, rule: "IMG-6", clientID: record.clientID, subject: WorkSubject(.noMatchLetter, record.id),
                        dueDate: letter.receivedOn.adding(days: letterDays),
                        title: "Follow the no-match protocol for letter \(record.id) (employee \(letter.employeeID))",
                        action: "PATCH /api/v1/no_match_letters/\(record.id)")
    }

    /// Rule IMG-7: a tip not yet answered.
    public static func tip(_ tip: Tip, federal: FederalCalendar) -> WorkItem? {
        guard tip.reply == nil else { return nil }
        return WorkItem(kind: .tipUnanswered, rule: "IMG-7", clientID: tip.clientID, subject: WorkSubject(.tip, tip.id),
                        dueDate: federal.addingFederalWorkDays(tipWorkDays, to: tip.receivedOn),
                        title: "Answer tip \(tip.id)", action: "POST /api/v1/tips/\(tip.id)/reply")
    }

    /// Rules IMG-4 and IMG-10 for a member: the next I-9 audit (the interval after the last
    /// one, or after joining) and the first year whose annual report is not filed (due the
    /// 31st of January after it, shown from the 1st).
    public static func membership(_ settings: ImageSettings, clientID: ClientID, lastAuditOn: CivilDate?,
                                  filedReportYears: Set<Int>) -> [WorkItem] {
        guard settings.member, let since = settings.memberSince else { return [] }
        var items: [WorkItem] = []
        let auditDue: CivilDate
        if let last = lastAuditOn {
            auditDue = ImageDates.adding(months: settings.auditIntervalMonths, to: last)
        } else {
            auditDue = ImageDates.adding(months: settings.associate ? associateDeferralMonths : settings.auditIntervalMonths, to: since)
        }
        items.append(WorkItem(kind: .i9AuditDue, rule: "IMG-4", clientID: clientID, subject: WorkSubject(.audit, clientID.rawValue),
                              dueDate: auditDue, visibleFrom: auditDue.adding(days: -30),
                              title: "I-9 audit due by \(auditDue.iso)", action: "POST /api/v1/clients/\(clientID.rawValue)/audits"))
        var year = since.year + (settings.associate ? 2 : 0)
        while filedReportYears.contains(year) { year += 1 }
        if let due = CivilDate(year: year + 1, month: 1, day: 31), let from = CivilDate(year: year + 1, month: 1, day: 1) {
            items.append(WorkItem(kind: .annualReportDue, rule: "IMG-10", clientID: clientID,
                                  subject: WorkSubject(.audit, "\(clientID.rawValue)/annual_report/\(year)"), dueDate: due, visibleFrom: from,
                                  title: "IMAGE annual report for \(year)",
                                  action: "POST /api/v1/clients/\(clientID.rawValue)/reports/image_annual/\(year)"))
        }
        return items
    }
}

/// Calendar months, as the audit interval counts them: the same day of the month, or the
/// month's last day when it has fewer days.
public enum ImageDates {
    public static func adding(months: Int, to date: CivilDate) -> CivilDate {
        let total = date.year * 12 + (date.month - 1) + months
        let year = total / 12, month = total % 12 + 1
        var day = date.day
        while day > 28, CivilDate(year: year, month: month, day: day) == nil { day -= 1 }
        return CivilDate(year: year, month: month, day: day) ?? date
    }
}
