import Testing
@testable import AgentCore

/// A noncitizen authorized to work with List B + C documents and no number yet.
private func noncitizenInput(_ change: (inout CaseInput) -> Void = { _ in }) -> CaseInput {
    caseFieldInput {
        $0.citizenshipStatusCode = "NONCITIZEN_AUTHORIZED_TO_WORK"
        $0.documentATypeCode = nil; $0.documentSubTypeCode = nil; $0.usPassportNumber = nil
        $0.documentBTypeCode = "DRIVERS_LICENSE"; $0.documentCTypeCode = "SOCIAL_SECURITY_CARD"
        $0.documentBCNumber = "D1234567"; $0.usStateCode = "CA"
        change(&$0)
    }
}

@Suite struct CaseFieldNumberTests {
    @Test("alien_number: A and 7–9 digits, normalized to A + 9 digits")
    func test_alienNumberFormat() {
        for (given, normal) in [("A123456789", "A123456789"), ("a12345678", "A012345678"), ("1234567", "A001234567")] {
            #expect(acceptedCaseFieldData(noncitizenInput { $0.alienNumber = given })?.alienNumber == normal)
        }
        for bad in ["A123456", "A1234567890", "B123456789", "A12345678X", "A000000000", "A-123-456-789"] {
            expectCaseFieldRefusal(noncitizenInput { $0.alienNumber = bad }, [("alien_number", "INVALID_FORMAT")])
        }
    }

    @Test("alien_number: required for a permanent resident")
    func test_alienNumberForPermanentResident() {
        let lpr = caseFieldInput {
            $0.citizenshipStatusCode = "LAWFUL_PERMANENT_RESIDENT"
            $0.documentATypeCode = "FORM_I551"; $0.documentSubTypeCode = nil; $0.usPassportNumber = nil
            $0.i551Number = "abc1234567890"
        }
        expectCaseFieldRefusal(lpr, [("alien_number", "REQUIRED")])
        var fixed = lpr
        fixed.alienNumber = "A123456789"
        #expect(acceptedCaseFieldData(fixed)?.i551Number == "ABC1234567890")
    }

    @Test("A noncitizen authorized to work needs an A-Number, an I-94 number or a foreign passport with country")
    func test_noncitizenIdentifyingNumber() {
        expectCaseFieldRefusal(noncitizenInput(), [("alien_number", "REQUIRED")])
        #expect(caseFieldIssues(noncitizenInput { $0.alienNumber = "A123456789" }).isEmpty)
        #expect(acceptedCaseFieldData(noncitizenInput { $0.i94Number = "12345678a12" })?.i94Number == "12345678A12")
        let passport = acceptedCaseFieldData(noncitizenInput { $0.foreignPassportNumber = "x1234567"; $0.countryCode = "mex" })
        #expect(passport?.foreignPassportNumber == "X1234567")
        #expect(passport?.countryCode == "MEX")
        // A malformed number is reported once, as a format problem, not also as missing.
        expectCaseFieldRefusal(noncitizenInput { $0.i94Number = "123" }, [("i94_number", "INVALID_FORMAT")])
    }

    @Test("foreign_passport_number and country_code come together; the country must be real")
    func test_passportNeedsCountry() {
        expectCaseFieldRefusal(noncitizenInput { $0.foreignPassportNumber = "X1234567" }, [("country_code", "REQUIRED")])
        expectCaseFieldRefusal(noncitizenInput { $0.alienNumber = "A123456789"; $0.countryCode = "MEX" },
                               [("foreign_passport_number", "REQUIRED")])
        expectCaseFieldRefusal(noncitizenInput { $0.foreignPassportNumber = "X1234567"; $0.countryCode = "XYZ" },
                               [("country_code", "INVALID_VALUE")])
        expectCaseFieldRefusal(noncitizenInput { $0.foreignPassportNumber = "X1234"; $0.countryCode = "MEX" },
                               [("foreign_passport_number", "INVALID_FORMAT")])
        expectCaseFieldRefusal(noncitizenInput { $0.foreignPassportNumber = "X12345678901234"; $0.countryCode = "MEX" },
                               [("foreign_passport_number", "INVALID_FORMAT")])
    }

