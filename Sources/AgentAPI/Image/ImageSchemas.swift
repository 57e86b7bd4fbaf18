import AgentCore
import HTTPCore

/// The answers of the IMAGE routes as JSON Schema, member for member what their writers
/// put in them. A record's own fields come from its `Codable` body, which leaves an absent
/// optional out rather than writing `null`.
enum ImageSchemas {
    typealias S = SchemaText

    private static func record(_ kind: ImageRecordKind, _ fields: S.Members, optional: Set<String>) -> String {
        S.object([("id", S.nonEmptyString), ("client_company_id", S.string), ("kind", S.constant(kind.rawValue)),
                  ("created_at", S.timestamp), ("created_by", S.nullableString), ("updated_at", S.timestamp)] + fields,
                 optional: optional)
    }

    static let records: [ImageRecordKind: String] = [
        .noMatchLetter: record(.noMatchLetter, [
            ("received_on", S.date), ("employee_id", S.string), ("letter_type", S.string),
            ("steps", S.array(S.object([("on", S.date), ("action", S.string)]))), ("resolution", S.string), ("resolved_on", S.date),
        ], optional: ["resolution", "resolved_on"]),
        .selfReport: record(.selfReport, [
            ("discovered_on", S.date), ("description", S.string), ("corrective_action", S.string), ("reported_to_ice_on", S.date),
        ], optional: ["corrective_action", "reported_to_ice_on"]),
        .audit: record(.audit, [
            ("performed_on", S.date), ("auditor_name", S.string), ("auditor_independent", S.boolean),
            ("forms_sampled", #"{"type":"integer","minimum":1}"#), ("findings", S.string), ("corrections", S.string),
        ], optional: ["findings", "corrections"]),
        .contractorAssessment: record(.contractorAssessment, [
            ("contractor_name", S.string), ("assessed_on", S.date), ("adheres", S.boolean), ("notes", S.string),
        ], optional: ["notes"]),
    ]

    static let tip = S.object([
        ("id", S.nonEmptyString), ("client_company_id", S.string), ("message", S.string), ("contact", S.nullableString),
        ("received_at", S.timestamp), ("received_on", S.date), ("reply", S.nullableString), ("replied_at", S.nullableTimestamp),
        ("replied_by", S.nullableString), ("created_at", S.timestamp),
    ])
    static let tipReceipt = S.object([("follow_up_code", S.nonEmptyString)])
    static let tipFollowUp = S.object([
        ("received_at", S.timestamp), ("answered", S.boolean), ("reply", S.nullableString), ("replied_at", S.nullableTimestamp),
    ])
    static let tipToken = S.object([("tip_token", S.nonEmptyString)])

    private static let countsByResult = #"{"type":"object","required":["#
        + ImageAnnualReport.resultBuckets.map(JSONText.quote).joined(separator: ",")
        + #"],"additionalProperties":{"type":"integer","minimum":0}}"#

    static let annualReport = S.object([
        ("year", #"{"type":"integer","minimum":2000,"maximum":2200}"#), ("client_company_id", S.string),
        ("cases_by_result", countsByResult), ("cases_by_citizenship_status", S.map(S.count)),
        ("discharged_because_of_participation", S.count),
        ("applicants_denied_because_of_participation", #"{"type":["integer","null"],"minimum":0}"#),
        ("organizational_changes", S.nullableString), ("contact_person", S.nullableString), ("filed", S.boolean),
        ("audits", S.count), ("self_reports", S.count), ("no_match_letters", S.count), ("tips", S.count),
    ])
}
