import Testing
@testable import AgentCore

/// A citizen with a driver's license (List B) and a Social Security card (List C).
private func listBCInput(_ change: (inout CaseInput) -> Void = { _ in }) -> CaseInput {
    caseFieldInput {
        $0.documentATypeCode = nil; $0.documentSubTypeCode = nil; $0.usPassportNumber = nil
        $0.documentBTypeCode = "DRIVERS_LICENSE"; $0.documentCTypeCode = "SOCIAL_SECURITY_CARD"
        $0.documentBCNumber = "D1234567"; $0.usStateCode = "CA"
        change(&$0)
    }
}

/// A permanent resident with a Permanent Resident Card.
private func permanentResidentInput(_ change: (inout CaseInput) -> Void = { _ in }) -> CaseInput {
    caseFieldInput {
        $0.citizenshipStatusCode = "LAWFUL_PERMANENT_RESIDENT"
        $0.documentATypeCode = "FORM_I551"; $0.documentSubTypeCode = nil; $0.usPassportNumber = nil
        $0.i551Number = "ABC1234567890"; $0.alienNumber = "A012345678"
        change(&$0)
    }
}

@Suite struct CaseFieldDocumentTests {
    @Test("Documents: one List A document, or List B + List C, is accepted")
    func test_documentChoiceAccepted() {
        let pair = acceptedCaseFieldData(listBCInput())
        #expect(pair?.documents.listB?.code == "DRIVERS_LICENSE")
        #expect(pair?.documents.listC?.code == "SOCIAL_SECURITY_CARD")
        #expect(pair?.documents.primary.code == "DRIVERS_LICENSE")
        #expect(pair?.needsPhotoMatching == false)
        #expect(acceptedCaseFieldData(permanentResidentInput())?.documents.listA?.code == "FORM_I551")
    }

    @Test("Documents: none, both A and B+C, or B without C are refused, naming the lists")
    func test_documentChoiceRefused() {
        expectCaseFieldRefusal(listBCInput { $0.documentBTypeCode = nil; $0.documentCTypeCode = nil },
                               [("document_a_type_code", "REQUIRED")])
        let both = caseFieldInput { $0.documentBTypeCode = "DRIVERS_LICENSE"; $0.documentCTypeCode = "SOCIAL_SECURITY_CARD" }
        expectCaseFieldRefusal(both, [("document_a_type_code", "INVALID_VALUE")])
        #expect(caseFieldIssues(both).first?.message.contains("List B") == true)
        expectCaseFieldRefusal(listBCInput { $0.documentCTypeCode = nil }, [("document_c_type_code", "REQUIRED")])
        expectCaseFieldRefusal(listBCInput { $0.documentBTypeCode = nil; $0.documentBCNumber = nil; $0.usStateCode = nil },
                               [("document_b_type_code", "REQUIRED")])
    }

    @Test("Documents: a code must exist and be on the list of its field")
    func test_documentCodeOnRightList() {
        expectCaseFieldRefusal(caseFieldInput { $0.documentATypeCode = "PASSPORT" }, [("document_a_type_code", "INVALID_VALUE")])
        expectCaseFieldRefusal(listBCInput { $0.documentBTypeCode = "SOCIAL_SECURITY_CARD" }, [("document_b_type_code", "INVALID_VALUE")])
        expectCaseFieldRefusal(listBCInput { $0.documentCTypeCode = "DRIVERS_LICENSE" }, [("document_c_type_code", "INVALID_VALUE")])
        expectCaseFieldRefusal(caseFieldInput { $0.documentATypeCode = "DRIVERS_LICENSE" }, [("document_a_type_code", "INVALID_VALUE")])
        // TRIBAL_DOCUMENT is on both B and C.
        let tribalB = listBCInput { $0.documentBTypeCode = "TRIBAL_DOCUMENT"; $0.usStateCode = nil }
        #expect(caseFieldIssues(tribalB).isEmpty)
        #expect(caseFieldIssues(listBCInput { $0.documentCTypeCode = "TRIBAL_DOCUMENT" }).isEmpty)
    }

