import AgentCore

/// Builds the content of each notice from domain values (the case as entered, its
/// progress and its deadlines). Pure: no clock, no storage.
public enum NoticeBuilder {
    /// TNC-2: the Further Action Notice for a mismatch of `mismatch`'s kind. The
    /// employee's copy: their name, and numbers masked to the last four.
    public static func furtherActionNotice(caseNumber: String, input: CaseInput, mismatch: MismatchKind, issuedOn: CivilDate,
                                           decisionDueDate: CivilDate, employerName: String) -> NoticeContent {
        NoticeContent(kind: .furtherActionNotice, caseNumber: caseNumber, issuedOn: issuedOn, employerName: employerName,
                      employeeName: employeeName(input), employeeFields: employeeFields(input), mismatch: mismatch,
                      agencies: NoticeAgency.involved(in: mismatch), decisionDueDate: decisionDueDate,
                      referredOn: nil, contactBy: nil, record: nil)
    }

    /// TNC-3/TNC-4: the Referral Date Confirmation, dated the day of the referral,
    /// with the last day to contact the agency.
    public static func referralDateConfirmation(caseNumber: String, input: CaseInput, mismatch: MismatchKind, referredOn: CivilDate,
                                                contactBy: CivilDate, employerName: String) -> NoticeContent {
        NoticeContent(kind: .referralDateConfirmation, caseNumber: caseNumber, issuedOn: referredOn, employerName: employerName,
                      employeeName: employeeName(input), employeeFields: employeeFields(input), mismatch: mismatch,
                      agencies: NoticeAgency.involved(in: mismatch), decisionDueDate: nil,
                      referredOn: referredOn, contactBy: contactBy, record: nil)
    }

    /// CASE-3: the printable case summary for the employer's file (SSN as
    /// `***-**-1234`). `decisionDueDate` (TNC-10) is printed when the caller knows it.
    public static func caseSummary(caseNumber: String, input: CaseInput, progress: CaseProgress, employerName: String,
                                   issuedOn: CivilDate, decisionDueDate: CivilDate? = nil) -> NoticeContent {
        var agencies = progress.mismatch.map(NoticeAgency.involved(in:)) ?? []
        // A referral outlives the mismatch field in some flows; list every agency a case touched.
        if progress.ssaReferral != .notReferred, !agencies.contains(.ssa) { agencies.insert(.ssa, at: 0) }
        if progress.dhsReferral != .notReferred, !agencies.contains(.dhs) { agencies.append(.dhs) }
        let awaitingDecision = progress.status == .pendingReferral
        return NoticeContent(kind: .caseSummary, caseNumber: caseNumber, issuedOn: issuedOn, employerName: employerName,
                             employeeName: employeeName(input), employeeFields: employeeFields(input), mismatch: progress.mismatch,
                             agencies: agencies, decisionDueDate: awaitingDecision ? decisionDueDate : nil,
                             referredOn: progress.referredOn, contactBy: progress.contactBy, record: NoticeCaseRecord(progress))
    }

    /// "First M. Last" from the parts entered; empty parts are left out.
    static func employeeName(_ input: CaseInput) -> String {
        let initial = input.middleInitial.map { $0.hasSuffix(".") || $0.isEmpty ? $0 : $0 + "." }
        return [input.firstName, initial, input.lastName]
            .compactMap { $0?.trimmingSpaces }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    /// The fields entered, in Form I-9 order, with every number masked by `PIIMask`
    /// (through `CaseInput.masked`), so no copy of a notice carries a full number.
    static func employeeFields(_ input: CaseInput) -> [NoticeField] {
        let masked = input.masked
        var fields: [NoticeField] = []
        func add(_ label: NoticeField.Label, _ text: String?) {
            guard let text = text?.trimmingSpaces, !text.isEmpty else { return }
            fields.append(NoticeField(label, .text(text)))
        }
        add(.name, employeeName(input))
        if let others = input.otherLastNamesUsed, !others.isEmpty { add(.otherLastNames, others.joined(separator: ", ")) }
        if let birth = input.dateOfBirth { fields.append(NoticeField(.dateOfBirth, .date(birth))) }
        add(.ssn, masked.ssn)
        add(.email, input.employeeEmailAddress)
        if let code = input.citizenshipStatusCode { fields.append(NoticeField(.citizenship, .citizenship(code))) }
        add(.alienNumber, masked.alienNumber)
        add(.i94Number, masked.i94Number)
        add(.foreignPassport, masked.foreignPassportNumber)
        add(.country, input.countryCode)
        add(.usPassport, masked.usPassportNumber)
        add(.i551Number, masked.i551Number)
        add(.i766Number, masked.i766Number)
        add(.documentNumber, masked.documentBCNumber)
        if let expiration = input.expirationDate {
            fields.append(NoticeField(.expiration, .date(expiration)))
        } else if input.noExpirationDate == true {
            fields.append(NoticeField(.expiration, .noExpiration))
        }
        if let hire = input.dateOfHire { fields.append(NoticeField(.dateOfHire, .date(hire))) }
        return fields
    }
}

extension String {
    /// The text without leading and trailing spaces and line breaks (no Foundation needed).
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
