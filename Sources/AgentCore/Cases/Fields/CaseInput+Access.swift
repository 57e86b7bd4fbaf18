/// Reading and writing a `CaseInput` field by its API name, so the JSON layer, PATCH
/// merging and masking need no list of properties of their own.
extension CaseInput {
    /// The value of the field called `name`; nil when it is absent or unknown.
    public subscript(field name: String) -> CaseFieldValue? {
        if let path = Self.textPath(name) { return self[keyPath: path].map(CaseFieldValue.text) }
        if let path = Self.datePath(name) { return self[keyPath: path].map(CaseFieldValue.date) }
        if let path = Self.flagPath(name) { return self[keyPath: path].map(CaseFieldValue.flag) }
        if name == "other_last_names_used" { return otherLastNamesUsed.map(CaseFieldValue.textList) }
        return nil
    }

    /// Sets (or with nil clears) the field called `name`. Returns false, changing
    /// nothing, for an unknown name or a value of the wrong kind.
    @discardableResult
    public mutating func set(_ name: String, to value: CaseFieldValue?) -> Bool {
        if let path = Self.textPath(name) {
            guard let value else { self[keyPath: path] = nil; return true }
            guard case .text(let text) = value else { return false }
            self[keyPath: path] = text
        } else if let path = Self.datePath(name) {
            guard let value else { self[keyPath: path] = nil; return true }
            guard case .date(let date) = value else { return false }
            self[keyPath: path] = date
        } else if let path = Self.flagPath(name) {
            guard let value else { self[keyPath: path] = nil; return true }
            guard case .flag(let flag) = value else { return false }
            self[keyPath: path] = flag
        } else if name == "other_last_names_used" {
            guard let value else { otherLastNamesUsed = nil; return true }
            guard case .textList(let names) = value else { return false }
            otherLastNamesUsed = names
        } else {
            return false
        }
        return true
    }

    // Key paths are looked up per call rather than kept in static tables: a key
    // path is not `Sendable`, so a static table of them would not be
    // concurrency-safe.
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
        default: nil
        }
    }
}
