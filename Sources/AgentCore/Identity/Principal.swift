/// Who is making a request, as established by a session token or an API key.
public struct Principal: Sendable, Equatable {
    public var userID: UserID
    public var username: String
    public var fullName: String
    public var role: Role
    public var clientID: ClientID?
    /// Set for users an admin created, until they choose their own password.
    public var mustChangePassword: Bool
    /// A passing training record on the current curriculum version exists (TRN-1).
    public var trainedOnCurrentCurriculum: Bool
    /// When the password was last set (ISO 8601 UTC); with the maximum age, when it expires.
    public var passwordChangedAt: String
    /// The user signs in with a second factor (TOTP).
    public var totpEnabled: Bool
    /// Set when the request came with an API key rather than a session: the audit trail
    /// names the key as the actor, and credential routes refuse it.
    public var apiKeyID: String?

    public init(userID: UserID, username: String, fullName: String, role: Role, clientID: ClientID?,
                mustChangePassword: Bool, trainedOnCurrentCurriculum: Bool, passwordChangedAt: String = "",
                totpEnabled: Bool = false, apiKeyID: String? = nil) {
        self.userID = userID
        self.username = username
        self.fullName = fullName
        self.role = role
        self.clientID = clientID
        self.mustChangePassword = mustChangePassword
        self.trainedOnCurrentCurriculum = trainedOnCurrentCurriculum
        self.passwordChangedAt = passwordChangedAt
        self.totpEnabled = totpEnabled
        self.apiKeyID = apiKeyID
    }

    /// The clients whose data this principal may see (ACC-2).
    public var scope: AccessScope {
        if role.isAgentStaff { return .allClients }
        if let clientID { return .client(clientID) }
        return .allClients // an auditor created without a client audits the whole agent
    }
}

/// Why an action is refused for a principal. The API maps these to 403 with the code.
public enum AccessDenial: Error, Sendable, Equatable {
    /// The role may not do this at all (code `FORBIDDEN`).
    case forbidden(String)
    /// TRN-1: no passing knowledge test on the current curriculum.
    case trainingRequired
    /// The user must first replace the password an admin gave them.
    case passwordChangeRequired
}

/// The rules of API.md "Who may do what", as plain functions.
public enum AccessPolicy {
    /// Creating clients and changing their profiles is the agent admin's (AGT-3, AGT-4, FED-5).
    public static func mayManageClients(_ p: Principal) -> Bool { p.role == .agentAdmin }

    /// Client profiles are readable by everyone attached to them and by agent staff.
    public static func mayReadClients(_ p: Principal) -> Bool { true }

    /// Listing and reading user accounts: agent admins (all), client admins (their own client).
    public static func mayReadUsers(_ p: Principal) -> Bool { p.role == .agentAdmin || p.role == .clientAdmin }

    /// Whether `p` may create or change a user with `role` attached to `client` (ACC-1).
    public static func mayManageUser(_ p: Principal, role: Role, client: ClientID?) -> Result<Void, AccessDenial> {
        switch p.role {
        case .agentAdmin:
            return .success(())
        case .clientAdmin:
            guard role == .clientAdmin || role == .clientUser || role == .auditor else {
                return .failure(.forbidden("A client admin may manage only CLIENT_ADMIN, CLIENT_USER and AUDITOR users."))
            }
            guard let client, client == p.clientID else {
                return .failure(.forbidden("A client admin may manage only users of their own client."))
            }
            return .success(())
        default:
            return .failure(.forbidden("Only admins manage users."))
        }
    }

    /// API keys of `client`: agent admins for any client, client admins for their own
    /// (API.md "Who may do what"; ACC-1: a key acts as one named user of that client).
    public static func mayManageAPIKeys(_ p: Principal, client: ClientID) -> Bool {
        p.role == .agentAdmin || (p.role == .clientAdmin && p.clientID == client)
    }

    /// Training records are recorded by the agent admin (tests taken outside the system).
    public static func mayRecordTraining(_ p: Principal) -> Bool { p.role == .agentAdmin }

    /// Training records can be read by admins and auditors within their scope.
    public static func mayReadTraining(_ p: Principal) -> Bool {
        p.role == .agentAdmin || p.role == .clientAdmin || p.role == .auditor
    }

    /// Creating, changing or deactivating users, API keys, TOTP and passwords needs a
    /// session: a key acts for its user on cases and records, but a stolen key must not
    /// mint accounts, keys or credentials that outlive its own revocation.
    public static func checkIdentityAdministration(_ p: Principal) -> Result<Void, AccessDenial> {
        if p.apiKeyID != nil {
            return .failure(.forbidden("Sign in with a password for this; an API key cannot administer users or credentials."))
        }
        return .success(())
    }

    /// Acknowledging the changed-case feed removes entries from it, a write: refused to
    /// read-only roles.
    public static func checkFeedAcknowledgement(_ p: Principal) -> Result<Void, AccessDenial> {
        p.role.isReadOnly ? .failure(.forbidden("Auditors have read-only access.")) : .success(())
    }

    /// TRN-1: every case action needs a passing record on the current curriculum version,
    /// whatever the role. Read-only auditors never act on cases.
    public static func checkCaseAction(_ p: Principal) -> Result<Void, AccessDenial> {
        if p.role.isReadOnly { return .failure(.forbidden("Auditors have read-only access.")) }
        if !p.trainedOnCurrentCurriculum { return .failure(.trainingRequired) }
        return .success(())
    }
}
