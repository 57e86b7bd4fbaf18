import AgentCore
import HTTPCore

/// API.md "Federal contractors": contracts with their FAR deadlines (FED-1, FED-2, FED-4,
/// FED-5), the FED-3 choice, and the employees assigned to a contract with their FED-2
/// due dates. The profile members of PATCH `clients/{id}` are read by `settings`.
struct FederalContractRoutes: Sendable {
    let contracts: any FederalContractRepository
    let gate: ComplianceGate

    static let contractSchema = """
    {"type":"object","required":["contract_number","award_date"],"properties":{"contract_number":{"type":"string","maxLength":50},\
    "award_date":{"type":"string","format":"date"},"end_date":{"type":"string","format":"date"},\
    "verify_scope":{"enum":["ALL_NEW_HIRES","ASSIGNED_ONLY"]}}}
    """
    static let employeeSchema = """
    {"type":"object","required":["employee_id","first_name","last_name","assigned_on","ssn"],"properties":{"employee_id":{"type":"string","maxLength":50},\
    "first_name":{"type":"string","maxLength":40},"last_name":{"type":"string","maxLength":40},"assigned_on":{"type":"string","format":"date"},\
    "ssn":{"type":"string","maxLength":11,"pattern":"^[0-9]{3}-?[0-9]{2}-?[0-9]{4}$"}}}
    """

    func register(on router: RouterBuilder<AgentContext>) {
        let tags = ["compliance"]
        router.post("/api/v1/clients/:id/federal_contracts", RouteDocumentation(
            "Record a federal contract; answers its deadlines (FED-1, FED-2, FED-4, FED-5). ASSIGNED_ONLY only for the FED-3 categories.",
            tags: tags, requestSchema: Self.contractSchema,
            responses: [.json("201", ComplianceSchemas.federalContract, "Created")])) { request, context in
            let principal = try await gate.auth.principal(request)
            let client = try await gate.client(context, principal, write: true)
            var body = try RequestBody(request)
            let number = body.string("contract_number", required: true, maxLength: 50)
            let award = body.date("award_date", required: true)
            let end = body.date("end_date")
            let scope = ComplianceGate.code(&body, "verify_scope", as: VerifyScope.self) ?? .allNewHires
            var input: FederalContractInput?
            if let number, let award {
                let candidate = FederalContractInput(contractNumber: number, awardDate: award, endDate: end, verifyScope: scope)
                // The rules against the stored profile now, so every problem is answered at once;
                // the write checks FED-3 again against the profile it commits with.
                do { try FederalContractRules.check(candidate, profile: try await contracts.profile(clientID: client.id)) } catch let f as ValidationFailure {
                    body.merge(f)
                }
                input = candidate
            }
            try body.finish()
            guard let input else { throw ValidationFailure([]) }
            let contract = try await contracts.createContract(
                clientID: client.id, input: input,
                audit: .by(principal, context, action: "federal_contract.create", objectType: "federal_contract", clientID: client.id)) {
                try FederalContractRules.check(input, profile: $0)
            }
            return .json(try await json(contract), status: .created)
        }
        router.get("/api/v1/clients/:id/federal_contracts", RouteDocumentation(
            "The client's federal contracts with their deadlines.", tags: tags, query: ["limit", "cursor"],
            responses: [.json("200", SchemaText.list("federal_contracts", of: ComplianceSchemas.federalContract))])) { request, context in
            let principal = try await gate.auth.principal(request)
            let client = try await gate.client(context, principal, write: false)
            let paging = try IdentityAPI.paging(request)
            let page = try await contracts.contracts(clientID: client.id, limit: paging.limit, after: paging.cursor)
            let profile = try await contracts.profile(clientID: client.id)
            return .json(JSONObjectWriter.list("federal_contracts", items: page.items.map { Self.json($0, profile: profile) },
                                               nextCursor: page.nextCursor))
        }
        router.get("/api/v1/federal_contracts/:cid", RouteDocumentation("One federal contract with its deadlines.", tags: tags,
                                                                                   responses: [.json("200", ComplianceSchemas.federalContract)])) { request, context in
            let principal = try await gate.auth.principal(request)
            let contract = try await contract(context, principal, write: false)
            return .json(try await json(contract))
        }
        registerEmployees(on: router, tags: tags)
    }

