import AgentCore

/// Turns a notice's content into text blocks in one language. The wording lives in
/// `Translations/*.json`; this decides only which keys appear, in what order.
struct NoticeTemplate {
    let content: NoticeContent
    let t: Translation
    /// Filled into `{dhs_phone}` and `{ier_phone}`.
    let contacts: NoticeContacts

    /// English alone, or English followed by `translation` (TNC-2: the employee always
    /// has the English text).
    static func document(_ content: NoticeContent, translation: Translation?, contacts: NoticeContacts) -> NoticeDocument {
        let english = TranslationCatalog.embedded.english
        var sections = [NoticeTemplate(content: content, t: english, contacts: contacts).section(isTranslation: false)]
        if let translation, translation.code != english.code {
            sections.append(NoticeTemplate(content: content, t: translation, contacts: contacts).section(isTranslation: true))
        }
        return NoticeDocument(title: english.text(content.kind.titleKey), caseNumber: content.caseNumber,
                              issuedOn: content.issuedOn.iso, sections: sections)
    }

    func section(isTranslation: Bool) -> NoticeSection {
        var blocks: [NoticeBlock] = []
        if isTranslation { blocks.append(.note(t.text("common.translation_intro"))) }
        switch content.kind {
        case .furtherActionNotice: blocks += furtherActionNotice()
        case .referralDateConfirmation: blocks += referralDateConfirmation()
        case .caseSummary: blocks += caseSummary()
        }
        let footer = t.text("common.footer", ["title": t.text(content.kind.titleKey), "case_number": content.caseNumber,
                                              "page": "{page}", "pages": "{pages}"])
        return NoticeSection(languageCode: t.code, fontFamilies: t.fontFamilies, footer: footer, blocks: blocks)
    }

    // MARK: Shared parts

    /// Key suffix of the mismatch kind (`SSA_TNC`…); the FAN and RDC always have one.
    var mismatchKey: String { (content.mismatch ?? .dhs).rawValue }

    var values: [String: String] {
        var values = ["employee": content.employeeName, "employer": content.employerName, "case_number": content.caseNumber,
                      "ier_phone": contacts.ierTelephone ?? t.text("common.not_configured"),
                      "dhs_phone": contacts.dhsTelephone ?? t.text("common.not_configured")]
        if let date = content.decisionDueDate { values["decision_due"] = t.date(date) }
        if let date = content.referredOn { values["referred_on"] = t.date(date) }
        if let date = content.contactBy { values["contact_by"] = t.date(date) }
        return values
    }

    func text(_ key: String) -> String { t.text(key, values) }

    /// Case number, date and employer: the header table of every notice.
    func headerRows(date: (key: String, value: CivilDate)) -> NoticeBlock {
        .rows([NoticeRow(label: text("common.case_number"), value: content.caseNumber),
               NoticeRow(label: text(date.key), value: t.date(date.value)),
               NoticeRow(label: text("common.employer"), value: content.employerName)])
    }

    /// The employee data as entered (masked numbers), one row per field.
    var employeeRows: NoticeBlock {
        .rows(content.employeeFields.map { field in
            let value: String = switch field.value {
            case .text(let text): text
            case .date(let date): t.plainDate(date)
            case .citizenship(let code): CitizenshipStatus(code: code).map { text("citizenship.\($0.rawValue)") } ?? code
            case .noExpiration: text("field.no_expiration")
            }
            return NoticeRow(label: text("field.\(field.label.rawValue)"), value: value)
        })
    }

    /// Why each agency is involved (TNC-1); a photo mismatch has its own reason.
    var agencyReasons: [NoticeBlock] {
        var blocks: [NoticeBlock] = []
        if content.mismatch == .dual { blocks.append(.paragraph(text("fan.why.dual"))) }
        for agency in content.agencies {
            let reason = agency == .dhs && content.mismatch == .dhsPhoto ? "why.photo" : "why.\(agency.rawValue)"
            blocks.append(.subheading(text("agency.\(agency.rawValue)")))
            blocks.append(.paragraph(text(reason)))
        }
        return blocks
    }

    /// TNC-5 and the discrimination complaint: printed on every notice.
    var rights: [NoticeBlock] {
        [.heading(text("rights.heading")),
         .bullets([text("rights.no_adverse"), text("rights.private"), text("rights.discrimination")])]
    }

    var signatureLines: NoticeBlock {
        .signatures([text("sign.employee"), text("sign.employer")], dateLabel: text("sign.date"))
    }
}

extension NoticeKind {
    /// The translation key of the notice's title.
    var titleKey: String {
        switch self {
        case .furtherActionNotice: "fan.title"
        case .referralDateConfirmation: "rdc.title"
        case .caseSummary: "summary.title"
        }
    }
}
