import AgentCore
import Crypto
import Foundation

/// `FederalContractRepository` on SQLite. Employees' names and SSN are sealed with the
/// field cipher (bound to the row id); the SSN is matched to cases through the blind index.
public final class SQLiteFederalContracts: FederalContractRepository {
    let database: Database
    let cipher: FieldCipher
    let indexKey: [UInt8]

    public init(database: Database, cipher: FieldCipher, indexKey: [UInt8]) {
        self.database = database
        self.cipher = cipher
        self.indexKey = indexKey
    }

    public func profile(clientID: ClientID) async throws -> FederalContractorProfile {
        try await database.read { db in try FederalWorkPlanner.profile(clientID, on: db) }
    }

    public func updateProfile(clientID: ClientID, input: FederalContractorProfileInput, audit: AuditEvent) async throws -> FederalContractorProfile {
        try await database.write { db in
            let before = try FederalWorkPlanner.profile(clientID, on: db)
            let after = input.applied(to: before)
            let now = UTCTime.nowISO()
            try db.execute("""
                INSERT INTO client_federal_profiles (client_id, enrolled_on, contractor_category, workforce_elected_on, updated_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (client_id) DO UPDATE SET enrolled_on = excluded.enrolled_on,
                    contractor_category = excluded.contractor_category, workforce_elected_on = excluded.workforce_elected_on,
                    updated_at = excluded.updated_at
                """, [.text(clientID.rawValue), SQLValue(after.enrolledOn?.iso), .text(after.category.rawValue),
                      SQLValue(after.workforceElectedOn?.iso), .text(now)])
            var changes: [FieldChange] = []
            func note(_ field: String, _ old: String?, _ new: String?) {
                if old != new { changes.append(FieldChange(field: field, before: old, after: new)) }
            }
            note("federal_contractor_enrolled_on", before.enrolledOn?.iso, after.enrolledOn?.iso)
            note("contractor_category", before.category.rawValue, after.category.rawValue)
            note("verify_existing_workforce_elected_on", before.workforceElectedOn?.iso, after.workforceElectedOn?.iso)
            if !changes.isEmpty {
                try AuditLog.append(audit.with(changes: changes, objectID: clientID.rawValue, clientID: clientID), on: db, at: now)
            }
            try FederalWorkPlanner.replan(clientID, on: db)
            return after
        }
    }

