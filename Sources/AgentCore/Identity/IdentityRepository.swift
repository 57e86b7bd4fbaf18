/// A new user as it is to be stored (password already hashed).
public struct NewUser: Sendable {
    public var username: String
    public var fullName: String
    public var email: String?
    public var role: Role
    public var clientID: ClientID?
    public var passwordHash: String
    public var mustChangePassword: Bool

    public init(username: String, fullName: String, email: String?, role: Role, clientID: ClientID?, passwordHash: String,
                mustChangePassword: Bool) {
        self.username = username
        self.fullName = fullName
        self.email = email
        self.role = role
        self.clientID = clientID
        self.passwordHash = passwordHash
        self.mustChangePassword = mustChangePassword
    }
}

/// A new training result to record.
public struct NewTrainingRecord: Sendable {
    public var userID: UserID
    public var takenOn: CivilDate
    public var scorePercent: Int
    public var passed: Bool
    public var curriculumVersion: String
    public var source: TrainingRecord.Source
    public var note: String?
    public var recordedBy: UserID?

    public init(userID: UserID, takenOn: CivilDate, scorePercent: Int, passed: Bool, curriculumVersion: String,
                source: TrainingRecord.Source, note: String?, recordedBy: UserID?) {
        self.userID = userID
        self.takenOn = takenOn
        self.scorePercent = scorePercent
        self.passed = passed
        self.curriculumVersion = curriculumVersion
        self.source = source
        self.note = note
        self.recordedBy = recordedBy
    }
}

/// What a repository refuses besides I/O failure.
public enum RepositoryError: Error, Sendable, Equatable {
    /// Not there, or not in the caller's scope (the two are indistinguishable on purpose).
    case notFound
    /// A uniqueness rule: `field` already holds this value elsewhere.
    case conflict(field: String, message: String)
    /// A list cursor that this repository did not hand out.
    case invalidCursor
}

/// Stored credentials of one username, for login.
public struct StoredCredentials: Sendable {
    public var user: User
    public var passwordHash: String
    /// The confirmed TOTP secret (opened), when the user signs in with a second factor.
    public var totpSecret: [UInt8]?
    public init(user: User, passwordHash: String, totpSecret: [UInt8]? = nil) {
        self.user = user
        self.passwordHash = passwordHash
        self.totpSecret = totpSecret
    }
}

/// Persistence of clients, users, credentials (sessions, API keys, password history,
/// TOTP secrets) and training records. Every read of
/// client-owned data takes an `AccessScope` and filters by it itself. Every change takes
/// the `AuditEvent` that records it and stores both in one transaction.
public protocol IdentityRepository: Sendable {
    func createClient(_ profile: ClientProfile, audit: AuditEvent) async throws -> ClientCompany
    func client(_ id: ClientID, scope: AccessScope) async throws -> ClientCompany?
    func clients(scope: AccessScope, limit: Int, after cursor: String?) async throws -> Page<ClientCompany>
    /// Reads, transforms and writes back atomically; `transform` may throw to refuse.
    func updateClient(_ id: ClientID, scope: AccessScope, audit: AuditEvent,
                      _ transform: @escaping @Sendable (ClientProfile) throws -> ClientProfile) async throws -> ClientCompany

    func createUser(_ user: NewUser, audit: AuditEvent) async throws -> User
    func user(_ id: UserID, scope: AccessScope) async throws -> User?
    func users(scope: AccessScope, limit: Int, after cursor: String?) async throws -> Page<User>
    func updateUser(_ id: UserID, scope: AccessScope, audit: AuditEvent,
                    _ transform: @escaping @Sendable (inout UserUpdate) throws -> Void) async throws -> User
    func credentials(username: String) async throws -> StoredCredentials?

