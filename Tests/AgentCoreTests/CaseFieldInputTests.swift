import Testing
@testable import AgentCore

@Suite struct CaseFieldInputTests {
    @Test("every API field can be set, read and cleared by name, with its kind")
    func test_fieldAccessByName() {
        #expect(CaseInput.fieldNames.count == 39)
        #expect(Set(CaseInput.fieldNames).count == 39)
        var input = CaseInput()
        for (name, kind) in CaseInput.fields {
            let value: CaseFieldValue = switch kind {
            case .text: .text("x")
            case .date: .date(civil("2025-01-02"))
            case .flag: .flag(true)
            case .textList: .textList(["x"])
            }
            let stored = input.set(name, to: value)
            #expect(stored, "\(name)")
            #expect(input[field: name] == value, "\(name)")
            #expect(CaseInput.kind(of: name) == kind)
        }
        #expect(input.presentFieldNames == CaseInput.fieldNames)
        let wrongKind = input.set("first_name", to: .flag(true))
        let unknown = input.set("nickname", to: .text("x"))
        #expect(!wrongKind && !unknown, "a wrong kind or unknown field changes nothing")
        #expect(CaseInput.kind(of: "nickname") == nil)
        input.set("first_name", to: nil)
        #expect(input.firstName == nil)
        #expect(!input.presentFieldNames.contains("first_name"))
    }

    @Test("PATCH: a patch's fields replace the stored ones, the rest stay")
    func test_overlay() {
        var patch = CaseInput()
        patch.lastName = "Smith"
        patch.noExpirationDate = true
        let merged = validCaseFieldInput().overlaid(by: patch)
        #expect(merged.lastName == "Smith")
        #expect(merged.noExpirationDate == true)
        #expect(merged.firstName == "Maria")
    }

    @Test("CaseData round-trips through its input, and restoring needs the required fields")
    func test_restoring() {
        guard let data = acceptedCaseFieldData(caseFieldInput { $0.reasonForDelayCode = "OTHER"; $0.reasonForDelayDescription = "x" })
        else { return }
        #expect(CaseData(restoring: data.input) == data)
        #expect(acceptedCaseFieldData(data.input) == data, "normalized data validates to itself")
        var broken = data.input
        broken.ssn = nil
        #expect(CaseData(restoring: broken) == nil)
        broken = data.input
        broken.reasonForDelayCode = "NOPE"
        #expect(CaseData(restoring: broken) == nil)
        broken = data.input
        broken.documentBTypeCode = "DRIVERS_LICENSE"
        #expect(CaseData(restoring: broken) == nil)
    }

    @Test("ACC-2/SEC-1 masking: SSN ***-**-1234, other numbers their last four")
    func test_masking() {
        #expect(PIIMask.ssn("123-45-6789") == "***-**-6789")
        #expect(PIIMask.ssn("123456789") == "*****6789")
        #expect(PIIMask.lastFour("A123456789") == "******6789")
        #expect(PIIMask.lastFour("123") == "***")
        #expect(PIIMask.lastFour("") == "")
        // Counted in characters, not bytes: the fast path for plain ASCII must agree with
        // the general one for text it does not take (accents, CR LF as one character).
        #expect(PIIMask.lastFour("ÉÉ12345") == "***2345")
        #expect(PIIMask.lastFour("AB\r\n12") == "*B\r\n12")
        #expect(PIIMask.lastFour("e\u{301}1234") == "*1234")
        #expect(PIIMask.ssn("12é-45-6789") == "***-**-6789")
        #expect(PIIMask.ssn("123-45-678é") == "***-**-678é")
        #expect(PIIMask.ssn("123 45 6789") == "*******6789")
        #expect(PIIMask.mask("Maria", field: "first_name") == "Maria")
        guard let data = acceptedCaseFieldData(validCaseFieldInput()) else { return }
        let masked = data.maskedInput
        #expect(masked.ssn == "***-**-6789")
        #expect(masked.usPassportNumber == "*****6789")
        #expect(masked.firstName == "Maria")
        #expect(masked.dateOfBirth == data.dateOfBirth)
        for name in PIIMask.maskedFields { #expect(CaseInput.kind(of: name) == .text, "\(name)") }
    }

    @Test("one invalid body yields all its issues at once")
    func test_allIssuesAtOnce() {
        var input = CaseInput()
        input.firstName = "M4ria"
        input.ssn = "666-12-3456"
        input.dateOfBirth = civil("2030-01-01")
        input.employeeEmailAddress = "nope"
        input.citizenshipStatusCode = "MARTIAN"
        input.documentATypeCode = "US_PASSPORT"
        input.documentBTypeCode = "DRIVERS_LICENSE"
        input.offerAcceptedDate = civil("2025-04-01")
        input.workState = "ZZ"
        input.employeeNoticeLanguage = "klingon"
        input.existingEmployee = true
        let fields = Set(caseFieldIssues(input).map { "\($0.field) \($0.code)" })
        let expected: Set<String> = [
            "first_name INVALID_FORMAT", "last_name REQUIRED", "date_of_birth OUT_OF_RANGE", "ssn INVALID_VALUE",
            "employee_email_address INVALID_FORMAT", "citizenship_status_code INVALID_VALUE",
            "document_a_type_code INVALID_VALUE", "offer_accepted_date HIRE-1", "i9_section1_date HIRE-1",
            "i9_section2_date HIRE-1", "date_of_hire REQUIRED", "work_state INVALID_VALUE",
            "employee_notice_language INVALID_VALUE", "existing_employee HIRE-6", "federal_contract_id HIRE-6",
        ]
        #expect(fields == expected)
    }
}
