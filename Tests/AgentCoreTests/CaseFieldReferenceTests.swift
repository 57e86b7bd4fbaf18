import Testing
@testable import AgentCore

@Suite struct CaseFieldReferenceTests {
    @Test("reference/{list}: every named list exists, codes unique, names written")
    func test_listsExist() {
        for name in ReferenceLists.names {
            guard let list = ReferenceLists.list(named: name) else {
                Issue.record("missing list \(name)")
                continue
            }
            #expect(!list.isEmpty, "\(name)")
            #expect(Set(list.map(\.code)).count == list.count, "\(name) has duplicate codes")
            #expect(list.allSatisfy { !$0.name.isEmpty }, "\(name)")
        }
        #expect(ReferenceLists.list(named: "colours") == nil)
    }

    @Test("reference lists carry the API's codes")
    func test_listCodes() {
        func codes(_ name: String) -> [String] { ReferenceLists.list(named: name)?.map(\.code) ?? [] }
        #expect(codes("case_status").count == 12)
        #expect(codes("case_status").contains("CLOSE_CASE_AND_RESUBMIT"))
        #expect(codes("case_eligibility_statement") == ["EMPLOYMENT_AUTHORIZED", "FINAL_NONCONFIRMATION", "NO_ACTION_FNC", "CLOSE_CASE_AND_RESUBMIT"])
        #expect(codes("referral_statuses") == ["NOT_REFERRED", "PENDING_REFERRAL", "REFERRED", "CONTACTED", "RESOLVED"])
        #expect(codes("citizenship_statuses") == ["US_CITIZEN", "NONCITIZEN_NATIONAL", "LAWFUL_PERMANENT_RESIDENT", "NONCITIZEN_AUTHORIZED_TO_WORK"])
        #expect(codes("reasons_for_delay").last == "OTHER")
        #expect(codes("reasons_for_delay").count == 6)
        #expect(codes("duplicate_continue_reasons") == ["REHIRE", "INCORRECT_INFORMATION_ENTERED", "DHS_INSTRUCTED_NEW_CASE",
                                                        "SSA_INSTRUCTED_NEW_CASE", "PREVIOUS_CASE_RESULT_RESUBMIT", "OTHER"])
        #expect(codes("case_closure_reasons").count == 10)
        #expect(codes("document_sub_types") == ["US_PASSPORT_BOOK", "US_PASSPORT_CARD", "DRIVERS_LICENSE", "STATE_ID_CARD"])
    }

    @Test("document_types: the API's lists A, B and C, TRIBAL_DOCUMENT on B and C")
    func test_documentTypes() {
        #expect(DocumentType.on(.a).map(\.code) == ["US_PASSPORT", "FORM_I551", "FORM_I766", "FOREIGN_PASSPORT_WITH_I551_STAMP",
                                                    "FOREIGN_PASSPORT_WITH_I94", "FSM_RMI_PASSPORT_WITH_I94"])
        #expect(DocumentType.on(.b).count == 12)
        #expect(Set(DocumentType.on(.c).map(\.code)) == ["SOCIAL_SECURITY_CARD", "BIRTH_CERTIFICATE", "BIRTH_ABROAD_CERTIFICATION",
                                                         "TRIBAL_DOCUMENT", "US_CITIZEN_ID_CARD", "RESIDENT_CITIZEN_ID_CARD",
                                                         "DHS_EMPLOYMENT_AUTHORIZATION"])
        #expect(DocumentType(code: "TRIBAL_DOCUMENT")?.lists == [.b, .c])
        #expect(Set(DocumentType.all.map(\.code)).count == DocumentType.all.count)
        #expect(ReferenceLists.list(named: "document_types")?.count == DocumentType.all.count)
        #expect(DocumentType(code: "US_PASSPORT")?.presentableBy == [.usCitizen, .noncitizenNational])
        #expect(DocumentType(code: "FORM_I551")?.presentableBy == [.lawfulPermanentResident])
        #expect(DocumentType(code: "FOREIGN_PASSPORT_WITH_I551_STAMP")?.presentableBy == [.lawfulPermanentResident])
        for code in ["FORM_I766", "FOREIGN_PASSPORT_WITH_I94", "FSM_RMI_PASSPORT_WITH_I94", "DHS_EMPLOYMENT_AUTHORIZATION"] {
            #expect(DocumentType(code: code)?.presentableBy == [.noncitizenAuthorizedToWork], "\(code)")
        }
        for code in ["US_CITIZEN_ID_CARD", "BIRTH_CERTIFICATE", "BIRTH_ABROAD_CERTIFICATION"] {
            #expect(DocumentType(code: code)?.presentableBy == [.usCitizen, .noncitizenNational], "\(code)")
        }
        #expect(DocumentType(code: "SOCIAL_SECURITY_CARD")?.presentableBy == Set(CitizenshipStatus.allCases))
        #expect(DocumentType(code: "DRIVERS_LICENSE")?.subTypes == ["DRIVERS_LICENSE"])
        #expect(DocumentType(code: "DRIVERS_LICENSE")?.subTypeRequired == false)
    }

    @Test("us_state_codes: 50 states, DC and the inhabited territories")
    func test_stateCodes() {
        #expect(USStateCodes.all.count == 56)
        for code in ["CA", "NY", "DC", "MP", "GU", "PR", "VI", "AS"] { #expect(USStateCodes.contains(code), "\(code)") }
        #expect(!USStateCodes.contains("ca"))
        #expect(!USStateCodes.contains("AE"))
    }

    @Test("country_codes: the 249 ISO 3166-1 alpha-3 codes")
    func test_countryCodes() {
        #expect(CountryCodes.all.count == 249)
        #expect(Set(CountryCodes.all.map(\.code)).count == 249)
        #expect(CountryCodes.all.allSatisfy { $0.code.count == 3 && $0.code.allSatisfy { $0.isUppercase } })
        for code in ["USA", "MEX", "IND", "FSM", "MHL", "PLW", "DEU"] { #expect(CountryCodes.contains(code), "\(code)") }
        #expect(!CountryCodes.contains("XKX"))
        #expect(!CountryCodes.contains("UK"))
        #expect(LanguageCodes.all.count == 184)
        #expect(LanguageCodes.contains("es") && !LanguageCodes.contains("xx"))
    }

    @Test("field formats: normalizers on their own")
    func test_formats() {
        #expect(CaseFieldFormat.trimmed("  a b \n") == "a b")
        #expect(CaseFieldFormat.trimmed(" \t ") == nil)
        #expect(CaseFieldFormat.normalizedSSN("123-456789") == nil)
        #expect(CaseFieldFormat.normalizedAlienNumber("A\u{0661}23456789") == nil)
        #expect(CaseFieldFormat.normalizedAlphanumeric("A\u{301}BCDEF", lengths: 6...12) == nil)
        #expect(CaseFieldFormat.normalizedCardNumber("abc1234567890") == "ABC1234567890")
        #expect(CaseFieldFormat.normalizedDocumentNumber(" - ") == nil)
        #expect(CaseFieldFormat.isEmail("名前@例え.jp"))
        #expect(!CaseFieldFormat.isEmail(String(repeating: "a", count: 65) + "@example.com"))
    }
}
