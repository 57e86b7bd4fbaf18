import Testing
@testable import AgentCore

@Suite struct CaseFieldPersonTests {
    @Test("a complete body is accepted and normalized")
    func test_validCaseAccepted() {
        let data = acceptedCaseFieldData(caseFieldInput {
            $0.ssn = "123456789"
            $0.firstName = "  Maria "
            $0.middleInitial = "J"
            $0.otherLastNamesUsed = ["O'Brien", "Nguyễn"]
            $0.employeeEmailAddress = "maria@example.com"
            $0.usPassportNumber = "ab1234567"
            $0.employeeNoticeLanguage = "ES"
            $0.workState = "tx"
            $0.employerCaseID = "HR-2025-001"
        })
        #expect(data?.ssn == "123-45-6789")
        #expect(data?.firstName == "Maria")
        #expect(data?.usPassportNumber == "AB1234567")
        #expect(data?.employeeNoticeLanguage == "es")
        #expect(data?.workState == "TX")
        #expect(data?.otherLastNamesUsed == ["O'Brien", "Nguyễn"])
        #expect(data?.documents.listA?.code == "US_PASSPORT")
        #expect(data?.needsPhotoMatching == true)
        #expect(data?.existingEmployee == false)
    }

    @Test("Names: letters of any script, spaces, apostrophes, hyphens, periods, 1–40 characters")
    func test_namesAccepted() {
        for name in ["Anne-Marie", "O'Neil", "Jr.", "李", "Ólafur Þór", "Мария", "D’Angelo", String(repeating: "a", count: 40)] {
            #expect(caseFieldIssues(caseFieldInput { $0.firstName = name; $0.lastName = name }).isEmpty, "\(name)")
        }
    }

    @Test("Names: required, at most 40 characters, no digits or other symbols")
    func test_namesRefused() {
        expectCaseFieldRefusal(caseFieldInput { $0.firstName = nil; $0.lastName = "   " },
                               [("first_name", "REQUIRED"), ("last_name", "REQUIRED")])
        expectCaseFieldRefusal(caseFieldInput { $0.firstName = String(repeating: "a", count: 41) }, [("first_name", "OUT_OF_RANGE")])
        for bad in ["Mar1a", "Maria!", "Maria_J", "--", "Ma@ria"] {
            expectCaseFieldRefusal(caseFieldInput { $0.lastName = bad }, [("last_name", "INVALID_FORMAT")])
        }
    }

    @Test("Names: middle initial is one letter; other last names valid, at most 10")
    func test_middleInitialAndOtherNames() {
        #expect(caseFieldIssues(caseFieldInput { $0.middleInitial = "é" }).isEmpty)
        for bad in ["JK", "J.", "1"] {
            expectCaseFieldRefusal(caseFieldInput { $0.middleInitial = bad }, [("middle_initial", "INVALID_FORMAT")])
        }
        #expect(caseFieldIssues(caseFieldInput { $0.otherLastNamesUsed = Array(repeating: "Smith", count: 10) }).isEmpty)
        expectCaseFieldRefusal(caseFieldInput { $0.otherLastNamesUsed = Array(repeating: "Smith", count: 11) },
                               [("other_last_names_used", "OUT_OF_RANGE")])
        expectCaseFieldRefusal(caseFieldInput { $0.otherLastNamesUsed = ["Smith", "J0nes", ""] },
                               [("other_last_names_used[1]", "INVALID_FORMAT"), ("other_last_names_used[2]", "INVALID_FORMAT")])
    }

    @Test("CASE-1: the SSN is required")
    func test_CASE1_ssnRequired() {
        expectCaseFieldRefusal(caseFieldInput { $0.ssn = nil }, [("ssn", "CASE-1")])
        expectCaseFieldRefusal(caseFieldInput { $0.ssn = "" }, [("ssn", "CASE-1")])
    }

    @Test("CASE-1: SSN shape ###-##-#### or nine digits")
    func test_CASE1_ssnFormat() {
        for good in ["123-45-6789", "123456789", " 123-45-6789 "] {
            #expect(acceptedCaseFieldData(caseFieldInput { $0.ssn = good })?.ssn == "123-45-6789")
        }
        for bad in ["12345678", "1234567890", "123-456-789", "12-345-6789", "123 45 6789", "abc-de-fghi", "123-45-678٩"] {
            expectCaseFieldRefusal(caseFieldInput { $0.ssn = bad }, [("ssn", "INVALID_FORMAT")])
        }
    }

    @Test("CASE-1: never-issued SSNs are refused (area 000, 666, 900–999; group 00; serial 0000)")
    func test_CASE1_ssnNeverIssued() {
        for bad in ["000-12-3456", "666-12-3456", "900-12-3456", "999-12-3456", "123-00-4567", "123-45-0000"] {
            expectCaseFieldRefusal(caseFieldInput { $0.ssn = bad }, [("ssn", "INVALID_VALUE")])
        }
        for good in ["001-01-0001", "665-99-9999", "899-12-3456"] {
            #expect(caseFieldIssues(caseFieldInput { $0.ssn = good }).isEmpty, "\(good)")
        }
    }

