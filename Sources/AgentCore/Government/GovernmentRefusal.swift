/// The government side answered, and refused the call (ICA 4xx): its own message is
/// passed to our caller, who can correct the request. Nothing is queued or retried.
public struct GovernmentRefusal: Error, Sendable, Equatable {
    /// The HTTP status the government side gave (400–499).
    public var status: Int
    public var code: String?
    public var message: String
    public init(status: Int, code: String?, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }
}

/// The government side answered with a status or value the agent does not know. The
/// agent never guesses what it means: the case stays as it is and a person reviews it.
public struct GovernmentAnswerUnrecognized: Error, Sendable, Equatable {
    /// What was not recognized (a status value or an HTTP status), for the log and the operator.
    public var what: String
    public init(_ what: String) { self.what = what }
}

/// Which government case number belongs to which of the agent's cases, where the
/// government side assigns its own (ICA: POST `cases` answers with the number). Kept
/// durably: later steps and polled updates name the government's number.
public protocol GovernmentCaseNumbers: Sendable {
    func record(agentCaseNumber: String, governmentCaseNumber: String) async throws
    func governmentCaseNumber(for agentCaseNumber: String) async throws -> String?
    func agentCaseNumber(for governmentCaseNumber: String) async throws -> String?
}

/// What an operator sees about the connection to the government side (`/ready`,
/// GET `operations/government`).
public struct GovernmentConnectionStatus: Sendable, Equatable {
    /// `simulate` or `ica`.
    public var mode: String
    public var lastLoginAt: String?
    public var lastPollAt: String?
    public var lastError: String?
    public var lastErrorAt: String?
    public init(mode: String, lastLoginAt: String? = nil, lastPollAt: String? = nil, lastError: String? = nil, lastErrorAt: String? = nil) {
        self.mode = mode
        self.lastLoginAt = lastLoginAt
        self.lastPollAt = lastPollAt
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
    }
}
