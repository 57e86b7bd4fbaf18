import Foundation
import Testing
import TestSupport

/// API.md "Federal contractors" over HTTP: the profile members of a client, a contract's
/// FAR deadlines, FED-3, assigned employees, HIRE-6, and the work items they raise and settle.
@Suite struct FederalContractorEndToEndTests {
    typealias Desk = CaseEndToEndTests.Desk

    static func kinds(_ api: APIClient, _ client: String) throws -> [String] {
        try WorkQueueEndToEndTests.queue(api, "client_company_id=\(client)&kind=FEDERAL_ENROLLMENT,CONTRACTOR_FLAG,CONTRACT_EMPLOYEE,WORKFORCE_VERIFICATION")
            .map { $0.split(separator: " ").enumerated().filter { $0.offset != 1 }.map(\.element).joined(separator: " ") }
    }

    static func existingEmployeeCase(_ client: String, contract: String) -> [String: Any] {
        CaseEndToEndTests.body(client: client, ssn: "151-20-1001", first: "Avery", last: "Quickpass", dob: "1990-02-14", extra: [
            "existing_employee": true, "federal_contract_id": contract, "date_of_hire": "2020-01-06", "offer_accepted_date": "2019-12-20",
            "i9_section1_date": "2020-01-06", "i9_section2_date": "2020-01-06", "employer_case_id": "E-100"])
    }

