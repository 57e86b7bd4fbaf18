/// Reading and writing a `CaseInput` field by its API name, so the JSON layer, PATCH
/// merging and masking need no list of properties of their own.
extension CaseInput {
    /// The value of the field called `name`; nil when it is absent or unknown.
    public subscript(field name: String) -> CaseFieldValue? {
        Self.fieldIndex[name].flatMap { self[fieldAt: $0] }
    }

    /// The value of `fields[index]`: codecs and diffs walk the table by position, so they
    /// pay no name lookup per field.
    public subscript(fieldAt index: Int) -> CaseFieldValue? {
        switch Self.paths[index] {
        case .text(let path): self[keyPath: path].map(CaseFieldValue.text)
        case .date(let path): self[keyPath: path].map(CaseFieldValue.date)
        case .flag(let path): self[keyPath: path].map(CaseFieldValue.flag)
        case .textList: otherLastNamesUsed.map(CaseFieldValue.textList)
        }
    }

    /// Sets (or with nil clears) the field called `name`. Returns false, changing
    /// nothing, for an unknown name or a value of the wrong kind.
    @discardableResult
    public mutating func set(_ name: String, to value: CaseFieldValue?) -> Bool {
        guard let index = Self.fieldIndex[name] else { return false }
        return set(fieldAt: index, to: value)
    }

    /// Sets (or with nil clears) `fields[index]`; false, changing nothing, for a value of the wrong kind.
    @discardableResult
    public mutating func set(fieldAt index: Int, to value: CaseFieldValue?) -> Bool {
        switch (Self.paths[index], value) {
        case (.text(let path), nil): self[keyPath: path] = nil
        case (.text(let path), .text(let text)?): self[keyPath: path] = text
        case (.date(let path), nil): self[keyPath: path] = nil
        case (.date(let path), .date(let date)?): self[keyPath: path] = date
        case (.flag(let path), nil): self[keyPath: path] = nil
        case (.flag(let path), .flag(let flag)?): self[keyPath: path] = flag
        case (.textList, nil): otherLastNamesUsed = nil
        case (.textList, .textList(let names)?): otherLastNamesUsed = names
        default: return false
        }
        return true
    }

    /// Where each field of `fields` lives in the struct.
    private enum FieldPath {
        case text(WritableKeyPath<CaseInput, String?>)
        case date(WritableKeyPath<CaseInput, CivilDate?>)
        case flag(WritableKeyPath<CaseInput, Bool?>)
        case textList
    }

    /// Built once from the name switches below. Key paths are not marked `Sendable`, but
    /// these are immutable values only ever read, so sharing them across threads is safe.
    nonisolated(unsafe) private static let paths: [FieldPath] = fields.map { field in
        if let path = textPath(field.name) { return .text(path) }
        if let path = datePath(field.name) { return .date(path) }
        if let path = flagPath(field.name) { return .flag(path) }
        return .textList
    }

    /// The position of each field name in `fields`.
    static let fieldIndex: [String: Int] = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1.name, $0) })

    /// The position of the field called `name` in `fields`; nil for an unknown name.
    public static func fieldIndex(of name: String) -> Int? { fieldIndex[name] }

    private static func textPath(_ name: String) -> WritableKeyPath<CaseInput, String?>? {
        switch name {
        case "client_company_id": \.clientCompanyID
        case "employer_case_id": \.employerCaseID
        case "first_name": \.firstName
        case "middle_initial": \.middleInitial
        case "last_name": \.lastName
        case "ssn": \.ssn
        case "employee_email_address": \.employeeEmailAddress
        case "citizenship_status_code": \.citizenshipStatusCode
        case "alien_number": \.alienNumber
        case "i94_number": \.i94Number
        case "foreign_passport_number": \.foreignPassportNumber
        case "country_code": \.countryCode
        case "us_passport_number": \.usPassportNumber
        case "i551_number": \.i551Number
        case "i766_number": \.i766Number
        case "document_a_type_code": \.documentATypeCode
        case "document_b_type_code": \.documentBTypeCode
        case "document_c_type_code": \.documentCTypeCode
        case "document_sub_type_code": \.documentSubTypeCode
        case "document_bc_number": \.documentBCNumber
        case "us_state_code": \.usStateCode
        case "work_state": \.workState
        case "reason_for_delay_code": \.reasonForDelayCode
        case "reason_for_delay_description": \.reasonForDelayDescription
        case "duplicate_continue_reason_code": \.duplicateContinueReasonCode
        case "duplicate_continue_reason_description": \.duplicateContinueReasonDescription
        case "employee_notice_language": \.employeeNoticeLanguage
        case "federal_contract_id": \.federalContractID
        default: nil
        }
    }

    private static func datePath(_ name: String) -> WritableKeyPath<CaseInput, CivilDate?>? {
        switch name {
        case "date_of_birth": \.dateOfBirth
        case "expiration_date": \.expirationDate
        case "date_of_hire": \.dateOfHire
        case "offer_accepted_date": \.offerAcceptedDate
        case "i9_section1_date": \.i9Section1Date
        case "i9_section2_date": \.i9Section2Date
        default: nil
        }
    }

    private static func flagPath(_ name: String) -> WritableKeyPath<CaseInput, Bool?>? {
        switch name {
        case "no_expiration_date": \.noExpirationDate
        case "religious_objection_photo_exception": \.religiousObjectionPhotoException
        case "existing_employee": \.existingEmployee
        case "reuse_previous_i9": \.reusePreviousI9
        default: nil
        }
    }
}