    @Test("Sub-types: required for US_PASSPORT and GOVERNMENT_ID_CARD, only DRIVERS_LICENSE for a driver's license")
    func test_subTypes() {
        expectCaseFieldRefusal(caseFieldInput { $0.documentSubTypeCode = nil }, [("document_sub_type_code", "REQUIRED")])
        expectCaseFieldRefusal(caseFieldInput { $0.documentSubTypeCode = "STATE_ID_CARD" }, [("document_sub_type_code", "INVALID_VALUE")])
        #expect(caseFieldIssues(caseFieldInput { $0.documentSubTypeCode = "US_PASSPORT_CARD"; $0.usPassportNumber = "C12345678" }).isEmpty)
        expectCaseFieldRefusal(listBCInput { $0.documentBTypeCode = "GOVERNMENT_ID_CARD" }, [("document_sub_type_code", "REQUIRED")])
        #expect(caseFieldIssues(listBCInput { $0.documentBTypeCode = "GOVERNMENT_ID_CARD"; $0.documentSubTypeCode = "STATE_ID_CARD" }).isEmpty)
        #expect(caseFieldIssues(listBCInput { $0.documentSubTypeCode = "DRIVERS_LICENSE" }).isEmpty)
        expectCaseFieldRefusal(listBCInput { $0.documentSubTypeCode = "STATE_ID_CARD" }, [("document_sub_type_code", "INVALID_VALUE")])
        // A document without sub-types takes none.
        expectCaseFieldRefusal(permanentResidentInput { $0.documentSubTypeCode = "US_PASSPORT_BOOK" },
                               [("document_sub_type_code", "INVALID_VALUE")])
    }

    @Test("List B: document_bc_number and, for a license or state ID, us_state_code are required")
    func test_listBNumberAndState() {
        expectCaseFieldRefusal(listBCInput { $0.documentBCNumber = nil; $0.usStateCode = nil },
                               [("document_bc_number", "REQUIRED"), ("us_state_code", "REQUIRED")])
        expectCaseFieldRefusal(listBCInput { $0.usStateCode = "ZZ" }, [("us_state_code", "INVALID_VALUE")])
        #expect(acceptedCaseFieldData(listBCInput { $0.usStateCode = "mp" })?.usStateCode == "MP")
        expectCaseFieldRefusal(listBCInput { $0.documentBCNumber = "D123_456" }, [("document_bc_number", "INVALID_FORMAT")])
        #expect(acceptedCaseFieldData(listBCInput { $0.documentBCNumber = "d12-345 67" })?.documentBCNumber == "D12-345 67")
        // A school ID card has a number but no issuing state.
        expectCaseFieldRefusal(listBCInput { $0.documentBTypeCode = "SCHOOL_ID_CARD" }, [("us_state_code", "INVALID_VALUE")])
    }

    @Test("Expiry: a date or no_expiration_date for List A and List B cards, never both; optional for records")
    func test_expiry() {
        expectCaseFieldRefusal(caseFieldInput { $0.expirationDate = nil }, [("expiration_date", "REQUIRED")])
        #expect(acceptedCaseFieldData(permanentResidentInput { $0.expirationDate = nil; $0.noExpirationDate = true })?.noExpirationDate == true)
        expectCaseFieldRefusal(caseFieldInput { $0.noExpirationDate = true }, [("no_expiration_date", "INVALID_VALUE")])
        expectCaseFieldRefusal(caseFieldInput { $0.expirationDate = nil; $0.noExpirationDate = false }, [("expiration_date", "REQUIRED")])
        expectCaseFieldRefusal(listBCInput { $0.expirationDate = nil }, [("expiration_date", "REQUIRED")])
        let record = listBCInput {
            $0.documentBTypeCode = "SCHOOL_RECORD"; $0.documentBCNumber = nil; $0.usStateCode = nil
            $0.expirationDate = nil; $0.religiousObjectionPhotoException = true
        }
        #expect(caseFieldIssues(record).isEmpty)
    }

