import Testing
@testable import AgentCore

/// The conditional part of `caseFields` (fields beyond those every case has) as
/// "name" for required and "name?" for optional, in API order.
private func conditional(_ status: CitizenshipStatus?, a: String? = nil, b: String? = nil, c: String? = nil) -> [String] {
    let common = Set(CaseRules.commonFields.map(\.name))
    return CaseRules.caseFields(citizenship: status, documentA: a, documentB: b, documentC: c)
        .filter { !common.contains($0.fieldName) }
        .map { $0.required ? $0.fieldName : $0.fieldName + "?" }
}

@Suite struct CaseFieldTableTests {
    @Test("checks/case_fields: every case lists the person, status and hire fields")
    func test_commonFields() {
        let fields = CaseRules.caseFields(citizenship: .usCitizen, documentA: "US_PASSPORT", documentB: nil, documentC: nil)
        let required = Set(fields.filter(\.required).map(\.fieldName))
        for name in ["first_name", "last_name", "date_of_birth", "ssn", "citizenship_status_code", "date_of_hire",
                     "offer_accepted_date", "i9_section1_date", "i9_section2_date"] {
            #expect(required.contains(name), "\(name)")
        }
        #expect(fields.map(\.fieldName) == CaseInput.fieldNames.filter(Set(fields.map(\.fieldName)).contains), "API order")
    }

    @Test("checks/case_fields: the combination table")
    func test_combinationTable() {
        #expect(conditional(.usCitizen, a: "US_PASSPORT") ==
                ["us_passport_number", "document_a_type_code", "document_sub_type_code", "expiration_date", "no_expiration_date?"])
        #expect(conditional(.lawfulPermanentResident, a: "FORM_I551") ==
                ["alien_number", "i551_number", "document_a_type_code", "expiration_date", "no_expiration_date?"])
        #expect(conditional(.noncitizenAuthorizedToWork, a: "FORM_I766") ==
                ["alien_number", "i94_number?", "foreign_passport_number?", "country_code?", "i766_number",
                 "document_a_type_code", "expiration_date", "no_expiration_date?"])
        #expect(conditional(.noncitizenAuthorizedToWork, a: "FOREIGN_PASSPORT_WITH_I94") ==
                ["alien_number?", "i94_number", "foreign_passport_number", "country_code", "document_a_type_code",
                 "expiration_date", "no_expiration_date?"])
        #expect(conditional(.lawfulPermanentResident, a: "FOREIGN_PASSPORT_WITH_I551_STAMP") ==
                ["alien_number", "foreign_passport_number", "country_code", "document_a_type_code", "expiration_date",
                 "no_expiration_date?"])
        #expect(conditional(.usCitizen, b: "DRIVERS_LICENSE", c: "SOCIAL_SECURITY_CARD") ==
                ["document_b_type_code", "document_c_type_code", "document_sub_type_code?", "document_bc_number",
                 "us_state_code", "expiration_date", "no_expiration_date?"])
        #expect(conditional(.usCitizen, b: "GOVERNMENT_ID_CARD", c: "BIRTH_CERTIFICATE") ==
                ["document_b_type_code", "document_c_type_code", "document_sub_type_code", "document_bc_number",
                 "us_state_code", "expiration_date", "no_expiration_date?"])
        #expect(conditional(.noncitizenNational, b: "SCHOOL_RECORD", c: "SOCIAL_SECURITY_CARD") ==
                ["document_b_type_code", "document_c_type_code", "document_bc_number?", "expiration_date?",
                 "no_expiration_date?", "religious_objection_photo_exception"])
        #expect(conditional(.noncitizenAuthorizedToWork, b: "MILITARY_ID_CARD", c: "DHS_EMPLOYMENT_AUTHORIZATION") ==
                ["alien_number?", "i94_number?", "foreign_passport_number?", "country_code?", "document_b_type_code",
                 "document_c_type_code", "document_bc_number", "expiration_date", "no_expiration_date?"])
    }

    @Test("checks/case_fields: partial or unknown combinations")
    func test_partialCombinations() {
        #expect(conditional(nil) == ["document_a_type_code?", "document_b_type_code?", "document_c_type_code?"])
        #expect(conditional(.lawfulPermanentResident) ==
                ["alien_number", "document_a_type_code?", "document_b_type_code?", "document_c_type_code?"])
        // C alone: both of the pair are required, nothing more is known.
        #expect(conditional(.usCitizen, c: "SOCIAL_SECURITY_CARD") == ["document_b_type_code", "document_c_type_code"])
        // B alone still tells what the B document needs.
        #expect(conditional(.usCitizen, b: "CANADIAN_DRIVERS_LICENSE") ==
                ["document_b_type_code", "document_c_type_code", "document_bc_number", "expiration_date", "no_expiration_date?"])
        #expect(conditional(.usCitizen, a: "NOT_A_DOCUMENT") == ["document_a_type_code"])
        #expect(conditional(.usCitizen, a: "SOCIAL_SECURITY_CARD") == ["document_a_type_code"])
    }

    @Test("checks/case_fields agrees with validate: every listed required field missing is refused")
    func test_tableMatchesValidation() {
        for document in DocumentType.on(.a) {
            for status in document.presentableBy {
                let required = CaseRules.caseFields(citizenship: status, documentA: document.code, documentB: nil, documentC: nil)
                    .filter { $0.required && CaseRules.conditionalFields.contains($0.fieldName) }.map(\.fieldName)
                var input = caseFieldInput {
                    $0.citizenshipStatusCode = status.rawValue; $0.documentATypeCode = document.code
                    $0.documentSubTypeCode = nil; $0.usPassportNumber = nil
                }
                input.documentSubTypeCode = nil
                let refusedFields = Set(caseFieldIssues(input).filter { $0.code == "REQUIRED" }.map(\.field))
                #expect(Set(required).isSubset(of: refusedFields), "\(status) \(document.code): \(required) vs \(refusedFields)")
            }
        }
    }

    @Test("The remembered tables are the tables: every status with every document, asked twice, and past the memory's bound")
    func rememberedTablesMatchBuiltOnes() {
        let codes: [String?] = [nil, "NOT_A_DOCUMENT"] + DocumentType.all.map(\.code)
        let statuses: [CitizenshipStatus?] = [nil] + CitizenshipStatus.allCases
        for _ in 0..<2 {
            for status in statuses {
                for code in codes {
                    let built = CaseRules.buildRequirements(citizenship: status, documentA: code, documentB: nil, documentC: nil)
                    #expect(CaseRules.requirements(citizenship: status, documentA: code, documentB: nil, documentC: nil) == built)
                    let pair = CaseRules.buildRequirements(citizenship: status, documentA: nil, documentB: code, documentC: "SSN_CARD")
                    #expect(CaseRules.requirements(citizenship: status, documentA: nil, documentB: code, documentC: "SSN_CARD") == pair)
                }
            }
        }
        for i in 0..<600 {
            let code = "UNKNOWN_\(i)"
            #expect(CaseRules.requirements(citizenship: .usCitizen, documentA: code, documentB: nil, documentC: nil)
                    == CaseRules.buildRequirements(citizenship: .usCitizen, documentA: code, documentB: nil, documentC: nil))
        }
    }
}