    private func registerEmployees(on router: RouterBuilder<AgentContext>, tags: [String]) {
        router.post("/api/v1/federal_contracts/:cid/employees", RouteDocumentation(
            "Assign an existing employee to the contract; answers the FED-2 due_date and raises a CONTRACT_EMPLOYEE item until a case exists.",
            tags: tags, requestSchema: Self.employeeSchema,
            responses: [.json("201", ComplianceSchemas.contractEmployee, "Created")])) { request, context in
            let principal = try await gate.auth.principal(request)
            let contract = try await contract(context, principal, write: true)
            var body = try RequestBody(request)
            let employeeID = body.string("employee_id", required: true, maxLength: 50)
            let first = body.string("first_name", required: true, maxLength: 40)
            let last = body.string("last_name", required: true, maxLength: 40)
            let assigned = body.date("assigned_on", required: true)
            let ssn = body.string("ssn", required: true, maxLength: 11)
            var normalized: String?
            do {
                normalized = try FederalContractRules.checkEmployee(employeeID: employeeID, firstName: first, lastName: last,
                                                                    assignedOn: assigned, ssn: ssn, contract: contract)
            } catch let f as ValidationFailure {
                body.merge(f)
            }
            try body.finish()
            guard let employeeID, let first, let last, let assigned, let normalized else { throw ValidationFailure([]) }
            let employee = try await contracts.addEmployee(
                to: contract, employeeID: employeeID, firstName: first, lastName: last, assignedOn: assigned, ssn: normalized,
                audit: .by(principal, context, action: "contract_employee.create", objectType: "contract_employee", clientID: contract.clientID))
            let profile = try await contracts.profile(clientID: contract.clientID)
            return .json(Self.json(employee, contract: contract, profile: profile), status: .created)
        }
        router.get("/api/v1/federal_contracts/:cid/employees", RouteDocumentation(
            "The employees assigned to the contract with their FED-2 due dates (SSN masked).", tags: tags,
            query: ["limit", "cursor"], responses: [.json("200", SchemaText.list("employees", of: ComplianceSchemas.contractEmployee))])) { request, context in
            let principal = try await gate.auth.principal(request)
            let contract = try await contract(context, principal, write: false)
            let paging = try IdentityAPI.paging(request)
            let page = try await contracts.employees(contractID: contract.id, limit: paging.limit, after: paging.cursor)
            let profile = try await contracts.profile(clientID: contract.clientID)
            return .json(JSONObjectWriter.list("employees", items: page.items.map { Self.json($0, contract: contract, profile: profile) },
                                               nextCursor: page.nextCursor))
        }
    }

    private func contract(_ context: AgentContext, _ principal: Principal, write: Bool) async throws -> FederalContract {
        guard let contract = try await contracts.contract(context.info.parameters["cid"] ?? "", scope: principal.scope) else {
            throw RepositoryError.notFound
        }
        try gate.check(principal, client: contract.clientID, write: write)
        return contract
    }

    private func json(_ contract: FederalContract) async throws -> String {
        Self.json(contract, profile: try await contracts.profile(clientID: contract.clientID))
    }

    static func json(_ c: FederalContract, profile: FederalContractorProfile) -> String {
        var w = JSONObjectWriter()
        w.string("id", c.id)
        w.string("client_company_id", c.clientID.rawValue)
        w.string("contract_number", c.contractNumber)
        w.string("award_date", c.awardDate.iso)
        w.string("end_date", c.endDate?.iso)
        w.string("verify_scope", c.verifyScope.rawValue)
        w.raw("deadlines", ComplianceGate.deadlines(FederalContractRules.deadlines(c, profile: profile)))
        w.string("created_at", c.createdAt)
        w.string("created_by", c.createdBy)
        return w.text
    }

    static func json(_ e: ContractEmployee, contract: FederalContract, profile: FederalContractorProfile) -> String {
        var w = JSONObjectWriter()
        w.string("id", e.id)
        w.string("federal_contract_id", e.contractID)
        w.string("client_company_id", e.clientID.rawValue)
        w.string("employee_id", e.employeeID)
        w.string("first_name", e.firstName)
        w.string("last_name", e.lastName)
        w.string("assigned_on", e.assignedOn.iso)
        w.string("ssn", e.maskedSSN)
        w.string("due_date", FederalContractRules.employeeDueDate(contract, profile: profile, assignedOn: e.assignedOn).iso)
        w.string("rule", "FED-2")
        w.string("created_at", e.createdAt)
        w.string("created_by", e.createdBy)
        return w.text
    }

    /// The profile members of PATCH `clients/{id}` (agent admins, like the rest of the profile).
    static func settings(_ contracts: any FederalContractRepository) -> ClientSettingsExtension {
        ClientSettingsExtension(read: { body in
            var input = FederalContractorProfileInput()
            if body.has("federal_contractor_enrolled_on") { input.enrolledOn = .some(body.date("federal_contractor_enrolled_on")) }
            input.category = ComplianceGate.code(&body, "contractor_category", as: ContractorCategory.self)
            if body.has("verify_existing_workforce_elected_on") {
                input.workforceElectedOn = .some(body.date("verify_existing_workforce_elected_on"))
            }
            guard !input.isEmpty else { return nil }
            let change = input
            return { id, principal, context in
                _ = try await contracts.updateProfile(clientID: id, input: change,
                                                      audit: .by(principal, context, action: "client.federal_profile_update",
                                                                 objectType: "client", clientID: id))
            }
        }, members: { id in
            let p = try await contracts.profile(clientID: id)
            var w = JSONObjectWriter()
            w.string("federal_contractor_enrolled_on", p.enrolledOn?.iso)
            w.string("contractor_category", p.category.rawValue)
            w.string("verify_existing_workforce_elected_on", p.workforceElectedOn?.iso)
            return String(w.text.dropFirst().dropLast())
        })
    }
}