    public func createContract(clientID: ClientID, input: FederalContractInput, audit: AuditEvent,
                               check: @escaping @Sendable (FederalContractorProfile) throws -> Void) async throws -> FederalContract {
        try await database.write { db in
            try check(try FederalWorkPlanner.profile(clientID, on: db))
            let contract = FederalContract(id: RowCodec.newID(), clientID: clientID, contractNumber: input.contractNumber,
                                           awardDate: input.awardDate, endDate: input.endDate, verifyScope: input.verifyScope,
                                           createdAt: UTCTime.nowISO(), createdBy: audit.actor.id)
            do {
                try db.execute("""
                    INSERT INTO federal_contracts (id, client_id, contract_number, award_date, end_date, verify_scope, created_at, created_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, [.text(contract.id), .text(clientID.rawValue), .text(contract.contractNumber), .text(contract.awardDate.iso),
                          SQLValue(contract.endDate?.iso), .text(contract.verifyScope.rawValue), .text(contract.createdAt),
                          SQLValue(contract.createdBy)])
            } catch let error as SQLiteError where error.isUniqueViolation {
                throw RepositoryError.conflict(field: "contract_number", message: "This client already has a contract with this number.")
            }
            try AuditLog.append(audit.with(changes: [FieldChange(field: "contract_number", before: nil, after: contract.contractNumber),
                                                     FieldChange(field: "award_date", before: nil, after: contract.awardDate.iso),
                                                     FieldChange(field: "verify_scope", before: nil, after: contract.verifyScope.rawValue)],
                                           objectID: contract.id, clientID: clientID), on: db, at: contract.createdAt)
            try FederalWorkPlanner.replan(clientID, on: db)
            return contract
        }
    }

    public func contracts(clientID: ClientID, limit: Int, after cursor: String?) async throws -> Page<FederalContract> {
        let after = try RowCodec.rowid(fromCursor: cursor)
        return try await database.read { db in
            let rows = try db.query("SELECT rowid, \(FederalWorkPlanner.contractColumns) FROM federal_contracts WHERE client_id = ? AND rowid > ? ORDER BY rowid LIMIT ?",
                                    [.text(clientID.rawValue), .integer(after), SQLValue(limit + 1)]) { row in
                (row.int64(at: 0), try FederalWorkPlanner.contract(from: row, offset: 1))
            }
            return RowCodec.page(rows, limit: limit)
        }
    }

    public func contract(_ id: String, scope: AccessScope) async throws -> FederalContract? {
        let filter = RowCodec.scopeFilter(scope)
        return try await database.read { db in
            try db.queryFirst("SELECT \(FederalWorkPlanner.contractColumns) FROM federal_contracts WHERE id = ?\(filter.sql)",
                              [.text(id)] + filter.parameters) { try FederalWorkPlanner.contract(from: $0, offset: 0) }
        }
    }

    public func addEmployee(to contract: FederalContract, employeeID: String, firstName: String, lastName: String, assignedOn: CivilDate,
                            ssn: String, audit: AuditEvent) async throws -> ContractEmployee {
        let id = RowCodec.newID()
        let index = HMAC.sha256(key: indexKey, data: Array(ssn.filter(\.isNumber).utf8))
        let plain = try JSONSerialization.data(withJSONObject: ["first_name": firstName, "last_name": lastName, "ssn": ssn],
                                               options: [.sortedKeys])
        let sealed = try cipher.seal(Array(plain), context: FieldCipher.context(["contract_employees", id]))
        let employee = ContractEmployee(id: id, contractID: contract.id, clientID: contract.clientID, employeeID: employeeID,
                                        firstName: firstName, lastName: lastName, assignedOn: assignedOn, maskedSSN: PIIMask.ssn(ssn),
                                        createdAt: UTCTime.nowISO(), createdBy: audit.actor.id)
        return try await database.write { db in
            do {
                try db.execute("""
                    INSERT INTO contract_employees (id, contract_id, client_id, employee_id, assigned_on, ssn_index, ssn_last4, data, created_at, created_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [.text(id), .text(contract.id), .text(contract.clientID.rawValue), .text(employeeID), .text(assignedOn.iso),
                          .blob(index), .text(String(ssn.suffix(4))), .blob(sealed), .text(employee.createdAt), SQLValue(employee.createdBy)])
            } catch let error as SQLiteError where error.isUniqueViolation {
                throw RepositoryError.conflict(field: "employee_id", message: "This employee is already assigned to this contract.")
            }
            try AuditLog.append(audit.with(changes: [FieldChange(field: "employee_id", before: nil, after: employeeID),
                                                     FieldChange(field: "assigned_on", before: nil, after: assignedOn.iso),
                                                     FieldChange(field: "ssn", before: nil, after: employee.maskedSSN)],
                                           objectID: id, clientID: contract.clientID), on: db, at: employee.createdAt)
            try FederalWorkPlanner.replan(contract.clientID, on: db)
            return employee
        }
    }

    public func employees(contractID: String, limit: Int, after cursor: String?) async throws -> Page<ContractEmployee> {
        let after = try RowCodec.rowid(fromCursor: cursor)
        return try await database.read { db in
            let rows = try db.query("""
                SELECT rowid, id, contract_id, client_id, employee_id, assigned_on, data, created_at, created_by FROM contract_employees
                WHERE contract_id = ? AND rowid > ? ORDER BY rowid LIMIT ?
                """, [.text(contractID), .integer(after), SQLValue(limit + 1)]) { row in
                let id = row.string(at: 1) ?? ""
                let plain = try self.cipher.open(row.blob(at: 6) ?? [], context: FieldCipher.context(["contract_employees", id]))
                let fields = (try JSONSerialization.jsonObject(with: Data(plain)) as? [String: String]) ?? [:]
                guard let assigned = RowCodec.date(row.string(at: 5)) else { throw RowDecodingError.invalid(column: "contract_employees.assigned_on") }
                return (row.int64(at: 0), ContractEmployee(id: id, contractID: row.string(at: 2) ?? "", clientID: ClientID(row.string(at: 3) ?? ""),
                                                           employeeID: row.string(at: 4) ?? "", firstName: fields["first_name"] ?? "",
                                                           lastName: fields["last_name"] ?? "", assignedOn: assigned,
                                                           maskedSSN: PIIMask.ssn(fields["ssn"] ?? ""), createdAt: row.string(at: 7) ?? "",
                                                           createdBy: row.string(at: 8)))
            }
            return RowCodec.page(rows, limit: limit)
        }
    }
}

extension SQLiteFederalContracts {
    /// Re-plans the client's federal items after a change of the client row (its
    /// federal-contractor flag settles AGT-4), which the identity repository writes.
    public func replan(clientID: ClientID) async throws {
        try await database.write { db in try FederalWorkPlanner.replan(clientID, on: db) }
    }
}
