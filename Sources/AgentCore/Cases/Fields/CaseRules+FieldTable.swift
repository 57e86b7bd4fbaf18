import Synchronization

/// Which fields apply to a combination of citizenship status and documents, and
/// which of those are required (API.md `POST checks/case_fields`). `validate` uses
/// the same table, so the check endpoint and the refusals cannot disagree.
extension CaseRules {
    /// The fields that apply to this status and these document codes, in
    /// `CaseInput.fieldNames` order, each with whether it is required.
    ///
    /// "Required" means required on its own. Some needs are choices the table
    /// cannot flag: `expiration_date` is satisfied by `no_expiration_date: true`; a
    /// noncitizen authorized to work needs one of `alien_number`, `i94_number` or
    /// `foreign_passport_number` (all listed, none required unless a document
    /// needs it); `reason_for_delay_code` is required only for a late case (HIRE-2);
    /// `client_company_id` only for agent users (the API decides). With no document
    /// code given, all three document fields are listed as not required: one List A,
    /// or one List B and one List C, is needed.
    public static func caseFields(citizenship: CitizenshipStatus?, documentA: String?, documentB: String?,
                                  documentC: String?) -> [(fieldName: String, required: Bool)] {
        let table = requirements(citizenship: citizenship, documentA: documentA, documentB: documentB, documentC: documentC)
        return CaseInput.fieldNames.compactMap { name in table[name].map { (name, $0.required) } }
    }

    /// The fields every case has, and whether each is required.
    static let commonFields: [(name: String, required: Bool)] = [
        ("client_company_id", false), ("employer_case_id", false), ("first_name", true), ("middle_initial", false),
        ("last_name", true), ("other_last_names_used", false), ("date_of_birth", true), ("ssn", true),
        ("employee_email_address", false), ("citizenship_status_code", true), ("date_of_hire", true),
        ("offer_accepted_date", true), ("i9_section1_date", true), ("i9_section2_date", true), ("work_state", false),
        ("reason_for_delay_code", false), ("reason_for_delay_description", false),
        ("duplicate_continue_reason_code", false), ("duplicate_continue_reason_description", false),
        ("employee_notice_language", false), ("existing_employee", false), ("federal_contract_id", false),
        ("reuse_previous_i9", false),
    ]

    /// The fields whose presence depends on the status and documents: given where
    /// they do not apply, they are refused rather than silently stored.
    static let conditionalFields: Set<String> = [
        "alien_number", "i94_number", "foreign_passport_number", "country_code", "us_passport_number", "i551_number",
        "i766_number", "document_sub_type_code", "document_bc_number", "us_state_code",
        "religious_objection_photo_exception",
    ]

    /// Whether a field applies, whether it is required, and why (for messages).
    struct Requirement: Sendable, Equatable {
        var required: Bool
        var reason: String
    }

    /// `conditionalFields` in `CaseInput.fieldNames` order.
    static let conditionalFieldsInOrder = CaseInput.fieldNames.filter { conditionalFields.contains($0) }
    /// The same fields with their positions in `CaseInput.fields`, so a check reads them
    /// without hashing their names.
    static let conditionalFieldSlots: [(name: String, index: Int)] = conditionalFieldsInOrder.compactMap { name in
        CaseInput.fieldIndex(of: name).map { (name, $0) }
    }

    /// The tables already built, by their four inputs: a pure function of a small domain,
    /// asked twice per case action, and building one cost more than the rest of a check.
    /// Unknown codes are user input, so the memory starts over past a bound.
    private struct TableKey: Hashable { var citizenship: CitizenshipStatus?, a: String?, b: String?, c: String? }
    private static let tables = Mutex<[TableKey: RequirementTable]>([:])

    /// One built table, by field name and by position in `CaseInput.fields` (the checks
    /// walk it by position, so they hash no names).
    struct RequirementTable: Sendable {
        let byName: [String: Requirement]
        let bySlot: [Requirement?]

        init(_ byName: [String: Requirement]) {
            self.byName = byName
            self.bySlot = CaseInput.fieldNames.map { byName[$0] }
        }
    }

    /// The table behind `caseFields`, by field name. When a field applies for two
    /// reasons it is required if either requires it, and the requiring reason is kept.
    static func requirements(citizenship: CitizenshipStatus?, documentA: String?, documentB: String?,
                             documentC: String?) -> [String: Requirement] {
        requirementTable(citizenship: citizenship, documentA: documentA, documentB: documentB, documentC: documentC).byName
    }

    static func requirementTable(citizenship: CitizenshipStatus?, documentA: String?, documentB: String?,
                                 documentC: String?) -> RequirementTable {
        let key = TableKey(citizenship: citizenship, a: documentA, b: documentB, c: documentC)
        if let known = tables.withLock({ $0[key] }) { return known }
        let table = RequirementTable(buildRequirements(citizenship: citizenship, documentA: documentA,
                                                       documentB: documentB, documentC: documentC))
        tables.withLock { tables in
            if tables.count >= 512 { tables.removeAll(keepingCapacity: true) }
            tables[key] = table
        }
        return table
    }

