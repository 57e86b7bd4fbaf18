/// Reading and writing a `CaseInput` field by its API name, so the JSON layer, PATCH
/// merging and masking need no list of properties of their own.
extension CaseInput {
    /// The value of the field called `name`; nil when it is absent or unknown.
    public subscript(field name: String) -> CaseFieldValue? {
        Self.nameIndex.index(of: name).flatMap { self[fieldAt: $0] }
    }

    /// The value of `fields[index]`: codecs and diffs walk the table by position, so they
    /// pay no name lookup per field.
    public subscript(fieldAt index: Int) -> CaseFieldValue? {
        switch Self.paths[index] {
        case .text(let slot): slot.get(self).map(CaseFieldValue.text)
        case .date(let slot): slot.get(self).map(CaseFieldValue.date)
        case .flag(let slot): slot.get(self).map(CaseFieldValue.flag)
        case .textList: otherLastNamesUsed.map(CaseFieldValue.textList)
        }
    }

    /// Sets (or with nil clears) the field called `name`. Returns false, changing
    /// nothing, for an unknown name or a value of the wrong kind.
    @discardableResult
    public mutating func set(_ name: String, to value: CaseFieldValue?) -> Bool {
        guard let index = Self.nameIndex.index(of: name) else { return false }
        return set(fieldAt: index, to: value)
    }

    /// Sets (or with nil clears) `fields[index]`; false, changing nothing, for a value of the wrong kind.
    @discardableResult
    public mutating func set(fieldAt index: Int, to value: CaseFieldValue?) -> Bool {
        switch (Self.paths[index], value) {
        case (.text(let slot), nil): slot.set(&self, nil)
        case (.text(let slot), .text(let text)?): slot.set(&self, text)
        case (.date(let slot), nil): slot.set(&self, nil)
        case (.date(let slot), .date(let date)?): slot.set(&self, date)
        case (.flag(let slot), nil): slot.set(&self, nil)
        case (.flag(let slot), .flag(let flag)?): slot.set(&self, flag)
        case (.textList, nil): otherLastNamesUsed = nil
        case (.textList, .textList(let names)?): otherLastNamesUsed = names
        default: return false
        }
        return true
    }

    /// How to read and write one stored property. Plain closures rather than key paths:
    /// every request walks the table many times (validation, codec, diff), and a key path
    /// read goes through the runtime's generic projection each time.
    /// One struct per value type, not one generic one: a generic struct holds its closures
    /// at the most general abstraction, and every read then copied the optional value
    /// through the runtime's generic witnesses (some 80 reads per case check).
    private struct TextSlot: Sendable {
        let get: @Sendable (CaseInput) -> String?
        let set: @Sendable (inout CaseInput, String?) -> Void
        init(_ get: @escaping @Sendable (CaseInput) -> String?, _ set: @escaping @Sendable (inout CaseInput, String?) -> Void) {
            self.get = get
            self.set = set
        }
    }

    private struct DateSlot: Sendable {
        let get: @Sendable (CaseInput) -> CivilDate?
        let set: @Sendable (inout CaseInput, CivilDate?) -> Void
        init(_ get: @escaping @Sendable (CaseInput) -> CivilDate?, _ set: @escaping @Sendable (inout CaseInput, CivilDate?) -> Void) {
            self.get = get
            self.set = set
        }
    }

    private struct FlagSlot: Sendable {
        let get: @Sendable (CaseInput) -> Bool?
        let set: @Sendable (inout CaseInput, Bool?) -> Void
        init(_ get: @escaping @Sendable (CaseInput) -> Bool?, _ set: @escaping @Sendable (inout CaseInput, Bool?) -> Void) {
            self.get = get
            self.set = set
        }
    }

    /// Where each field of `fields` lives in the struct.
    private enum FieldPath: Sendable {
        case text(TextSlot)
        case date(DateSlot)
        case flag(FlagSlot)
        case textList
    }

    /// Built once from the name switches below.
    private static let paths: [FieldPath] = fields.map { field in
        if let path = textPath(field.name) { return .text(path) }
        if let path = datePath(field.name) { return .date(path) }
        if let path = flagPath(field.name) { return .flag(path) }
        return .textList
    }

    /// The position of each field name in `fields`.
    private static let nameIndex = FieldNameIndex(fieldNames)

    /// The position of the field called `name` in `fields`; nil for an unknown name.
    public static func fieldIndex(of name: String) -> Int? { nameIndex.index(of: name) }

