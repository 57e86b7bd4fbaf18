import AgentCore

/// The answers of the compliance routes (contacts, federal contracts, incidents, the
/// agent's duties) as JSON Schema, member for member what their writers put in them.
enum ComplianceSchemas {
    typealias S = SchemaText

    static let contact = S.object([
        ("id", S.nonEmptyString), ("client_company_id", S.nullableString), ("name", S.string), ("role", S.nullableString),
        ("email", S.nullableString), ("phone", S.nullableString), ("kind", S.enumeration(Contact.Kind.allCases.map(\.rawValue))),
        ("created_at", S.timestamp), ("created_by", S.nullableString), ("updated_at", S.timestamp),
    ])

    /// `ComplianceGate.deadlines`.
    static let deadlines = S.array(S.object([("name", S.string), ("date", S.date), ("rule", S.string)]))

    static let federalContract = S.object([
        ("id", S.nonEmptyString), ("client_company_id", S.string), ("contract_number", S.string), ("award_date", S.date),
        ("end_date", S.nullableDate), ("verify_scope", S.enumeration(VerifyScope.allCases.map(\.rawValue))),
        ("deadlines", deadlines), ("created_at", S.timestamp), ("created_by", S.nullableString),
    ])

    static let contractEmployee = S.object([
        ("id", S.nonEmptyString), ("federal_contract_id", S.string), ("client_company_id", S.string), ("employee_id", S.string),
        ("first_name", S.string), ("last_name", S.string), ("assigned_on", S.date),
        ("ssn", #"{"type":"string","description":"Masked: only the last four digits show."}"#), ("due_date", S.date),
        ("rule", S.constant("FED-2")), ("created_at", S.timestamp), ("created_by", S.nullableString),
    ])

    static let incident = S.object([
        ("id", S.nonEmptyString), ("discovered_at", S.timestamp), ("suspected", S.boolean), ("description", S.string),
        ("clients_affected", S.strings), ("records_affected", S.count), ("contained_at", S.nullableTimestamp),
        ("report_due_at", S.timestamp), ("report_url", #"{"type":"string","pattern":"^/api/v1/incidents/[^/]+/report$"}"#),
        ("reported_at", S.nullableTimestamp), ("reported_to", S.nullableString), ("created_at", S.timestamp),
        ("created_by", S.nullableString),
    ])

    /// `IncidentReport.json`.
    static let incidentReport = S.object([
        ("incident_id", S.nonEmptyString), ("agent", S.object([("role", S.string)])),
        ("kind", S.enumeration(["SUSPECTED", "CONFIRMED"])), ("discovered_at", S.timestamp), ("contained_at", S.nullableTimestamp),
        ("description", S.string), ("clients", S.array(S.object([("client_company_id", S.string), ("name", S.string)]))),
        ("records_affected", S.count), ("steps_taken", S.strings), ("reported_at", S.nullableTimestamp),
        ("reported_to", S.nullableString),
    ])

    static let manualVersion = S.object([
        ("id", S.nonEmptyString), ("version", S.string), ("released_on", S.date), ("summary", S.string),
        ("acknowledge_by", S.date), ("created_at", S.timestamp), ("created_by", S.nullableString),
    ])

    static let acknowledgment = S.object([
        ("manual_version_id", S.nonEmptyString), ("version", S.string), ("client_company_id", S.string),
        ("acknowledged_at", S.timestamp),
    ])
}
