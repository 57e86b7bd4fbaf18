/// The case body of API.md `POST cases` / `PATCH cases/{n}` after JSON typing and
/// before any rule: every field optional, dates already parsed (a malformed date is
/// the API layer's `INVALID_FORMAT`), everything else as sent. `CaseRules.validate`
/// turns it into `CaseData`.
public struct CaseInput: Sendable, Equatable {
    /// The stored values. Most fields are short strings, but forty of them make a value of
    /// some 750 bytes that every copy of a case (a request, its answer, the case as
    /// written) moved field by field; behind one reference a copy is a retain, and a
    /// change copies the values only when they are shared.
    struct Values: Equatable {
        var clientCompanyID: String?
        var employerCaseID: String?
        var firstName: String?
        var middleInitial: String?
        var lastName: String?
        var otherLastNamesUsed: [String]?
        var dateOfBirth: CivilDate?
        var ssn: String?
        var employeeEmailAddress: String?
        var citizenshipStatusCode: String?
        var alienNumber: String?
        var i94Number: String?
        var foreignPassportNumber: String?
        var countryCode: String?
        var usPassportNumber: String?
        var i551Number: String?
        var i766Number: String?
        var documentATypeCode: String?
        var documentBTypeCode: String?
        var documentCTypeCode: String?
        var documentSubTypeCode: String?
        var documentBCNumber: String?
        var usStateCode: String?
        var expirationDate: CivilDate?
        var noExpirationDate: Bool?
        var dateOfHire: CivilDate?
        var offerAcceptedDate: CivilDate?
        var i9Section1Date: CivilDate?
        var i9Section2Date: CivilDate?
        var workState: String?
        var reasonForDelayCode: String?
        var reasonForDelayDescription: String?
        var duplicateContinueReasonCode: String?
        var duplicateContinueReasonDescription: String?
        var religiousObjectionPhotoException: Bool?
        var employeeNoticeLanguage: String?
        var existingEmployee: Bool?
        var federalContractID: String?
        /// FED-6: the employee's previous Form I-9 is reused (no new documents, no photo matching).
        var reusePreviousI9: Bool?
    }

    private final class Box: @unchecked Sendable {
        // Changed only through `unique()`, by the one value that holds the box alone.
        var values: Values
        init(_ values: Values) { self.values = values }
    }

    private var box: Box

    public init() { box = Box(Values()) }

