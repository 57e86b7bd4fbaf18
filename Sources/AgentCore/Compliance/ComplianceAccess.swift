/// Who may read and write compliance records (API.md "Compliance and operations"):
/// agent staff for any client, a client's admins for their own; client users read
/// only the work queue and tips; auditors read, never write.
public enum ComplianceAccess {
    /// Creating or changing a client's compliance records. The caller's scope has
    /// already hidden other clients (404).
    public static func mayWrite(_ p: Principal, client: ClientID) -> Bool {
        p.role.isAgentStaff || (p.role == .clientAdmin && p.clientID == client)
    }

    /// Reading a client's compliance records.
    public static func mayRead(_ p: Principal, client: ClientID) -> Bool {
        mayWrite(p, client: client) || (p.role == .auditor && p.scope.includes(client))
    }

    /// The agent's own records (incidents, manual versions, the agent's contacts):
    /// written by agent admins.
    public static func mayWriteAgentRecords(_ p: Principal) -> Bool { p.role == .agentAdmin }

    /// Read by agent staff and agent-wide auditors.
    public static func mayReadAgentRecords(_ p: Principal) -> Bool {
        p.role.isAgentStaff || (p.role == .auditor && p.clientID == nil)
    }
}