    static func buildRequirements(citizenship: CitizenshipStatus?, documentA: String?, documentB: String?,
                                  documentC: String?) -> [String: Requirement] {
        var table: [String: Requirement] = [:]
        func add(_ name: String, _ required: Bool, _ reason: String) {
            if let existing = table[name], existing.required || !required { return }
            table[name] = Requirement(required: required, reason: reason)
        }
        for field in commonFields { add(field.name, field.required, "every case") }

        let a = documentA.flatMap(DocumentType.init(code:)).flatMap { $0.isOn(.a) ? $0 : nil }
        let b = documentB.flatMap(DocumentType.init(code:)).flatMap { $0.isOn(.b) ? $0 : nil }
        if documentA != nil {
            add("document_a_type_code", true, "a List A document")
        } else if documentB != nil || documentC != nil {
            add("document_b_type_code", true, "a List B and List C pair")
            add("document_c_type_code", true, "a List B and List C pair")
        } else {
            for name in ["document_a_type_code", "document_b_type_code", "document_c_type_code"] { add(name, false, "") }
        }
        // The expiry, sub-type and numbers describe the List A document, or else the
        // List B one; a List C document is only named.
        if let primary = a ?? b {
            let reason = "document \(primary.code)"
            if !primary.subTypes.isEmpty { add("document_sub_type_code", primary.subTypeRequired, reason) }
            for name in primary.requiredNumberFields { add(name, true, reason) }
            for name in primary.optionalNumberFields { add(name, false, reason) }
            if primary.expiry != .notAsked {
                add("expiration_date", primary.expiry == .required, reason)
                add("no_expiration_date", false, reason)
            }
            if primary.isOn(.b) && !primary.bearsPhoto {
                add("religious_objection_photo_exception", true, "a List B document without a photo (DOC-1)")
            }
        }
        switch citizenship {
        case .lawfulPermanentResident?:
            add("alien_number", true, "a lawful permanent resident")
        case .noncitizenAuthorizedToWork?:
            for name in ["alien_number", "i94_number", "foreign_passport_number", "country_code"] {
                add(name, false, "a noncitizen authorized to work")
            }
        case .usCitizen?, .noncitizenNational?, nil:
            break
        }
        return table
    }
}

extension CaseCheck {
    /// Applies the field table once status and documents are known: required
    /// numbers present, fields that do not apply absent, and the choices the table
    /// cannot express (a noncitizen's identifying number, passport with country).
    mutating func checkFieldTable() {
        let table = CaseRules.requirementTable(
            citizenship: status, documentA: normalized.documentATypeCode,
            documentB: normalized.documentBTypeCode, documentC: normalized.documentCTypeCode).bySlot
        // Expiry and DOC-1 have their own checks and codes (`checkDocuments`).
        let conditional = refused.isEmpty ? CaseRules.conditionalFieldSlots
            : CaseRules.conditionalFieldSlots.filter { !refused.contains($0.name) }
        for (name, index) in conditional where name != "religious_objection_photo_exception" && !isGiven(at: index) {
            if let need = table[index], need.required {
                refuse(name, FieldIssue.required, "\(name) is required for \(need.reason).")
            }
        }
        // Judged only when both are known: with either unknown, "does not apply"
        // could be wrong and would only add noise to the real issue.
        if let status, let documents {
            for (name, index) in conditional where isGiven(at: index) && table[index] == nil {
                let described = documents.all.map(\.code).joined(separator: " + ")
                refuse(name, FieldIssue.invalidValue,
                       "\(name) does not apply to citizenship_status_code \(status.rawValue) with \(described); leave it out.")
            }
        }
        checkNoncitizenNumbers()
    }

    /// A noncitizen authorized to work is identified by an A-Number, an I-94
    /// number, or a foreign passport with its country; a passport number is
    /// meaningless without the issuing country and the other way round.
    private mutating func checkNoncitizenNumbers() {
        let passport = isGiven("foreign_passport_number"), country = isGiven("country_code")
        if passport && !country && !refused.contains("country_code") {
            refuse("country_code", FieldIssue.required, "country_code is required with foreign_passport_number: the country that issued the passport.")
        }
        if country && !passport && !refused.contains("foreign_passport_number") {
            refuse("foreign_passport_number", FieldIssue.required, "foreign_passport_number is required with country_code.")
        }
        if status == .noncitizenAuthorizedToWork,
           !["alien_number", "i94_number", "foreign_passport_number"].contains(where: { isGiven($0) || refused.contains($0) }) {
            refuse("alien_number", FieldIssue.required,
                   "A noncitizen authorized to work needs alien_number, or i94_number, or foreign_passport_number with country_code, as on Form I-9 Section 1.")
        }
        if documents?.listA?.code == "FSM_RMI_PASSPORT_WITH_I94", let code = normalized.countryCode, !["FSM", "MHL"].contains(code) {
            refuse("country_code", FieldIssue.invalidValue,
                   "FSM_RMI_PASSPORT_WITH_I94 is a passport of Micronesia (FSM) or the Marshall Islands (MHL); country_code must be one of those.")
        }
    }
}