    /// The box, copied first if another value shares it.
    private mutating func unique() -> Box {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.values) }
        return box
    }

    public static func == (a: CaseInput, b: CaseInput) -> Bool {
        a.box === b.box || a.box.values == b.box.values
    }

    public var clientCompanyID: String? {
        get { box.values.clientCompanyID }
        set { unique().values.clientCompanyID = newValue }
    }

    public var employerCaseID: String? {
        get { box.values.employerCaseID }
        set { unique().values.employerCaseID = newValue }
    }

    public var firstName: String? {
        get { box.values.firstName }
        set { unique().values.firstName = newValue }
    }

    public var middleInitial: String? {
        get { box.values.middleInitial }
        set { unique().values.middleInitial = newValue }
    }

    public var lastName: String? {
        get { box.values.lastName }
        set { unique().values.lastName = newValue }
    }

    public var otherLastNamesUsed: [String]? {
        get { box.values.otherLastNamesUsed }
        set { unique().values.otherLastNamesUsed = newValue }
    }

    public var dateOfBirth: CivilDate? {
        get { box.values.dateOfBirth }
        set { unique().values.dateOfBirth = newValue }
    }

    public var ssn: String? {
        get { box.values.ssn }
        set { unique().values.ssn = newValue }
    }

    public var employeeEmailAddress: String? {
        get { box.values.employeeEmailAddress }
        set { unique().values.employeeEmailAddress = newValue }
    }

    public var citizenshipStatusCode: String? {
        get { box.values.citizenshipStatusCode }
        set { unique().values.citizenshipStatusCode = newValue }
    }

    public var alienNumber: String? {
        get { box.values.alienNumber }
        set { unique().values.alienNumber = newValue }
    }

    public var i94Number: String? {
        get { box.values.i94Number }
        set { unique().values.i94Number = newValue }
    }

    public var foreignPassportNumber: String? {
        get { box.values.foreignPassportNumber }
        set { unique().values.foreignPassportNumber = newValue }
    }

    public var countryCode: String? {
        get { box.values.countryCode }
        set { unique().values.countryCode = newValue }
    }

    public var usPassportNumber: String? {
        get { box.values.usPassportNumber }
        set { unique().values.usPassportNumber = newValue }
    }

    public var i551Number: String? {
        get { box.values.i551Number }
        set { unique().values.i551Number = newValue }
    }

    public var i766Number: String? {
        get { box.values.i766Number }
        set { unique().values.i766Number = newValue }
    }

    public var documentATypeCode: String? {
        get { box.values.documentATypeCode }
        set { unique().values.documentATypeCode = newValue }
    }

    public var documentBTypeCode: String? {
        get { box.values.documentBTypeCode }
        set { unique().values.documentBTypeCode = newValue }
    }

    public var documentCTypeCode: String? {
        get { box.values.documentCTypeCode }
        set { unique().values.documentCTypeCode = newValue }
    }

    public var documentSubTypeCode: String? {
        get { box.values.documentSubTypeCode }
        set { unique().values.documentSubTypeCode = newValue }
    }

    public var documentBCNumber: String? {
        get { box.values.documentBCNumber }
        set { unique().values.documentBCNumber = newValue }
    }

    public var usStateCode: String? {
        get { box.values.usStateCode }
        set { unique().values.usStateCode = newValue }
    }

    public var expirationDate: CivilDate? {
        get { box.values.expirationDate }
        set { unique().values.expirationDate = newValue }
    }

    public var noExpirationDate: Bool? {
        get { box.values.noExpirationDate }
        set { unique().values.noExpirationDate = newValue }
    }

    public var dateOfHire: CivilDate? {
        get { box.values.dateOfHire }
        set { unique().values.dateOfHire = newValue }
    }

    public var offerAcceptedDate: CivilDate? {
        get { box.values.offerAcceptedDate }
        set { unique().values.offerAcceptedDate = newValue }
    }

    public var i9Section1Date: CivilDate? {
        get { box.values.i9Section1Date }
        set { unique().values.i9Section1Date = newValue }
    }

    public var i9Section2Date: CivilDate? {
        get { box.values.i9Section2Date }
        set { unique().values.i9Section2Date = newValue }
    }

    public var workState: String? {
        get { box.values.workState }
        set { unique().values.workState = newValue }
    }

    public var reasonForDelayCode: String? {
        get { box.values.reasonForDelayCode }
        set { unique().values.reasonForDelayCode = newValue }
    }

    public var reasonForDelayDescription: String? {
        get { box.values.reasonForDelayDescription }
        set { unique().values.reasonForDelayDescription = newValue }
    }

    public var duplicateContinueReasonCode: String? {
        get { box.values.duplicateContinueReasonCode }
        set { unique().values.duplicateContinueReasonCode = newValue }
    }

    public var duplicateContinueReasonDescription: String? {
        get { box.values.duplicateContinueReasonDescription }
        set { unique().values.duplicateContinueReasonDescription = newValue }
    }

    public var religiousObjectionPhotoException: Bool? {
        get { box.values.religiousObjectionPhotoException }
        set { unique().values.religiousObjectionPhotoException = newValue }
    }

    public var employeeNoticeLanguage: String? {
        get { box.values.employeeNoticeLanguage }
        set { unique().values.employeeNoticeLanguage = newValue }
    }

    public var existingEmployee: Bool? {
        get { box.values.existingEmployee }
        set { unique().values.existingEmployee = newValue }
    }

    public var federalContractID: String? {
        get { box.values.federalContractID }
        set { unique().values.federalContractID = newValue }
    }

    /// FED-6: the employee's previous Form I-9 is reused (no new documents, no photo matching).
    public var reusePreviousI9: Bool? {
        get { box.values.reusePreviousI9 }
        set { unique().values.reusePreviousI9 = newValue }
    }
}

