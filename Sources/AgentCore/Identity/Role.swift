/// The five roles of the agent's users (API.md "Who may do what").
public enum Role: String, Sendable, Codable, CaseIterable {
    case agentAdmin = "AGENT_ADMIN"
    case agentUser = "AGENT_USER"
    case clientAdmin = "CLIENT_ADMIN"
    case clientUser = "CLIENT_USER"
    case auditor = "AUDITOR"

    /// Agent staff act across clients; everyone else belongs to one client (an auditor
    /// may be either).
    public var isAgentStaff: Bool { self == .agentAdmin || self == .agentUser }

    /// Whether a user of this role must, may or must not name a client.
    public enum ClientBinding: Sendable { case never, required, optional }
    public var clientBinding: ClientBinding {
        switch self {
        case .agentAdmin, .agentUser: return .never
        case .clientAdmin, .clientUser: return .required
        case .auditor: return .optional
        }
    }

    /// Read-only roles never change data.
    public var isReadOnly: Bool { self == .auditor }
}

/// Identifies a client (employer). Opaque text (a UUID) in the API as `client_company_id`.
public struct ClientID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Identifies a user. Opaque text (a UUID).
public struct UserID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Which clients' data a query may see. Repositories filter by it in SQL, so a handler
/// cannot forget to (ACC-2).
public enum AccessScope: Sendable, Equatable {
    case allClients
    case client(ClientID)

    public func includes(_ client: ClientID?) -> Bool {
        switch self {
        case .allClients: return true
        case .client(let own): return client == own
        }
    }
}
