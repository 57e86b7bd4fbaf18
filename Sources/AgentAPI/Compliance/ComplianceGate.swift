import AgentCore
import HTTPCore

/// The access checks every compliance route shares: the `:id` client must be in the
/// caller's scope (else 404, never revealing it exists), then the role must allow the
/// read or the write (else 403).
struct ComplianceGate: Sendable {
    let identity: any IdentityRepository
    let auth: Authenticator

    func client(_ context: AgentContext, _ principal: Principal, write: Bool) async throws -> ClientCompany {
        let id = ClientID(context.info.parameters["id"] ?? "")
        guard let client = try await identity.client(id, scope: principal.scope) else { throw RepositoryError.notFound }
        try check(principal, client: id, write: write)
        return client
    }

    func check(_ principal: Principal, client: ClientID, write: Bool) throws {
        if write {
            try Authenticator.require(ComplianceAccess.mayWrite(principal, client: client),
                                      principal.role.isReadOnly ? "Auditors have read-only access."
                                          : "Only agent staff and the client's own admins change its compliance records.")
        } else {
            try Authenticator.require(ComplianceAccess.mayRead(principal, client: client),
                                      "Only agent staff, the client's admins and auditors read its compliance records.")
        }
    }

    func agentRecords(_ principal: Principal, write: Bool) throws {
        if write {
            try Authenticator.require(ComplianceAccess.mayWriteAgentRecords(principal), "Only agent admins record this.")
        } else {
            try Authenticator.require(ComplianceAccess.mayReadAgentRecords(principal), "Only agent staff and agent-wide auditors read this.")
        }
    }

    /// A list's paging, and `deadlines` as the API shows them.
    static func deadlines(_ list: [Deadline]) -> String {
        "[" + list.map { d in
            var w = JSONObjectWriter()
            w.string("name", d.name)
            w.string("date", d.date.iso)
            w.string("rule", d.rule)
            return w.text
        }.joined(separator: ",") + "]"
    }

    /// An enumeration member of a body: nil when absent, an issue when not one of `T`'s codes.
    static func code<T: RawRepresentable & CaseIterable>(_ body: inout RequestBody, _ field: String, as: T.Type,
                                                          required: Bool = false) -> T? where T.RawValue == String {
        guard let text = body.string(field, required: required, maxLength: 60) else { return nil }
        guard let value = T(rawValue: text) else {
            body.note(FieldIssue(field: field, code: FieldIssue.invalidValue,
                                 message: "\(field) is one of \(T.allCases.map(\.rawValue).joined(separator: ", "))."))
            return nil
        }
        return value
    }
}

/// Client members kept beside the client row by other records (the federal-contractor
/// profile): read from PATCH `clients/{id}` and shown with the client.
struct ClientSettingsExtension: Sendable {
    typealias Apply = @Sendable (ClientID, Principal, AgentContext) async throws -> Void
    /// Reads its members (noting issues in the body); the change to make once the body is
    /// accepted, or nil when it carries none of them.
    var read: @Sendable (inout RequestBody) -> Apply?
    /// Its members as JSON text (`"a":1,"b":2`), added to the client's object.
    var members: @Sendable (ClientID) async throws -> String

    static let none = ClientSettingsExtension(read: { _ in nil }, members: { _ in "" })

    /// Several extensions as one: each reads its members, the changes run in order.
    static func combined(_ parts: [ClientSettingsExtension]) -> ClientSettingsExtension {
        ClientSettingsExtension(read: { body in
            let changes = parts.compactMap { $0.read(&body) }
            guard !changes.isEmpty else { return nil }
            return { id, principal, context in for change in changes { try await change(id, principal, context) } }
        }, members: { id in
            var texts: [String] = []
            for part in parts { texts.append(try await part.members(id)) }
            return texts.filter { !$0.isEmpty }.joined(separator: ",")
        })
    }

    /// The client's JSON with the extension's members added.
    func json(_ client: ClientCompany, base given: String? = nil) async throws -> String {
        let base = given ?? Representation.client(client)
        let extra = try await members(client.id)
        guard !extra.isEmpty, base.hasSuffix("}") else { return base }
        return String(base.dropLast()) + "," + extra + "}"
    }
}
