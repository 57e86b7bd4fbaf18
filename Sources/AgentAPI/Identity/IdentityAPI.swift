import AgentCore
import Crypto
import HTTPCore
import Storage

/// Settings of sign-in and accounts, from the configuration.
struct IdentitySettings: Sendable {
    var tokenLifetimeSeconds: Int
    /// No session, however often refreshed, lives longer than this after its sign-in.
    var sessionMaxLifetimeSeconds: Int = 43_200
    var passwordMaxAgeDays: Int
    var throttle: LoginThrottle
    var curriculumVersion: String
    /// Admins must sign in with TOTP; until they enroll, only enrollment is open to them.
    var totpRequiredForAdmins: Bool = false
}

/// The routes of API.md "Authentication and people" and the training records, sharing
/// their dependencies.
struct IdentityAPI: Sendable {
    let repository: any IdentityRepository
    let auth: Authenticator
    let hasher: PasswordHasher
    let pool: BlockingWorkPool
    let settings: IdentitySettings
    /// A hash of nothing in particular, verified against for unknown usernames so that
    /// a login takes as long whether or not the name exists.
    let decoyHash: String
    /// Called after a client's profile changed: its business days and review setting move
    /// work-queue dates the client's own change does not write.
    var clientChanged: @Sendable (ClientID) async throws -> Void = { _ in }
    /// Client members kept by compliance records (PATCH and GET `clients/{id}`).
    var clientSettings = ClientSettingsExtension.none
    /// The IMAGE members of PATCH and GET `clients/{id}`, kept beside the client row.
    var imageSettings: ImageSettingsMembers?

    init(repository: any IdentityRepository, hasher: PasswordHasher, pool: BlockingWorkPool, settings: IdentitySettings) throws {
        self.repository = repository
        self.auth = Authenticator(repository: repository, curriculumVersion: settings.curriculumVersion,
                                  passwordMaxAgeDays: settings.passwordMaxAgeDays, totpRequiredForAdmins: settings.totpRequiredForAdmins)
        self.hasher = hasher
        self.pool = pool
        self.settings = settings
        self.decoyHash = try hasher.hash(SecureRandom.token())
    }

    func register(on router: RouterBuilder<AgentContext>) {
        registerAuthentication(on: router)
        registerClients(on: router)
        registerUsers(on: router)
        registerSecondFactor(on: router)
        registerAPIKeys(on: router)
        registerTraining(on: router)
    }

    // MARK: Shared helpers

    func hash(_ password: String) async throws -> String {
        let hasher = self.hasher
        return try await pool.run { try hasher.hash(password) }
    }

    func verify(_ password: String, against stored: String) async throws -> Bool {
        let hasher = self.hasher
        return try await pool.run { hasher.verify(password, against: stored) }
    }

    /// Counts one password check for `usernameKey` from the caller's address before it
    /// runs (429 when the throttle refuses it, 503 when the hashing queue is full).
    func reserveAttempt(usernameKey: String, _ context: AgentContext, nowMs: Int64) async throws -> LoginReservation {
        // Refused before anything is counted, so an overload locks nobody out.
        guard pool.hasRoom else { throw WorkPoolSaturated() }
        switch try await repository.reserveLoginAttempt(usernameKey: usernameKey, address: context.info.remoteAddress, nowMs: nowMs,
                                                        throttle: settings.throttle) {
        case .reserved(let reservation): return reservation
        case .refused(let refusal): throw AuthenticationFailure.refused(refusal)
        }
    }

    /// Verifies a password for a reserved attempt; when the hashing queue filled up
    /// meanwhile, the attempt is taken back before the 503.
    func verify(_ password: String, against stored: String, reserved reservation: LoginReservation) async throws -> Bool {
        do {
            return try await verify(password, against: stored)
        } catch let saturated as WorkPoolSaturated {
            try await repository.releaseLoginAttempt(reservation)
            throw saturated
        }
    }

    /// The day a password set at `changedAt` (ISO timestamp) expires (ACC-1).
    func passwordExpiration(changedAt: String) -> String? {
        CredentialPolicy.passwordExpirationDate(changedAt: changedAt, maxAgeDays: settings.passwordMaxAgeDays)?.iso
    }

    /// Whether the user must choose a new password now: an admin gave it, or it expired
    /// (ACC-1, on the real clock).
    func mustChangePassword(_ user: User) -> Bool {
        user.mustChangePassword
            || CredentialPolicy.isPasswordExpired(changedAt: user.passwordChangedAt, now: UTCTime.nowISO(),
                                                  maxAgeDays: settings.passwordMaxAgeDays)
    }

    func userJSON(_ user: User, totpEnabled: Bool? = nil) -> String {
        var shown = user
        shown.mustChangePassword = mustChangePassword(user)
        return Representation.user(shown, passwordExpiration: passwordExpiration(changedAt: user.passwordChangedAt), totpEnabled: totpEnabled)
    }

    /// `limit` (1–200, default 50) and `cursor` of a list request.
    static func paging(_ request: HTTPRequest) throws -> (limit: Int, cursor: String?) {
        var limit = 50
        if let text = request.queryParameter("limit") {
            guard let value = Int(text), (1...200).contains(value) else {
                throw ValidationFailure([FieldIssue(field: "limit", code: FieldIssue.outOfRange, message: "limit must be 1 to 200.")])
            }
            limit = value
        }
        return (limit, request.queryParameter("cursor"))
    }
}
