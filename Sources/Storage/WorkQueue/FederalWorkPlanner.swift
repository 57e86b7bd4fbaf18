import AgentCore

/// Re-plans a client's federal-contractor items (FED-1, FED-2, FED-4, AGT-4/FED-5) inside
/// the write job of the change: a contract, an assignment, the profile, the client's flag,
/// or an existing-employee case. A client has few contracts, so the whole set is
/// recomputed each time rather than patched.
public enum FederalWorkPlanner {
    static let contractColumns = "id, client_id, contract_number, award_date, end_date, verify_scope, created_at, created_by"

    static func contract(from row: Statement, offset o: Int) throws -> FederalContract {
        guard let award = RowCodec.date(row.string(at: o + 3)), let scope = VerifyScope(rawValue: row.string(at: o + 5) ?? "") else {
            throw RowDecodingError.invalid(column: "federal_contracts")
        }
        return FederalContract(id: row.string(at: o) ?? "", clientID: ClientID(row.string(at: o + 1) ?? ""),
                               contractNumber: row.string(at: o + 2) ?? "", awardDate: award, endDate: RowCodec.date(row.string(at: o + 4)),
                               verifyScope: scope, createdAt: row.string(at: o + 6) ?? "", createdBy: row.string(at: o + 7))
    }

    static func profile(_ clientID: ClientID, on db: Connection) throws -> FederalContractorProfile {
        try db.queryFirst("SELECT enrolled_on, contractor_category, workforce_elected_on FROM client_federal_profiles WHERE client_id = ?",
                          [.text(clientID.rawValue)]) { row in
            FederalContractorProfile(enrolledOn: RowCodec.date(row.string(at: 0)),
                                     category: ContractorCategory(rawValue: row.string(at: 1) ?? "") ?? .standard,
                                     workforceElectedOn: RowCodec.date(row.string(at: 2)))
        } ?? FederalContractorProfile()
    }

    /// An existing-employee case (HIRE-6) was written: remembered as the start of
    /// workforce verification (FED-4), then the client's items re-planned (FED-2).
    public static func existingEmployeeCase(_ c: StoredCase, on db: Connection) throws {
        try db.execute("INSERT OR IGNORE INTO workforce_verification_starts (client_id, case_number, created_on) VALUES (?, ?, ?)",
                       [.text(c.clientID.rawValue), .text(c.caseNumber), .text(c.progress.createdOn.iso)])
        try replan(c.clientID, on: db)
    }

    public static func replan(_ clientID: ClientID, on db: Connection) throws {
        let profile = try profile(clientID, on: db)
        let flagged = try db.scalar("SELECT federal_contractor FROM clients WHERE id = ?", [.text(clientID.rawValue)])?.int64Value == 1
        let contracts = try db.query("SELECT \(contractColumns) FROM federal_contracts WHERE client_id = ?", [.text(clientID.rawValue)]) {
            try contract(from: $0, offset: 0)
        }
        var byID: [String: FederalContract] = [:]
        for c in contracts {
            byID[c.id] = c
            try WorkItemRows.replace(on: db, subject: WorkSubject(.federalContract, c.id),
                                     items: FederalWorkItems.contractItems(c, profile: profile, clientFlagged: flagged))
        }
        let employees = try db.query("""
            SELECT e.id, e.contract_id, e.employee_id, e.assigned_on,
                   EXISTS (SELECT 1 FROM cases c WHERE c.client_id = e.client_id AND c.ssn_index = e.ssn_index)
                   OR EXISTS (SELECT 1 FROM cases c WHERE c.client_id = e.client_id AND c.employer_case_id = e.employee_id)
            FROM contract_employees e WHERE e.client_id = ?
            """, [.text(clientID.rawValue)]) { row in
            (ContractEmployee(id: row.string(at: 0) ?? "", contractID: row.string(at: 1) ?? "", clientID: clientID,
                              employeeID: row.string(at: 2) ?? "", firstName: "", lastName: "",
                              assignedOn: RowCodec.date(row.string(at: 3)) ?? .referenceDate, maskedSSN: "", createdAt: "", createdBy: nil),
             row.int64(at: 4) == 1)
        }
        for (employee, hasCase) in employees {
            guard let contract = byID[employee.contractID] else { continue }
            let item = FederalWorkItems.employeeItem(employee, contract: contract, profile: profile, hasCase: hasCase)
            try WorkItemRows.replace(on: db, subject: WorkSubject(.contractEmployee, employee.id), items: item.map { [$0] } ?? [])
        }
        var begun = false
        if let elected = profile.workforceElectedOn {
            begun = try db.scalar("SELECT EXISTS (SELECT 1 FROM workforce_verification_starts WHERE client_id = ? AND created_on >= ?)",
                                  [.text(clientID.rawValue), .text(elected.iso)])?.int64Value == 1
        }
        let workforce = FederalWorkItems.workforceItem(clientID: clientID, profile: profile, begunSinceElection: begun)
        try WorkItemRows.replace(on: db, subject: WorkSubject(.client, clientID.rawValue), items: workforce.map { [$0] } ?? [])
    }
}
