/// The case body of API.md `POST cases` / `PATCH cases/{n}` after JSON typing and
/// before any rule: every field optional, dates already parsed (a malformed date is
/// the API layer's `INVALID_FORMAT`), everything else as sent. `CaseRules.validate`
/// turns it into `CaseData`.
public struct CaseInput: Sendable, Equatable {
    public var clientCompanyID: String?
    public var employerCaseID: String?
    public var firstName: String?
    public var middleInitial: String?
    public var lastName: String?
    public var otherLastNamesUsed: [String]?
    public var dateOfBirth: CivilDate?
    public var ssn: String?
    public var employeeEmailAddress: String?
    public var citizenshipStatusCode: String?
    public var alienNumber: String?
    public var i94Number: String?
    public var foreignPassportNumber: String?
    public var countryCode: String?
    public var usPassportNumber: String?
    public var i551Number: String?
    public var i766Number: String?
    public var documentATypeCode: String?
    public var documentBTypeCode: String?
    public var documentCTypeCode: String?
    public var documentSubTypeCode: String?
    public var documentBCNumber: String?
    public var usStateCode: String?
    public var expirationDate: CivilDate?
    public var noExpirationDate: Bool?
    public var dateOfHire: CivilDate?
    public var offerAcceptedDate: CivilDate?
    public var i9Section1Date: CivilDate?
    public var i9Section2Date: CivilDate?
    public var workState: String?
    public var reasonForDelayCode: String?
    public var reasonForDelayDescription: String?
    public var duplicateContinueReasonCode: String?
    public var duplicateContinueReasonDescription: String?
    public var religiousObjectionPhotoException: Bool?
    public var employeeNoticeLanguage: String?
    public var existingEmployee: Bool?
    public var federalContractID: String?
    /// FED-6: the employee's previous Form I-9 is reused (no new documents, no photo matching).
    public var reusePreviousI9: Bool?

    public init() {}
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