    @Test("DOC-1: a List B document without a photo is refused unless the religious exception is recorded")
    func test_DOC1_listBNeedsPhoto() {
        for code in ["VOTER_REGISTRATION_CARD", "SCHOOL_RECORD", "CLINIC_OR_HOSPITAL_RECORD", "DAY_CARE_RECORD"] {
            let input = listBCInput { $0.documentBTypeCode = code; $0.usStateCode = nil }
            expectCaseFieldRefusal(input, [("document_b_type_code", "DOC-1")])
            let excepted = acceptedCaseFieldData(listBCInput {
                $0.documentBTypeCode = code; $0.usStateCode = nil; $0.religiousObjectionPhotoException = true
            })
            #expect(excepted?.religiousObjectionPhotoException == true, "\(code)")
            expectCaseFieldRefusal(listBCInput { $0.documentBTypeCode = code; $0.usStateCode = nil; $0.religiousObjectionPhotoException = false },
                                   [("document_b_type_code", "DOC-1")])
        }
        // The exception means nothing with a photo ID and is not stored silently.
        expectCaseFieldRefusal(listBCInput { $0.religiousObjectionPhotoException = true },
                               [("religious_objection_photo_exception", "INVALID_VALUE")])
        #expect(DocumentType.on(.b).filter { !$0.bearsPhoto }.count == 4)
    }

    @Test("DOC-2: photo matching for U.S. passport, I-551 and I-766 only")
    func test_DOC2_photoMatchingDocuments() {
        #expect(Set(DocumentType.all.filter(\.photoMatching).map(\.code)) == ["US_PASSPORT", "FORM_I551", "FORM_I766"])
        #expect(acceptedCaseFieldData(permanentResidentInput())?.needsPhotoMatching == true)
    }

    @Test("Documents fit the citizenship status (both fields named)")
    func test_documentFitsStatus() {
        let lprWithPassport = caseFieldInput { $0.citizenshipStatusCode = "LAWFUL_PERMANENT_RESIDENT"; $0.alienNumber = "A123456789" }
        expectCaseFieldRefusal(lprWithPassport, [("document_a_type_code", "INVALID_VALUE")])
        let message = caseFieldIssues(lprWithPassport).first?.message ?? ""
        #expect(message.contains("document_a_type_code") && message.contains("citizenship_status_code"))
        expectCaseFieldRefusal(permanentResidentInput { $0.citizenshipStatusCode = "US_CITIZEN"; $0.alienNumber = nil },
                               [("document_a_type_code", "INVALID_VALUE")])
        let nationalWithPassport = caseFieldInput { $0.citizenshipStatusCode = "NONCITIZEN_NATIONAL" }
        #expect(caseFieldIssues(nationalWithPassport).isEmpty)
        expectCaseFieldRefusal(listBCInput { $0.documentCTypeCode = "DHS_EMPLOYMENT_AUTHORIZATION" },
                               [("document_c_type_code", "INVALID_VALUE")])
        let noncitizenBirthCertificate = listBCInput {
            $0.citizenshipStatusCode = "NONCITIZEN_AUTHORIZED_TO_WORK"; $0.documentCTypeCode = "BIRTH_CERTIFICATE"; $0.alienNumber = "A123456789"
        }
        expectCaseFieldRefusal(noncitizenBirthCertificate, [("document_c_type_code", "INVALID_VALUE")])
        // List B documents are for anyone.
        for status in CitizenshipStatus.allCases {
            #expect(DocumentType.on(.b).allSatisfy { $0.presentableBy.contains(status) })
        }
    }

    @Test("DOC-3: nothing in the catalog or the body asks for a particular document")
    func test_DOC3_noDocumentRequest() {
        #expect(!CaseInput.fieldNames.contains { $0.contains("request") || $0.contains("preferred") })
    }
}
