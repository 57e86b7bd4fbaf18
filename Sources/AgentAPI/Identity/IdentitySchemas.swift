import AgentCore
import HTTPCore

/// The answers of the identity routes as JSON Schema, member for member what
/// `Representation` and the routes' own writers put in them.
enum IdentitySchemas {
    typealias S = SchemaText

    static let clientMembers: S.Members = [
        ("client_company_id", S.nonEmptyString), ("name", S.string), ("ein", S.string), ("naics_code", S.nullableString),
        ("address", S.nullableString), ("sites", S.strings), ("mou_effective_date", S.date),
        ("employer_business_days", S.array(S.enumeration(Weekday.allCases.map(\.rawValue)))),
        ("employer_closed_dates", S.array(S.date)), ("federal_contractor", S.boolean), ("require_secondary_review", S.boolean),
        ("notice_languages", S.strings), ("created_at", S.timestamp), ("updated_at", S.timestamp),
    ]
    /// `ImageSettingsMembers.json`.
    static let imageMembers: S.Members = [
        ("image_member", S.boolean), ("image_associate", S.boolean), ("image_member_since", S.nullableDate),
        ("i9_audit_interval_months", #"{"type":"integer","minimum":1,"maximum":24}"#),
        ("employee_count", #"{"type":["integer","null"],"minimum":0}"#), ("compliance_officer_user_id", S.nullableString),
        ("tip_line_enabled", S.boolean), ("tip_token", S.nullableString),
    ]
    /// `FederalContractRoutes.settings`.
    static let federalMembers: S.Members = [
        ("federal_contractor_enrolled_on", S.nullableDate),
        ("contractor_category", S.enumeration(ContractorCategory.allCases.map(\.rawValue))),
        ("verify_existing_workforce_elected_on", S.nullableDate),
    ]
    /// As POST answers it: the row alone.
    static let createdClient = S.object(clientMembers)
    /// As GET and PATCH answer it: with the members kept beside the row.
    static let client = S.object(clientMembers + imageMembers + federalMembers)

    static let user = S.object([
        ("id", S.nonEmptyString), ("username", S.string), ("full_name", S.string), ("email", S.nullableString),
        ("role", S.enumeration(Role.allCases.map(\.rawValue))), ("client_company_id", S.nullableString),
        ("must_change_password", S.boolean), ("active", S.boolean), ("password_changed_at", S.timestamp),
        ("password_expiration_date", S.nullableDate), ("totp_enabled", S.boolean), ("created_at", S.timestamp),
        ("updated_at", S.timestamp), ("deactivated_at", S.nullableTimestamp),
    ], optional: ["totp_enabled"])

    static let trainingRecord = S.object([
        ("id", S.nonEmptyString), ("user_id", S.string), ("full_name", S.string), ("client_company_id", S.nullableString),
        ("date", S.date), ("score_percent", S.percent), ("passed", S.boolean), ("curriculum_version", S.string),
        ("source", S.enumeration(["external", "test"])), ("note", S.nullableString), ("recorded_by", S.nullableString),
        ("created_at", S.timestamp),
    ])

    private static let apiKeyMembers: S.Members = [
        ("id", S.nonEmptyString), ("name", S.string), ("user_id", S.string), ("client_company_id", S.string),
        ("created_by", S.nullableString), ("created_at", S.timestamp), ("revoked_at", S.nullableTimestamp), ("active", S.boolean),
    ]
    static let apiKey = S.object(apiKeyMembers)
    /// The answer that creates a key: the only one that shows it.
    static let createdAPIKey = S.object([("key", #"{"type":"string","pattern":"^eak_"}"#)] + apiKeyMembers)

    static let login = S.object([
        ("access_token", S.nonEmptyString), ("token_type", S.constant("Bearer")), ("expires_in", S.count),
        ("password_expiration_date", S.nullableDate), ("must_change_password", S.boolean),
    ])
    static let refresh = S.object([
        ("access_token", S.nonEmptyString), ("token_type", S.constant("Bearer")), ("expires_in", S.count),
        ("must_change_password", S.boolean),
    ])
    static let totpEnrollment = S.object([
        ("secret", #"{"type":"string","pattern":"^[A-Z2-7]+$"}"#), ("otpauth_uri", #"{"type":"string","pattern":"^otpauth://totp/"}"#),
        ("algorithm", S.constant("SHA1")), ("digits", #"{"const":6}"#), ("period", #"{"type":"integer","minimum":1}"#),
        ("totp_enabled", #"{"const":false}"#),
    ])
    static let totpEnabled = S.object([("totp_enabled", #"{"const":true}"#)])

    /// The request of POST `users`, as `createUser` reads it.
    static let userCreateRequest = """
    {"type":"object","required":["username","full_name","password","role"],"properties":{\
    "username":{"type":"string","pattern":"^[A-Za-z0-9._@-]{3,64}$"},"full_name":{"type":"string","minLength":1,"maxLength":200},\
    "email":\(email),"password":\(password),\
    "role":{"enum":\(roles)},"client_company_id":{"type":"string","maxLength":64}}}
    """
    /// The request of PATCH `users/{id}`: any subset; `email` and `client_company_id` may be
    /// null to clear them.
    static let userPatchRequest = """
    {"type":"object","properties":{"full_name":{"type":"string","minLength":1,"maxLength":200},\
    "email":\(email),"role":{"enum":\(roles)},\
    "client_company_id":{"type":"string","maxLength":64},"password":\(password)}}
    """
    /// `UserRules.checkEmail`: one @, something before it, a dot inside the domain, no space;
    /// and, as every string read, no control character.
    private static let email = #"{"type":"string","maxLength":254,"pattern":"^\#(emailCharacter)+@[^@ .\#(SchemaText.controlRanges)]"#
        + #"\#(emailCharacter)*\\.\#(emailCharacter)*[^@ .\#(SchemaText.controlRanges)]$"}"#
    private static let emailCharacter = "[^@ \(SchemaText.controlRanges)]"
    private static let password = #"{"type":"string","minLength":\#(UserRules.minimumPasswordLength),"maxLength":\#(UserRules.maximumPasswordLength)}"#
    private static var roles: String { "[" + Role.allCases.map { JSONText.quote($0.rawValue) }.joined(separator: ",") + "]" }
}
