/// REV-1 and REV-2 as pure rules.
public enum ReverificationRules {
    /// The work queue shows a reverification this many days before it is due (REV-1).
    public static let noticeDays = 90
    /// 8 CFR 274a.13(e) as amended in 2025: EAD renewals filed on or after this day carry
    /// no automatic extension (TPS extensions announced in the Federal Register aside).
    public static let automaticExtensionCutoff = CivilDate(storedISO: "2025-10-30") ?? .referenceDate
    /// The automatic extension of an EAD renewed in time before the cutoff.
    public static let automaticExtensionDays = 540

    /// Documents that show temporary work authorization: their expiry is a
    /// reverification date. Only authorized noncitizens present them (the List A EAD and
    /// passports with Form I-94, the List C DHS authorization); a U.S. passport or a
    /// permanent resident card is never reverified.
    public static func isTemporaryAuthorization(_ code: String?) -> Bool {
        guard let code, let type = DocumentType(code: code) else { return false }
        return (type.isOn(.a) || type.isOn(.c)) && type.presentableBy == [.noncitizenAuthorizedToWork]
    }

    /// REV-1 from the case as entered: the expiry of the List A document showing
    /// temporary authorization (the case's `expiration_date` is the List A document's
    /// when one was presented).
    public static func reverifyBy(_ input: CaseInput) -> CivilDate? {
        guard isTemporaryAuthorization(input.documentATypeCode), let expiry = input.expirationDate else { return nil }
        return expiry
    }

    /// When the case must be reverified now: the last Supplement B's next date, or at
    /// once for a revoked document (REV-2), or the expiring document (REV-1).
    public static func due(_ c: StoredCase) -> CivilDate? {
        if let revoked = c.progress.revocation { return revoked.reportedOn }
        if let done = c.progress.supplementB { return done.nextReverifyBy }
        return reverifyBy(c.input)
    }

    /// The 2025 rule: an EAD renewal filed before its expiry and before the cutoff
    /// extends it automatically; one filed on or after 2025-10-30 does not.
    public static func automaticExtension(eadExpiresOn expiry: CivilDate, renewalFiledOn filed: CivilDate?) -> CivilDate? {
        guard let filed, filed < automaticExtensionCutoff, filed <= expiry else { return nil }
        return expiry.adding(days: automaticExtensionDays)
    }

    /// Checks a Supplement B (REV-1/REV-2) and completes it with its dates; the issues
    /// when it cannot be recorded.
    public static func supplementB(completedOn: CivilDate, list: ReverificationList?, listText: String?, typeCode: String,
                                   expiration: CivilDate?, renewalFiledOn: CivilDate?) -> Result<SupplementB, ValidationFailure> {
        var issues = IssueCollector()
        if list == nil {
            // REV-2: a List B document (identity only) never reverifies work authorization.
            issues.add("document_list", listText == "B" ? "REV-2" : FieldIssue.invalidValue,
                       listText == "B" ? "Reverification takes a List A or a List C document, never List B." : "document_list is A or C.")
        }
        let type = DocumentType(code: typeCode)
        if let list, let type, !type.isOn(list == .a ? .a : .c) {
            issues.add("document_type_code", FieldIssue.invalidValue, "\(typeCode) is not a List \(list.rawValue) document.")
        } else if type == nil {
            issues.add("document_type_code", FieldIssue.invalidValue, "Unknown document type; see reference/document_types.")
        }
        if let type, type.expiry == .required, expiration == nil {
            issues.add("expiration_date", FieldIssue.required, "\(typeCode) states its expiration date.")
        }
        let isEAD = typeCode == "FORM_I766"
        if renewalFiledOn != nil && !isEAD {
            issues.add("ead_renewal_filed_on", FieldIssue.invalidValue, "ead_renewal_filed_on applies to an EAD (FORM_I766) only.")
        }
        var extensionEnd: CivilDate?
        if let expiration, expiration < completedOn {
            extensionEnd = isEAD ? automaticExtension(eadExpiresOn: expiration, renewalFiledOn: renewalFiledOn) : nil
            if extensionEnd == nil || (extensionEnd ?? completedOn) < completedOn {
                let why = isEAD && renewalFiledOn.map { $0 >= automaticExtensionCutoff } == true
                    ? "The EAD expired and its renewal was filed on or after 2025-10-30: no automatic extension (REV-1)."
                    : "The document expired before the reverification."
                issues.add("expiration_date", "REV-1", why)
            }
        }
        do { try issues.check() } catch { return .failure(error) }
        let next = extensionEnd ?? (isTemporaryAuthorization(typeCode) ? expiration : nil)
        return .success(SupplementB(completedOn: completedOn, documentList: list ?? .a, documentTypeCode: typeCode,
                                    expirationDate: expiration, eadRenewalFiledOn: renewalFiledOn,
                                    automaticExtensionUntil: extensionEnd, nextReverifyBy: next))
    }

    /// REV-2 matching of a Status Change Report line: the A-number, or the revoked
    /// document's number, is the case's. Nil when it matches, else the reason.
    public static func mismatch(_ input: CaseInput, aNumber: String?, documentNumber: String?) -> String? {
        func plain(_ text: String?) -> String? {
            text.map { $0.uppercased().filter { $0.isLetter || $0.isNumber } }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let numbers = [input.i766Number, input.i551Number, input.documentBCNumber, input.usPassportNumber,
                       input.foreignPassportNumber, input.i94Number].compactMap(plain)
        if let a = plain(aNumber), let mine = plain(input.alienNumber), a == mine { return nil }
        if let d = plain(documentNumber), numbers.contains(d) { return nil }
        return "Neither the A-number nor the revoked document number is the case's."
    }
}
