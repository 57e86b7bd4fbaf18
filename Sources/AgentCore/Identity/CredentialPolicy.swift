/// The credential rules of ACC-1 beyond the password's length: no reuse of recent
/// passwords, expiry after a maximum age (on the real clock), and a second factor for
/// admins when the agent requires one.
public enum CredentialPolicy {
    /// ACC-1: a new password may be neither the current one nor any of the 5 before it.
    public static let passwordHistoryDepth = 5

    /// ACC-1: the issue reported when a new password repeats a recent one.
    public static func reuseIssue(field: String) -> FieldIssue {
        FieldIssue(field: field, code: "ACC-1",
                   message: "The new password must differ from your current one and the \(passwordHistoryDepth) before it.")
    }

    /// ACC-1: the instant a password set at `changedAt` expires, in the same ISO 8601 UTC
    /// form (`2026-11-21T13:45:07.123Z`), or nil when `changedAt` is not in that form.
    public static func passwordExpiresAt(changedAt: String, maxAgeDays: Int) -> String? {
        let text = Array(changedAt.utf8)
        guard text.count == 24, text[10] == UInt8(ascii: "T"), text[23] == UInt8(ascii: "Z"),
              let day = CivilDate(iso: String(changedAt.prefix(10))) else { return nil }
        return day.adding(days: maxAgeDays).iso + changedAt.dropFirst(10)
    }

    /// The day shown as `password_expiration_date`: the day of `passwordExpiresAt`.
    public static func passwordExpirationDate(changedAt: String, maxAgeDays: Int) -> CivilDate? {
        passwordExpiresAt(changedAt: changedAt, maxAgeDays: maxAgeDays).flatMap { CivilDate(iso: String($0.prefix(10))) }
    }

    /// ACC-1: whether a password set at `changedAt` has expired at `now` (both ISO 8601
    /// UTC with milliseconds, whose text order is time order). An unreadable change time
    /// counts as expired: a damaged row must not make a password live forever.
    public static func isPasswordExpired(changedAt: String, now: String, maxAgeDays: Int) -> Bool {
        guard let expiresAt = passwordExpiresAt(changedAt: changedAt, maxAgeDays: maxAgeDays) else { return true }
        return now >= expiresAt
    }

    /// Whether `p` is an admin who must enroll a second factor before doing anything else
    /// (`totp_required_for_admins`): admins can create users and keys, so a stolen
    /// password alone must not be enough.
    public static func needsSecondFactor(_ p: Principal, requiredForAdmins: Bool) -> Bool {
        requiredForAdmins && (p.role == .agentAdmin || p.role == .clientAdmin) && !p.totpEnabled
    }

    /// What a route lets through that other routes refuse: the password change and the
    /// TOTP enrollment routes must stay reachable for the user who is asked to do them.
    public struct Exemptions: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// A user who must replace an admin-given or expired password.
        public static let pendingPasswordChange = Exemptions(rawValue: 1)
        /// An admin who must still enroll TOTP.
        public static let pendingSecondFactor = Exemptions(rawValue: 2)
    }

    /// The principal as routes see it, after the credential gates: an expired password
    /// sets `mustChangePassword`; a pending change refuses with `PASSWORD_CHANGE_REQUIRED`,
    /// a missing second factor with `TOTP_REQUIRED`, unless the route is exempt.
    public static func admit(_ principal: Principal, now: String, maxAgeDays: Int, totpRequiredForAdmins: Bool,
                             exempt: Exemptions) throws -> Principal {
        var p = principal
        if isPasswordExpired(changedAt: p.passwordChangedAt, now: now, maxAgeDays: maxAgeDays) { p.mustChangePassword = true }
        if p.mustChangePassword && !exempt.contains(.pendingPasswordChange) { throw AccessDenial.passwordChangeRequired }
        if needsSecondFactor(p, requiredForAdmins: totpRequiredForAdmins) && !exempt.contains(.pendingSecondFactor) {
            throw CredentialDenial.secondFactorRequired
        }
        return p
    }
}

/// Why a credential gate refuses a request; the API maps it to 403 with the code.
public enum CredentialDenial: Error, Sendable, Equatable {
    /// An admin without TOTP while the agent requires it (code `TOTP_REQUIRED`).
    case secondFactorRequired
}

/// What the second-factor store refuses besides I/O failure.
public enum SecondFactorError: Error, Sendable, Equatable {
    /// The code's time step was already used to sign in (RFC 6238 section 5.2: a code is
    /// accepted once).
    case codeReused
    /// TOTP is already on for this user; it is not silently replaced.
    case alreadyEnabled
    /// No secret awaits confirmation.
    case notEnrolling
    /// The store has no key to seal secrets with, so TOTP cannot be used.
    case unavailable
}
