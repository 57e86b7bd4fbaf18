/// The Form I-9 documents: the A-or-B+C choice, the sub-type, the expiry, DOC-1,
/// and which statuses may present which document.
extension CaseCheck {
    private static let choiceHelp = "Give either one List A document (document_a_type_code) or one List B and one List C document (document_b_type_code and document_c_type_code)"

    mutating func checkDocuments() {
        let a = documentCode("document_a_type_code", list: .a)
        let b = documentCode("document_b_type_code", list: .b)
        let c = documentCode("document_c_type_code", list: .c)
        let given = (a: text("document_a_type_code") != nil, b: text("document_b_type_code") != nil,
                     c: text("document_c_type_code") != nil)
        switch given {
        case (false, false, false):
            refuse("document_a_type_code", FieldIssue.required, Self.choiceHelp + ", as recorded in Form I-9 Section 2.")
        case (true, true, _), (true, _, true):
            refuse("document_a_type_code", FieldIssue.invalidValue, Self.choiceHelp + ", never both: a List A document stands alone.")
        case (false, true, false):
            refuse("document_c_type_code", FieldIssue.required,
                   "A List B document (identity) needs a List C document (work authorization) in document_c_type_code.")
        case (false, false, true):
            refuse("document_b_type_code", FieldIssue.required,
                   "A List C document (work authorization) needs a List B document (identity) in document_b_type_code.")
        case (true, false, false):
            if let a { documents = .listA(a) }
        case (false, true, true):
            if let b, let c { documents = .listBAndC(listB: b, listC: c) }
        }
        guard let documents else { return }
        normalized.documentATypeCode = documents.listA?.code
        normalized.documentBTypeCode = documents.listB?.code
        normalized.documentCTypeCode = documents.listC?.code
        checkSubType(documents.primary)
        checkExpiry(documents.primary)
        checkPhoto(documents)
        checkPresentable(documents)
    }

    /// The document type named by field `name`, when it is known and on `list`.
    private mutating func documentCode(_ name: String, list: DocumentList) -> DocumentType? {
        guard let code = text(name) else { return nil }
        guard let document = DocumentType(code: code) else {
            refuse(name, FieldIssue.invalidValue, "\(name) \(code) is not a document type the API knows; see GET reference/document_types.")
            return nil
        }
        guard document.isOn(list) else {
            let others = document.lists.sorted().map { "List \($0.rawValue)" }.joined(separator: " and ")
            refuse(name, FieldIssue.invalidValue,
                   "\(code) is on \(others), not on List \(list.rawValue); put it in the field of its list.")
            return nil
        }
        return document
    }

    /// `document_sub_type_code` describes the List A or B document: required for
    /// `US_PASSPORT` and `GOVERNMENT_ID_CARD`, only `DRIVERS_LICENSE` for a driver's
    /// license, absent for the rest (`checkFieldTable` refuses it there).
    private mutating func checkSubType(_ document: DocumentType) {
        guard !document.subTypes.isEmpty else { return }
        let choices = document.subTypes.joined(separator: " or ")
        guard let subType = text("document_sub_type_code") else {
            if document.subTypeRequired {
                refuse("document_sub_type_code", FieldIssue.required, "document_sub_type_code is required for \(document.code): give \(choices).")
            }
            return
        }
        if document.subTypes.contains(subType) {
            normalized.documentSubTypeCode = subType
        } else {
            refuse("document_sub_type_code", FieldIssue.invalidValue, "document_sub_type_code for \(document.code) must be \(choices).")
        }
    }

    /// An expiry is given as a date or as `no_expiration_date: true`, never both;
    /// required for List A documents and List B cards, optional for the List B
    /// records of minors (which rarely print one).
    private mutating func checkExpiry(_ document: DocumentType) {
        let date = input.expirationDate
        let none = input.noExpirationDate == true
        if date != nil && none {
            return refuse("no_expiration_date", FieldIssue.invalidValue,
                          "Give expiration_date or no_expiration_date: true, not both: the document either expires or it does not.")
        }
        if document.expiry == .required && date == nil && !none {
            return refuse("expiration_date", FieldIssue.required,
                          "expiration_date is required for \(document.code): give the date printed on it, or no_expiration_date: true if it has none.")
        }
        normalized.expirationDate = date
        normalized.noExpirationDate = none ? true : nil
    }

    /// Rule DOC-1: a List B document must bear a photo; one without is accepted
    /// only with the religious-objection exception recorded.
    private mutating func checkPhoto(_ documents: CaseDocuments) {
        guard let listB = documents.listB, !listB.bearsPhoto else { return }
        if input.religiousObjectionPhotoException == true {
            normalized.religiousObjectionPhotoException = true
        } else {
            refuse("document_b_type_code", "DOC-1",
                   "A List B document must bear a photo, and \(listB.code) has none. The employee may present any other List B document that bears a photo; if they object to being photographed on religious grounds, record religious_objection_photo_exception: true.")
        }
    }

    /// Form I-9: some documents can only be held by some statuses (a U.S. passport
    /// by citizens and nationals, a Permanent Resident Card by permanent residents…).
    private mutating func checkPresentable(_ documents: CaseDocuments) {
        guard let status else { return }
        let fields = documents.listA != nil ? ["document_a_type_code"] : ["document_b_type_code", "document_c_type_code"]
        for (field, document) in zip(fields, documents.all) where !document.presentableBy.contains(status) {
            let holders = CitizenshipStatus.allCases.filter(document.presentableBy.contains).map(\.rawValue).joined(separator: " or ")
            refuse(field, FieldIssue.invalidValue,
                   "\(field) \(document.code) does not fit citizenship_status_code \(status.rawValue): it is held only by \(holders). Check both against Form I-9.")
        }
    }
}
