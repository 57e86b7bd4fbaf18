import AgentCore
import HTTPCore

/// The JSON Schema of API.md's Case body, built from the same field table the body reader
/// uses (`RequestBody.caseInput`), so a field added there is documented here. The codes'
/// allowed values are judged by the case rules (and listed under `reference/`); the
/// schema gives each field's JSON type and format. The example is the sandbox catalog's
/// "Employment Authorized" person.
enum CaseBodySchema {
    static let json: String = {
        var properties: [String] = []
        for (name, kind) in CaseInput.fields {
            let schema: String
            switch kind {
            case .text: schema = #"{"type":"string"}"#
            case .date: schema = #"{"type":"string","format":"date"}"#
            case .flag: schema = #"{"type":"boolean"}"#
            case .textList: schema = #"{"type":"array","maxItems":20,"items":{"type":"string"}}"#
            }
            properties.append(JSONText.quote(name) + ":" + schema)
        }
        return #"{"type":"object","description":"API.md Case body: a draft may leave fields out; submit checks them all.","properties":{"#
            + properties.joined(separator: ",") + "},\"examples\":[" + example + "]}"
    }()

    /// PATCH `cases/{n}`: the case body, or a legal hold (RET-3) on any status.
    static let patchJSON: String = json.replacingOccurrences(
        of: #""properties":{"#,
        with: #""properties":{"legal_hold":{"type":"boolean"},"legal_hold_reason":{"type":"string","maxLength":500},"#)

    static let example = """
    {"client_company_id":"(from POST /api/v1/clients)","first_name":"Avery","last_name":"Quickpass","date_of_birth":"1990-02-14",\
    "ssn":"151-20-1001","citizenship_status_code":"US_CITIZEN","document_b_type_code":"DRIVERS_LICENSE",\
    "document_c_type_code":"SOCIAL_SECURITY_CARD","document_bc_number":"D1234567","us_state_code":"CA","expiration_date":"2030-01-01",\
    "date_of_hire":"2026-11-16","offer_accepted_date":"2026-11-02","i9_section1_date":"2026-11-16","i9_section2_date":"2026-11-16",\
    "employer_case_id":"HR-Quickpass"}
    """
}