    @Test("List A numbers: us_passport_number, i551_number, i766_number required with their document and well formed")
    func test_listANumbers() {
        expectCaseFieldRefusal(caseFieldInput { $0.usPassportNumber = nil }, [("us_passport_number", "REQUIRED")])
        for bad in ["12345", "1234567890", "12345678!"] {
            expectCaseFieldRefusal(caseFieldInput { $0.usPassportNumber = bad }, [("us_passport_number", "INVALID_FORMAT")])
        }
        let ead = noncitizenInput {
            $0.documentBTypeCode = nil; $0.documentCTypeCode = nil; $0.documentBCNumber = nil; $0.usStateCode = nil
            $0.documentATypeCode = "FORM_I766"; $0.alienNumber = "A123456789"
        }
        expectCaseFieldRefusal(ead, [("i766_number", "REQUIRED")])
        for bad in ["AB1234567890", "ABC123456789", "ABCD234567890", "ABC12345678901", "ABC12345678 0"] {
            var input = ead
            input.i766Number = bad
            expectCaseFieldRefusal(input, [("i766_number", "INVALID_FORMAT")])
        }
        var good = ead
        good.i766Number = "EAC1234567890"
        #expect(caseFieldIssues(good).isEmpty)
        good.alienNumber = nil
        expectCaseFieldRefusal(good, [("alien_number", "REQUIRED")])
    }

    @Test("Foreign passports with I-94 or I-551 stamp need their numbers; FSM/RMI passports come from FSM or MHL")
    func test_foreignPassportDocuments() {
        let withI94 = noncitizenInput {
            $0.documentBTypeCode = nil; $0.documentCTypeCode = nil; $0.documentBCNumber = nil; $0.usStateCode = nil
            $0.documentATypeCode = "FOREIGN_PASSPORT_WITH_I94"
        }
        // The document's own needs are reported; "one identifying number" adds nothing.
        expectCaseFieldRefusal(withI94, [("i94_number", "REQUIRED"), ("foreign_passport_number", "REQUIRED"),
                                         ("country_code", "REQUIRED")])
        var complete = withI94
        complete.i94Number = "12345678901"; complete.foreignPassportNumber = "P1234567"; complete.countryCode = "IND"
        #expect(caseFieldIssues(complete).isEmpty)
        var fsm = complete
        fsm.documentATypeCode = "FSM_RMI_PASSPORT_WITH_I94"
        expectCaseFieldRefusal(fsm, [("country_code", "INVALID_VALUE")])
        fsm.countryCode = "MHL"
        #expect(caseFieldIssues(fsm).isEmpty)
        let stamp = caseFieldInput {
            $0.citizenshipStatusCode = "LAWFUL_PERMANENT_RESIDENT"; $0.alienNumber = "A123456789"
            $0.documentATypeCode = "FOREIGN_PASSPORT_WITH_I551_STAMP"; $0.documentSubTypeCode = nil; $0.usPassportNumber = nil
        }
        expectCaseFieldRefusal(stamp, [("foreign_passport_number", "REQUIRED"), ("country_code", "REQUIRED")])
    }

    @Test("A number that does not apply to the status and documents is refused, not stored")
    func test_numbersThatDoNotApply() {
        expectCaseFieldRefusal(caseFieldInput { $0.alienNumber = "A123456789" }, [("alien_number", "INVALID_VALUE")])
        expectCaseFieldRefusal(caseFieldInput { $0.i551Number = "ABC1234567890" }, [("i551_number", "INVALID_VALUE")])
        expectCaseFieldRefusal(caseFieldInput { $0.documentBCNumber = "D123" }, [("document_bc_number", "INVALID_VALUE")])
        expectCaseFieldRefusal(noncitizenInput { $0.alienNumber = "A123456789"; $0.usPassportNumber = "123456789" },
                               [("us_passport_number", "INVALID_VALUE")])
        // Blank strings count as absent.
        #expect(caseFieldIssues(caseFieldInput { $0.alienNumber = ""; $0.i94Number = "  " }).isEmpty)
    }
}