    /// One atomic step before a password is hashed: judges the attempt by `throttle` and,
    /// when it may go on, counts it as a failure of `usernameKey` and of `address` at once,
    /// so concurrent guesses see each other. Refused floods are tallied per address and
    /// minute; each closed minute's tally becomes one audit entry.
    func reserveLoginAttempt(usernameKey: String, address: String, nowMs: Int64, throttle: LoginThrottle) async throws -> LoginAdmission
    /// Records why a reserved attempt failed (its audit entry); returns the username's
    /// failures inside the window, this one included.
    func recordLoginFailure(_ reservation: LoginReservation, nowMs: Int64, throttle: LoginThrottle, audit: AuditEvent) async throws -> Int
    /// Takes back a reserved attempt that turned out right, without signing in.
    func releaseLoginAttempt(_ reservation: LoginReservation) async throws
    /// Stores a session and clears the username's failures (and takes back `reservation`
    /// from its address's count). With `totpStep`, the step is recorded as used in the
    /// same transaction, or `SecondFactorError.codeReused` thrown when it is not later
    /// than the last step used.
    func createSession(tokenHash: [UInt8], userID: UserID, usernameKey: String, nowMs: Int64, expiresAtMs: Int64,
                       totpStep: Int64?, releasing reservation: LoginReservation?, audit: AuditEvent?) async throws
    /// Replaces a live session by a new one in one step, never past `maxLifetimeMs` after
    /// the sign-in that began the chain. Returns the new session's expiry, or nil (nothing
    /// changed) when the old one is dead or already at that limit.
    func refreshSession(oldTokenHash: [UInt8], newTokenHash: [UInt8], nowMs: Int64, lifetimeMs: Int64, maxLifetimeMs: Int64,
                        audit: AuditEvent) async throws -> Int64?
    /// Replaces the stored password hash by `newHash` of the same password (stronger
    /// parameters), when it is still `oldHash`; the password's age and history stay.
    func rehashPassword(_ id: UserID, from oldHash: String, to newHash: String, audit: AuditEvent) async throws
    /// The principal behind a live session or a live API key (both stored as the SHA-256
    /// of the bearer token), or nil (unknown, revoked, expired, inactive user, a key whose
    /// user left its client).
    func principal(tokenHash: [UInt8], nowMs: Int64, curriculumVersion: String) async throws -> Principal?
    func revokeSession(tokenHash: [UInt8], audit: AuditEvent) async throws

    /// ACC-1: the user's current password hash, then up to `CredentialPolicy.passwordHistoryDepth`
    /// earlier ones, newest first (empty for an unknown user).
    func recentPasswordHashes(_ id: UserID) async throws -> [String]

    /// Stores `secret` as the user's TOTP secret awaiting confirmation (replacing an earlier
    /// unconfirmed one); `SecondFactorError.alreadyEnabled` when TOTP is on.
    func beginSecondFactorEnrollment(_ id: UserID, secret: [UInt8], audit: AuditEvent) async throws
    /// Turns the pending secret on when `verify` finds the code's step in it (the step then
    /// counts as used); false, changing nothing, when it does not.
    func confirmSecondFactor(_ id: UserID, audit: AuditEvent,
                             verify: @escaping @Sendable (_ secret: [UInt8]) -> Int64?) async throws -> Bool

    func createAPIKey(_ key: NewAPIKey, audit: AuditEvent) async throws -> APIKey
    /// Keys of `client` (revoked ones too, with `revokedAt`), oldest first.
    func apiKeys(client: ClientID, scope: AccessScope, limit: Int, after cursor: String?) async throws -> Page<APIKey>
    func apiKey(_ id: String, scope: AccessScope) async throws -> APIKey?
    /// Revokes a key at once; revoking a revoked key changes nothing.
    func revokeAPIKey(_ id: String, scope: AccessScope, audit: AuditEvent) async throws -> APIKey

    func addTrainingRecord(_ record: NewTrainingRecord, scope: AccessScope, audit: AuditEvent) async throws -> TrainingRecord
    func trainingRecords(scope: AccessScope, userID: UserID?, limit: Int, after cursor: String?) async throws -> Page<TrainingRecord>
}

extension IdentityRepository {
    /// A session not tied to a reserved login attempt (set-up and tests).
    public func createSession(tokenHash: [UInt8], userID: UserID, usernameKey: String, nowMs: Int64, expiresAtMs: Int64,
                              totpStep: Int64?, audit: AuditEvent?) async throws {
        try await createSession(tokenHash: tokenHash, userID: userID, usernameKey: usernameKey, nowMs: nowMs, expiresAtMs: expiresAtMs,
                                totpStep: totpStep, releasing: nil, audit: audit)
    }
}

/// The changeable fields of a user, handed to `updateUser`'s transform.
public struct UserUpdate: Sendable {
    public var fullName: String
    public var email: String?
    public var role: Role
    public var clientID: ClientID?
    public var active: Bool
    /// Set to replace the password (already hashed; hashing never runs inside a transaction).
    public var newPasswordHash: String?
    public var mustChangePassword: Bool
    /// A password change ends every other session of the user; this one (the caller's own) stays.
    public var keepSessionTokenHash: [UInt8]?
    /// The hash the new password's checks were made against: when the stored hash is no
    /// longer this one (a concurrent change), the update is refused with a conflict.
    public var expectedPasswordHash: String?

    public init(fullName: String, email: String?, role: Role, clientID: ClientID?, active: Bool, newPasswordHash: String?,
                mustChangePassword: Bool) {
        self.fullName = fullName
        self.email = email
        self.role = role
        self.clientID = clientID
        self.active = active
        self.newPasswordHash = newPasswordHash
        self.mustChangePassword = mustChangePassword
    }
}

/// One page of a list and the opaque cursor of the next, if there is one.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextCursor: String?
    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
