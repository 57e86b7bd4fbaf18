import AgentCore
import Crypto
import HTTPCore

/// The IMAGE members of PATCH and GET `clients/{id}` (API.md "IMAGE records"): read with
/// the profile, checked before anything is written, then stored beside the client row.
struct ImageSettingsMembers: Sendable {
    let records: any ImageRecordRepository
    let identity: any IdentityRepository
    let clock: any ServiceClock

    static let schemaMembers = """
    "image_member":{"type":"boolean"},"image_associate":{"type":"boolean"},\
    "i9_audit_interval_months":{"type":"integer","minimum":1,"maximum":24},\
    "employee_count":{"type":["integer","null"],"minimum":0,"maximum":10000000},\
    "compliance_officer_user_id":{"type":["string","null"],"maxLength":64},"tip_line_enabled":{"type":"boolean"}
    """

    /// The members the body gives; nil when it gives none.
    static func read(_ body: inout RequestBody) -> ImageSettingsInput? {
        var input = ImageSettingsInput()
        input.member = body.bool("image_member")
        input.associate = body.bool("image_associate")
        input.auditIntervalMonths = body.int("i9_audit_interval_months", range: 1...24)
        if body.has("employee_count") { input.employeeCount = .some(body.int("employee_count", range: 0...10_000_000)) }
        if body.has("compliance_officer_user_id") {
            input.complianceOfficer = .some(body.string("compliance_officer_user_id", maxLength: 64).map(UserID.init))
        }
        input.tipLineEnabled = body.bool("tip_line_enabled")
        return input.isEmpty ? nil : input
    }

    /// Everything that could refuse the change, before the profile is written: the
    /// officer is an active user of this client, and the settings as they would be pass
    /// IMG-COMPLIANCE-OFFICER.
    func check(_ input: ImageSettingsInput, clientID: ClientID) async throws {
        var issues = IssueCollector()
        if case .some(.some(let officer)) = input.complianceOfficer {
            let user = try await identity.user(officer, scope: .client(clientID))
            if user?.active != true || user?.clientID != clientID {
                issues.add("compliance_officer_user_id", FieldIssue.invalidValue,
                           "compliance_officer_user_id must be an active user of this client.")
            }
        }
        let current = try await records.settings(clientID).settings
        _ = ImageRules.apply(input, to: current, today: try await clock.today(), issues: &issues)
        try issues.check()
    }

    func apply(_ input: ImageSettingsInput, clientID: ClientID, principal: Principal, context: AgentContext) async throws {
        _ = try await records.updateSettings(clientID, input: input, today: try await clock.today(),
                                             tipToken: SecureRandom.token(byteCount: 32),
                                             audit: .by(principal, context, action: "client.image_settings_update",
                                                        objectType: "client", clientID: clientID))
    }

    /// The client's JSON with its IMAGE members added.
    func json(_ client: ClientCompany) async throws -> String {
        let base = Representation.client(client)
        let (s, token) = try await records.settings(client.id)
        var w = JSONObjectWriter()
        w.bool("image_member", s.member)
        w.bool("image_associate", s.associate)
        w.string("image_member_since", s.memberSince?.iso)
        w.int("i9_audit_interval_months", s.auditIntervalMonths)
        w.int("employee_count", s.employeeCount)
        w.string("compliance_officer_user_id", s.complianceOfficer?.rawValue)
        w.bool("tip_line_enabled", s.tipLineEnabled)
        w.string("tip_token", s.tipLineEnabled ? token : nil)
        guard base.hasSuffix("}") else { return base }
        return String(base.dropLast()) + "," + String(w.text.dropFirst())
    }
}