/// The JSON shape of one case field, so the API layer can type a body field by
/// field without knowing the struct.
public enum CaseFieldKind: Sendable, Equatable {
    case text, date, flag, textList
}

/// One typed case field value.
public enum CaseFieldValue: Sendable, Equatable {
    case text(String)
    case date(CivilDate)
    case flag(Bool)
    case textList([String])

    /// The kind of this value.
    public var kind: CaseFieldKind {
        switch self {
        case .text: .text
        case .date: .date
        case .flag: .flag
        case .textList: .textList
        }
    }
}

extension CaseInput {
    /// Every API field name of the case body with its JSON kind, in API.md order.
    public static let fields: [(name: String, kind: CaseFieldKind)] = [
        ("client_company_id", .text), ("employer_case_id", .text), ("first_name", .text),
        ("middle_initial", .text), ("last_name", .text), ("other_last_names_used", .textList),
        ("date_of_birth", .date), ("ssn", .text), ("employee_email_address", .text),
        ("citizenship_status_code", .text), ("alien_number", .text), ("i94_number", .text),
        ("foreign_passport_number", .text), ("country_code", .text), ("us_passport_number", .text),
        ("i551_number", .text), ("i766_number", .text), ("document_a_type_code", .text),
        ("document_b_type_code", .text), ("document_c_type_code", .text), ("document_sub_type_code", .text),
        ("document_bc_number", .text), ("us_state_code", .text), ("expiration_date", .date),
        ("no_expiration_date", .flag), ("date_of_hire", .date), ("offer_accepted_date", .date),
        ("i9_section1_date", .date), ("i9_section2_date", .date), ("work_state", .text),
        ("reason_for_delay_code", .text), ("reason_for_delay_description", .text),
        ("duplicate_continue_reason_code", .text), ("duplicate_continue_reason_description", .text),
        ("religious_objection_photo_exception", .flag), ("employee_notice_language", .text),
        ("existing_employee", .flag), ("federal_contract_id", .text), ("reuse_previous_i9", .flag),
    ]

    /// Every API field name of the case body; a body key outside it is `UNKNOWN_FIELD`.
    public static let fieldNames: [String] = fields.map(\.name)

    /// The JSON kind of the field called `name`; nil for an unknown field.
    public static func kind(of name: String) -> CaseFieldKind? {
        fieldIndex(of: name).map { fields[$0].kind }
    }

    /// The API names of the fields that carry a value, in `fieldNames` order.
    public var presentFieldNames: [String] {
        Self.fields.indices.filter { self[fieldAt: $0] != nil }.map { Self.fields[$0].name }
    }

    /// A copy with every field `patch` gives replacing this one's (PATCH of a draft).
    /// A field cannot be cleared this way; use `set(_:to:)` with nil.
    public func overlaid(by patch: CaseInput) -> CaseInput {
        var merged = self
        for index in Self.fields.indices {
            if let value = patch[fieldAt: index] { merged.set(fieldAt: index, to: value) }
        }
        return merged
    }

    /// A copy with the PII numbers masked (`PIIMask`), for showing a draft as entered.
    public var masked: CaseInput {
        var copy = self
        for (name, index) in Self.maskedSlots {
            if case .text(let value)? = self[fieldAt: index] {
                _ = copy.set(fieldAt: index, to: .text(PIIMask.mask(value, field: name)))
            }
        }
        return copy
    }

    /// `PIIMask.maskedFields` with their positions in `fields`: every case response masks.
    private static let maskedSlots: [(name: String, index: Int)] = PIIMask.maskedFields.compactMap { name in
        fieldIndex(of: name).map { (name, $0) }
    }
}