    private static func textPath(_ name: String) -> TextSlot? {
        switch name {
        case "client_company_id": TextSlot({ $0.clientCompanyID }, { $0.clientCompanyID = $1 })
        case "employer_case_id": TextSlot({ $0.employerCaseID }, { $0.employerCaseID = $1 })
        case "first_name": TextSlot({ $0.firstName }, { $0.firstName = $1 })
        case "middle_initial": TextSlot({ $0.middleInitial }, { $0.middleInitial = $1 })
        case "last_name": TextSlot({ $0.lastName }, { $0.lastName = $1 })
        case "ssn": TextSlot({ $0.ssn }, { $0.ssn = $1 })
        case "employee_email_address": TextSlot({ $0.employeeEmailAddress }, { $0.employeeEmailAddress = $1 })
        case "citizenship_status_code": TextSlot({ $0.citizenshipStatusCode }, { $0.citizenshipStatusCode = $1 })
        case "alien_number": TextSlot({ $0.alienNumber }, { $0.alienNumber = $1 })
        case "i94_number": TextSlot({ $0.i94Number }, { $0.i94Number = $1 })
        case "foreign_passport_number": TextSlot({ $0.foreignPassportNumber }, { $0.foreignPassportNumber = $1 })
        case "country_code": TextSlot({ $0.countryCode }, { $0.countryCode = $1 })
        case "us_passport_number": TextSlot({ $0.usPassportNumber }, { $0.usPassportNumber = $1 })
        case "i551_number": TextSlot({ $0.i551Number }, { $0.i551Number = $1 })
        case "i766_number": TextSlot({ $0.i766Number }, { $0.i766Number = $1 })
        case "document_a_type_code": TextSlot({ $0.documentATypeCode }, { $0.documentATypeCode = $1 })
        case "document_b_type_code": TextSlot({ $0.documentBTypeCode }, { $0.documentBTypeCode = $1 })
        case "document_c_type_code": TextSlot({ $0.documentCTypeCode }, { $0.documentCTypeCode = $1 })
        case "document_sub_type_code": TextSlot({ $0.documentSubTypeCode }, { $0.documentSubTypeCode = $1 })
        case "document_bc_number": TextSlot({ $0.documentBCNumber }, { $0.documentBCNumber = $1 })
        case "us_state_code": TextSlot({ $0.usStateCode }, { $0.usStateCode = $1 })
        case "work_state": TextSlot({ $0.workState }, { $0.workState = $1 })
        case "reason_for_delay_code": TextSlot({ $0.reasonForDelayCode }, { $0.reasonForDelayCode = $1 })
        case "reason_for_delay_description": TextSlot({ $0.reasonForDelayDescription }, { $0.reasonForDelayDescription = $1 })
        case "duplicate_continue_reason_code": TextSlot({ $0.duplicateContinueReasonCode }, { $0.duplicateContinueReasonCode = $1 })
        case "duplicate_continue_reason_description": TextSlot({ $0.duplicateContinueReasonDescription }, { $0.duplicateContinueReasonDescription = $1 })
        case "employee_notice_language": TextSlot({ $0.employeeNoticeLanguage }, { $0.employeeNoticeLanguage = $1 })
        case "federal_contract_id": TextSlot({ $0.federalContractID }, { $0.federalContractID = $1 })
        default: nil
        }
    }

    private static func datePath(_ name: String) -> DateSlot? {
        switch name {
        case "date_of_birth": DateSlot({ $0.dateOfBirth }, { $0.dateOfBirth = $1 })
        case "expiration_date": DateSlot({ $0.expirationDate }, { $0.expirationDate = $1 })
        case "date_of_hire": DateSlot({ $0.dateOfHire }, { $0.dateOfHire = $1 })
        case "offer_accepted_date": DateSlot({ $0.offerAcceptedDate }, { $0.offerAcceptedDate = $1 })
        case "i9_section1_date": DateSlot({ $0.i9Section1Date }, { $0.i9Section1Date = $1 })
        case "i9_section2_date": DateSlot({ $0.i9Section2Date }, { $0.i9Section2Date = $1 })
        default: nil
        }
    }

    private static func flagPath(_ name: String) -> FlagSlot? {
        switch name {
        case "no_expiration_date": FlagSlot({ $0.noExpirationDate }, { $0.noExpirationDate = $1 })
        case "religious_objection_photo_exception": FlagSlot({ $0.religiousObjectionPhotoException }, { $0.religiousObjectionPhotoException = $1 })
        case "existing_employee": FlagSlot({ $0.existingEmployee }, { $0.existingEmployee = $1 })
        case "reuse_previous_i9": FlagSlot({ $0.reusePreviousI9 }, { $0.reusePreviousI9 = $1 })
        default: nil
        }
    }
}
