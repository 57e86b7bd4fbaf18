/// A case body that passed `CaseRules.validate`: required fields present, codes
/// turned into their types, numbers normalized (SSN `###-##-####`, A-number `A` + 9
/// digits, document numbers upper case), empty strings dropped.
public struct CaseData: Sendable, Equatable {
    public var clientCompanyID: String?
    public var employerCaseID: String?
    public var firstName: String
    public var middleInitial: String?
    public var lastName: String
    public var otherLastNamesUsed: [String]
    public var dateOfBirth: CivilDate
    public var ssn: String
    public var employeeEmailAddress: String?
    public var citizenshipStatus: CitizenshipStatus
    public var alienNumber: String?
    public var i94Number: String?
    public var foreignPassportNumber: String?
    public var countryCode: String?
    public var usPassportNumber: String?
    public var i551Number: String?
    public var i766Number: String?
    public var documents: CaseDocuments
    public var documentSubTypeCode: String?
    public var documentBCNumber: String?
    public var usStateCode: String?
    public var expirationDate: CivilDate?
    public var noExpirationDate: Bool
    /// The first day of work for pay (HIRE-2 counts from it).
    public var dateOfHire: CivilDate
    public var offerAcceptedDate: CivilDate
    public var i9Section1Date: CivilDate
    public var i9Section2Date: CivilDate
    public var workState: String?
    public var reasonForDelay: ReasonForDelay?
    public var reasonForDelayDescription: String?
    public var duplicateContinueReason: DuplicateContinueReason?
    public var duplicateContinueReasonDescription: String?
    public var religiousObjectionPhotoException: Bool
    public var employeeNoticeLanguage: String?
    /// HIRE-6: an existing employee of a federal contractor, not a new hire.
    public var existingEmployee: Bool
    public var federalContractID: String?
    /// FED-6: a previous Form I-9 reused; photo matching is skipped.
    public var reusePreviousI9: Bool

    /// Rebuilds stored case data without judging it again (a stored draft may be
    /// late today although it was valid when written). Nil when a required field is
    /// missing or a code is unknown: `input` did not come from a `CaseData`.
    public init?(restoring input: CaseInput) {
        guard let firstName = input.firstName, let lastName = input.lastName,
              let dateOfBirth = input.dateOfBirth, let ssn = input.ssn,
              let statusCode = input.citizenshipStatusCode, let status = CitizenshipStatus(code: statusCode),
              let documents = Self.documents(a: input.documentATypeCode, b: input.documentBTypeCode, c: input.documentCTypeCode),
              let dateOfHire = input.dateOfHire, let offerAccepted = input.offerAcceptedDate,
              let section1 = input.i9Section1Date, let section2 = input.i9Section2Date
        else { return nil }
        let delay = input.reasonForDelayCode.flatMap(ReasonForDelay.init(rawValue:))
        let duplicate = input.duplicateContinueReasonCode.flatMap(DuplicateContinueReason.init(rawValue:))
        guard (delay == nil) == (input.reasonForDelayCode == nil),
              (duplicate == nil) == (input.duplicateContinueReasonCode == nil)
        else { return nil }
        self.clientCompanyID = input.clientCompanyID
        self.employerCaseID = input.employerCaseID
        self.firstName = firstName
        self.middleInitial = input.middleInitial
        self.lastName = lastName
        self.otherLastNamesUsed = input.otherLastNamesUsed ?? []
        self.dateOfBirth = dateOfBirth
        self.ssn = ssn
        self.employeeEmailAddress = input.employeeEmailAddress
        self.citizenshipStatus = status
        self.alienNumber = input.alienNumber
        self.i94Number = input.i94Number
        self.foreignPassportNumber = input.foreignPassportNumber
        self.countryCode = input.countryCode
        self.usPassportNumber = input.usPassportNumber
        self.i551Number = input.i551Number
        self.i766Number = input.i766Number
        self.documents = documents
        self.documentSubTypeCode = input.documentSubTypeCode
        self.documentBCNumber = input.documentBCNumber
        self.usStateCode = input.usStateCode
        self.expirationDate = input.expirationDate
        self.noExpirationDate = input.noExpirationDate ?? false
        self.dateOfHire = dateOfHire
        self.offerAcceptedDate = offerAccepted
        self.i9Section1Date = section1
        self.i9Section2Date = section2
        self.workState = input.workState
        self.reasonForDelay = delay
        self.reasonForDelayDescription = input.reasonForDelayDescription
        self.duplicateContinueReason = duplicate
        self.duplicateContinueReasonDescription = input.duplicateContinueReasonDescription
        self.religiousObjectionPhotoException = input.religiousObjectionPhotoException ?? false
        self.employeeNoticeLanguage = input.employeeNoticeLanguage
        self.existingEmployee = input.existingEmployee ?? false
        self.federalContractID = input.federalContractID
        self.reusePreviousI9 = input.reusePreviousI9 ?? false
    }

