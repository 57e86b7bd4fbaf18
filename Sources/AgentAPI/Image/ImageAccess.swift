import AgentCore
import HTTPCore

/// Who may read and write a client's IMAGE records (API.md "Compliance and operations"):
/// agent staff for any client, a client's admins for their own; client users read tips
/// only; auditors read everything in their scope, never write. Outside the caller's scope
/// a client does not exist (404).
struct ImageAccess: Sendable {
    let identity: any IdentityRepository
    let auth: Authenticator

    enum Need { case read, readTips, write }

    func client(_ context: AgentContext, _ principal: Principal, _ need: Need) async throws -> ClientID {
        let id = ClientID(context.info.parameters["id"] ?? "")
        guard try await identity.client(id, scope: principal.scope) != nil else { throw RepositoryError.notFound }
        try check(principal, need)
        return id
    }

    func check(_ principal: Principal, _ need: Need) throws {
        switch need {
        case .write:
            try Authenticator.require(principal.role.isAgentStaff || principal.role == .clientAdmin,
                                      principal.role.isReadOnly ? "Auditors have read-only access."
                                          : "Only agent staff and the client's admins record IMAGE practices.")
        case .read:
            try Authenticator.require(principal.role != .clientUser, "Client users read the work queue and tips only.")
        case .readTips:
            break
        }
    }
}