    @Test("FED-1, FED-2, FED-3, FED-4, AGT-4, HIRE-6: contract deadlines, items raised and settled")
    func test_FED_contractWalk() throws {
        let desk = try CaseEndToEndTests.openDesk()   // 2026-11-16
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let client = desk.client
        // Bad input: unknown member 400, bad category and date 422 naming both, nothing changed.
        #expect(try admin.call("PATCH", "/api/v1/clients/\(client)", ["contractor_categry": "SURETY"]).status == 400)
        let bad = try admin.call("PATCH", "/api/v1/clients/\(client)", ["contractor_category": "NAVY", "federal_contractor_enrolled_on": "2026-13-01"])
        #expect(bad.status == 422)
        #expect(Set(bad.errorFields) == ["contractor_category", "federal_contractor_enrolled_on"])
        #expect(try admin.call("GET", "/api/v1/clients/\(client)")["contractor_category"] as? String == "STANDARD")

        // FED-3: a standard contractor may not limit verification to assigned employees.
        let refused = try admin.call("POST", "/api/v1/clients/\(client)/federal_contracts",
                                     ["contract_number": "GS-00F-0001", "award_date": "2026-11-02", "verify_scope": "ASSIGNED_ONLY"])
        #expect(refused.status == 422 && refused.errorCodes == ["FED-3"])
        let unordered = try admin.call("POST", "/api/v1/clients/\(client)/federal_contracts",
                                       ["contract_number": "GS-00F-0001", "award_date": "2026-11-02", "end_date": "2026-10-01"])
        #expect(unordered.status == 422 && unordered.errorFields == ["end_date"])

        // Not enrolled at award: enrollment due award + 30 (FED-1), flag due award + 30 (AGT-4/FED-5).
        let created = try admin.call("POST", "/api/v1/clients/\(client)/federal_contracts",
                                     ["contract_number": "GS-00F-0001", "award_date": "2026-11-02", "end_date": "2028-11-01"])
        #expect(created.status == 201, "\(created.response.bodyText)")
        let contract = created["id"] as? String ?? "?"
        let deadlines = (created["deadlines"] as? [[String: Any]] ?? []).map { "\($0["name"] as? String ?? "") \($0["date"] as? String ?? "") \($0["rule"] as? String ?? "")" }
        #expect(deadlines == ["enrollment_due 2026-12-02 FED-1", "new_hire_verification_from 2027-03-02 FED-1",
                              "assigned_employees_due 2027-03-02 FED-2", "profile_update_due 2026-12-02 FED-5"])
        #expect(try Self.kinds(admin, client) == ["CONTRACTOR_FLAG 2026-12-02", "FEDERAL_ENROLLMENT 2026-12-02"])
        #expect(try admin.call("POST", "/api/v1/clients/\(client)/federal_contracts",
                               ["contract_number": "GS-00F-0001", "award_date": "2026-11-02"]).status == 409)

        // Enrolling and flagging settle both; the contract's deadlines follow the enrollment.
        let patched = try admin.call("PATCH", "/api/v1/clients/\(client)", ["federal_contractor": true, "federal_contractor_enrolled_on": "2026-11-10",
                                                                            "verify_existing_workforce_elected_on": "2026-11-16"])
        #expect(patched.status == 200 && patched["federal_contractor_enrolled_on"] as? String == "2026-11-10")
        #expect(try Self.kinds(admin, client) == ["WORKFORCE_VERIFICATION 2027-05-15"])
        let shown = try admin.call("GET", "/api/v1/federal_contracts/\(contract)")
        #expect((shown["deadlines"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }.contains("workforce_due"))

        // FED-2: assigned on 2026-11-16, enrolled after the award: enrollment + 90 is later than assignment + 30.
        let badEmployee = try admin.call("POST", "/api/v1/federal_contracts/\(contract)/employees",
                                         ["employee_id": "E-100", "first_name": "Avery", "last_name": "Q1", "assigned_on": "2026-10-01", "ssn": "000-12-3456"])
        #expect(badEmployee.status == 422 && Set(badEmployee.errorFields) == ["last_name", "assigned_on", "ssn"])
        let employee = try admin.call("POST", "/api/v1/federal_contracts/\(contract)/employees",
                                      ["employee_id": "E-100", "first_name": "Avery", "last_name": "Quickpass", "assigned_on": "2026-11-16", "ssn": "151-20-1001"])
        #expect(employee.status == 201 && employee["due_date"] as? String == "2027-02-08" && employee["ssn"] as? String == "***-**-1001")
        #expect(try Self.kinds(admin, client) == ["CONTRACT_EMPLOYEE 2027-02-08", "WORKFORCE_VERIFICATION 2027-05-15"])

        // The existing employee's case settles the assignment and starts the workforce (FED-4).
        let number = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", Self.existingEmployeeCase(client, contract: contract)))
        #expect(try Self.kinds(admin, client) == [])
        // HIRE-6: never verified twice: not while open, not after Employment Authorized.
        let again = try admin.call("POST", "/api/v1/cases", Self.existingEmployeeCase(client, contract: contract))
        #expect(again.status == 409 && again.errorCodes == ["HIRE-6"], "\(again.response.bodyText)")
        #expect(try admin.call("POST", "/api/v1/cases/\(number)/submit")["case_eligibility_statement"] as? String == "EMPLOYMENT_AUTHORIZED")
        let afterEA = try admin.call("POST", "/api/v1/cases", Self.existingEmployeeCase(client, contract: contract))
        #expect(afterEA.status == 409 && afterEA.errorCodes == ["HIRE-6"])
        let list = try admin.call("GET", "/api/v1/federal_contracts/\(contract)/employees")
        #expect((list["employees"] as? [[String: Any]])?.first?["employee_id"] as? String == "E-100")
    }

    @Test("Roles: client admins write their own, auditors read, client users and other clients cannot")
    func test_FED_roles() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let other = try IdentityEndToEndTests.client(admin, name: "Other Works", ein: "98-7654321")
        _ = try IdentityEndToEndTests.user(admin, "acme.admin", role: "CLIENT_ADMIN", client: desk.client)
        _ = try IdentityEndToEndTests.user(admin, "acme.user", role: "CLIENT_USER", client: desk.client)
        _ = try IdentityEndToEndTests.user(admin, "acme.auditor", role: "AUDITOR", client: desk.client)
        let clientAdmin = try IdentityEndToEndTests.activate(desk.port, "acme.admin", new: "acme-admin-password-1")
        let clientUser = try IdentityEndToEndTests.activate(desk.port, "acme.user", new: "acme-user-password-1")
        let auditor = try IdentityEndToEndTests.activate(desk.port, "acme.auditor", new: "acme-auditor-password-1")
        let body: [String: Any] = ["contract_number": "W912-26-C-0001", "award_date": "2026-11-02"]
        let created = try clientAdmin.call("POST", "/api/v1/clients/\(desk.client)/federal_contracts", body)
        #expect(created.status == 201)
        let contract = created["id"] as? String ?? "?"
        #expect(try clientAdmin.call("POST", "/api/v1/clients/\(other)/federal_contracts", body).status == 404)
        #expect(try auditor.call("GET", "/api/v1/clients/\(desk.client)/federal_contracts").status == 200)
        #expect(try auditor.call("GET", "/api/v1/federal_contracts/\(contract)").status == 200)
        #expect(try auditor.call("POST", "/api/v1/clients/\(desk.client)/federal_contracts", body).status == 403)
        #expect(try clientUser.call("GET", "/api/v1/clients/\(desk.client)/federal_contracts").status == 403)
        // The client user still reads the work queue the contract raised.
        #expect(try WorkQueueEndToEndTests.queue(clientUser, "kind=CONTRACTOR_FLAG").count == 1)
        let otherAdmin = try admin.call("POST", "/api/v1/clients/\(other)/federal_contracts", body)
        #expect(try clientAdmin.call("GET", "/api/v1/federal_contracts/\(otherAdmin["id"] as? String ?? "?")").status == 404)
    }

    @Test("FED-6: a reused Form I-9 of an existing employee skips photo matching; refused for a new hire")
    func test_FED6_reuseSkipsPhotoMatching() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        #expect(try admin.call("PATCH", "/api/v1/clients/\(desk.client)", ["federal_contractor": true]).status == 200)
        var body = CatalogPathTests.listA(desk.client, ssn: "156-20-1006", first: "Phoebe", last: "Photomatch", dob: "1995-01-20",
                                          citizenship: "LAWFUL_PERMANENT_RESIDENT", document: "FORM_I551",
                                          extra: ["alien_number": "A100001006", "i551_number": "SRC1234567891", "reuse_previous_i9": true])
        let newHire = try admin.call("POST", "/api/v1/cases", body)
        #expect(newHire.status == 422 && newHire.errorCodes == ["FED-6"], "\(newHire.response.bodyText)")
        for (key, value) in ["existing_employee": true, "federal_contract_id": "GS-00F-0001", "date_of_hire": "2021-03-01",
                             "offer_accepted_date": "2021-02-15", "i9_section1_date": "2021-03-01", "i9_section2_date": "2021-03-01"] as [String: Any] {
            body[key] = value
        }
        let number = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", body))
        let submitted = try admin.call("POST", "/api/v1/cases/\(number)/submit")
        #expect(submitted["case_status"] as? String == "CLOSED" && submitted["case_eligibility_statement"] as? String == "EMPLOYMENT_AUTHORIZED",
                "\(submitted.response.bodyText)")
    }
}