    /// The data as a case body again, with the normalized values: for storing,
    /// for PATCH (`stored.input.overlaid(by: patch)`, then validate) and, masked,
    /// for `confirm_details_fields`. False flags are left out, as a body omits them.
    public var input: CaseInput {
        var body = CaseInput()
        body.clientCompanyID = clientCompanyID
        body.employerCaseID = employerCaseID
        body.firstName = firstName
        body.middleInitial = middleInitial
        body.lastName = lastName
        body.otherLastNamesUsed = otherLastNamesUsed.isEmpty ? nil : otherLastNamesUsed
        body.dateOfBirth = dateOfBirth
        body.ssn = ssn
        body.employeeEmailAddress = employeeEmailAddress
        body.citizenshipStatusCode = citizenshipStatus.rawValue
        body.alienNumber = alienNumber
        body.i94Number = i94Number
        body.foreignPassportNumber = foreignPassportNumber
        body.countryCode = countryCode
        body.usPassportNumber = usPassportNumber
        body.i551Number = i551Number
        body.i766Number = i766Number
        body.documentATypeCode = documents.listA?.code
        body.documentBTypeCode = documents.listB?.code
        body.documentCTypeCode = documents.listC?.code
        body.documentSubTypeCode = documentSubTypeCode
        body.documentBCNumber = documentBCNumber
        body.usStateCode = usStateCode
        body.expirationDate = expirationDate
        body.noExpirationDate = noExpirationDate ? true : nil
        body.dateOfHire = dateOfHire
        body.offerAcceptedDate = offerAcceptedDate
        body.i9Section1Date = i9Section1Date
        body.i9Section2Date = i9Section2Date
        body.workState = workState
        body.reasonForDelayCode = reasonForDelay?.rawValue
        body.reasonForDelayDescription = reasonForDelayDescription
        body.duplicateContinueReasonCode = duplicateContinueReason?.rawValue
        body.duplicateContinueReasonDescription = duplicateContinueReasonDescription
        body.religiousObjectionPhotoException = religiousObjectionPhotoException ? true : nil
        body.employeeNoticeLanguage = employeeNoticeLanguage
        body.existingEmployee = existingEmployee ? true : nil
        body.federalContractID = federalContractID
        body.reusePreviousI9 = reusePreviousI9 ? true : nil
        return body
    }

    /// `input` with the PII numbers masked (`PIIMask`), for responses.
    public var maskedInput: CaseInput { input.masked }

    /// DOC-2: whether the case goes through photo matching.
    public var needsPhotoMatching: Bool { documents.needsPhotoMatching }

    /// The document pair or single document for `a`, `b`, `c` codes, when they form
    /// a valid choice (exactly A, or B and C, each on its list).
    static func documents(a: String?, b: String?, c: String?) -> CaseDocuments? {
        switch (a.flatMap(DocumentType.init(code:)), b.flatMap(DocumentType.init(code:)), c.flatMap(DocumentType.init(code:))) {
        case (let docA?, nil, nil) where b == nil && c == nil && docA.isOn(.a):
            .listA(docA)
        case (nil, let docB?, let docC?) where a == nil && docB.isOn(.b) && docC.isOn(.c):
            .listBAndC(listB: docB, listC: docC)
        default:
            nil
        }
    }
}