    @Test("CASE-1: each never-issued part is named, in the normalized form and in any other")
    func test_CASE1_ssnNeverIssuedReasons() {
        #expect(CaseFieldFormat.ssnNeverIssuedReason("000-12-3456") == "no SSN starts with 000")
        #expect(CaseFieldFormat.ssnNeverIssuedReason("912-12-3456") == "no SSN starts with 912")
        #expect(CaseFieldFormat.ssnNeverIssuedReason("123-00-4567") == "no SSN has 00 as its middle two digits")
        #expect(CaseFieldFormat.ssnNeverIssuedReason("123-45-0000") == "no SSN ends in 0000")
        #expect(CaseFieldFormat.ssnNeverIssuedReason("123-45-0001") == nil)
        #expect(CaseFieldFormat.ssnNeverIssuedReason("123-40-0000") == "no SSN ends in 0000")
        // Not the normalized form: judged by its hyphen-separated parts, as before.
        #expect(CaseFieldFormat.ssnNeverIssuedReason("666-1-2") == "no SSN starts with 666")
        #expect(CaseFieldFormat.ssnNeverIssuedReason("123456789") == "it is not in the form ###-##-####")
        #expect(CaseFieldFormat.ssnNeverIssuedReason("12a-45-6789") == "it is not in the form ###-##-####")
    }

    @Test("date_of_birth: required, in the past, age 14–120 at hire")
    func test_dateOfBirth() {
        expectCaseFieldRefusal(caseFieldInput { $0.dateOfBirth = nil }, [("date_of_birth", "REQUIRED")])
        expectCaseFieldRefusal(caseFieldInput { $0.dateOfBirth = civil("2025-03-12") }, [("date_of_birth", "OUT_OF_RANGE")])
        expectCaseFieldRefusal(caseFieldInput { $0.dateOfBirth = civil("2030-01-01") }, [("date_of_birth", "OUT_OF_RANGE")])
        // 14 on the first day (2025-03-10) is accepted; one day short is not.
        #expect(caseFieldIssues(caseFieldInput { $0.dateOfBirth = civil("2011-03-10") }).isEmpty)
        expectCaseFieldRefusal(caseFieldInput { $0.dateOfBirth = civil("2011-03-11") }, [("date_of_birth", "OUT_OF_RANGE")])
        // 120 the day before the 121st birthday is accepted; 121 is not.
        #expect(caseFieldIssues(caseFieldInput { $0.dateOfBirth = civil("1904-03-11") }).isEmpty)
        expectCaseFieldRefusal(caseFieldInput { $0.dateOfBirth = civil("1904-03-10") }, [("date_of_birth", "OUT_OF_RANGE")])
    }

    @Test("age counts whole years; a 29 February birthday comes on 1 March in common years")
    func test_ageCounting() {
        #expect(CaseCheck.age(born: civil("2000-02-29"), on: civil("2014-02-28")) == 13)
        #expect(CaseCheck.age(born: civil("2000-02-29"), on: civil("2014-03-01")) == 14)
        #expect(CaseCheck.age(born: civil("2000-05-15"), on: civil("2025-05-14")) == 24)
        #expect(CaseCheck.age(born: civil("2000-05-15"), on: civil("2025-05-15")) == 25)
    }

    @Test("CASE-2: the email is optional; when given it must look like an address")
    func test_CASE2_email() {
        #expect(caseFieldIssues(caseFieldInput { $0.employeeEmailAddress = "a.b+c@mail.example.org" }).isEmpty)
        #expect(caseFieldIssues(caseFieldInput { $0.employeeEmailAddress = "" }).isEmpty)
        for bad in ["maria", "maria@", "@example.com", "maria@example", "ma ria@example.com", "a@b@example.com", "maria@example..com"] {
            expectCaseFieldRefusal(caseFieldInput { $0.employeeEmailAddress = bad }, [("employee_email_address", "INVALID_FORMAT")])
        }
    }

    @Test("employer_case_id and federal_contract_id: 1–50 printable characters")
    func test_identifiers() {
        expectCaseFieldRefusal(caseFieldInput { $0.employerCaseID = String(repeating: "x", count: 51) },
                               [("employer_case_id", "INVALID_FORMAT")])
        expectCaseFieldRefusal(caseFieldInput { $0.employerCaseID = "a\u{7}b" }, [("employer_case_id", "INVALID_FORMAT")])
        expectCaseFieldRefusal(caseFieldInput { $0.federalContractID = String(repeating: "x", count: 51) },
                               [("federal_contract_id", "INVALID_FORMAT")])
    }

    @Test("employee_notice_language: an ISO 639-1 code")
    func test_TNC2_noticeLanguage() {
        #expect(acceptedCaseFieldData(caseFieldInput { $0.employeeNoticeLanguage = "vi" })?.employeeNoticeLanguage == "vi")
        for bad in ["spa", "xx", "e", "es-MX"] {
            expectCaseFieldRefusal(caseFieldInput { $0.employeeNoticeLanguage = bad }, [("employee_notice_language", "INVALID_VALUE")])
        }
    }

    @Test("citizenship_status_code: required, from the list, the old alias accepted")
    func test_citizenshipStatus() {
        expectCaseFieldRefusal(caseFieldInput { $0.citizenshipStatusCode = nil }, [("citizenship_status_code", "REQUIRED")])
        expectCaseFieldRefusal(caseFieldInput { $0.citizenshipStatusCode = "CITIZEN" }, [("citizenship_status_code", "INVALID_VALUE")])
        let alias = caseFieldInput {
            $0.citizenshipStatusCode = "ALIEN_AUTHORIZED_TO_WORK"
            $0.documentATypeCode = "FORM_I766"; $0.documentSubTypeCode = nil; $0.usPassportNumber = nil
            $0.i766Number = "ABC1234567890"; $0.alienNumber = "A123456789"
        }
        #expect(acceptedCaseFieldData(alias)?.citizenshipStatus == .noncitizenAuthorizedToWork)
    }
}
