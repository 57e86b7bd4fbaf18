/// The limits on password guessing (API.md "Authentication and people"): a username
/// (known or not) locks after `failuresPerUsername` failures inside `windowSeconds`, and
/// one source address may fail `failuresPerAddressPerMinute` times per clock minute, so a
/// flood of random usernames cannot keep the password-hashing threads busy.
///
/// The decision is taken by storage inside one write, before the password is hashed, and
/// the attempt is counted as a failure in that same write (a reservation): concurrent
/// guesses therefore see each other, and at most `failuresPerUsername` are ever hashed
/// per window. A correct password releases its reservation.
public struct LoginThrottle: Sendable, Equatable {
    public var failuresPerUsername: Int
    public var windowSeconds: Int
    public var failuresPerAddressPerMinute: Int

    public init(failuresPerUsername: Int, windowSeconds: Int, failuresPerAddressPerMinute: Int) {
        self.failuresPerUsername = failuresPerUsername
        self.windowSeconds = windowSeconds
        self.failuresPerAddressPerMinute = failuresPerAddressPerMinute
    }

    /// Why an attempt is not even tried; `retryAfter` is in whole seconds (≥ 1).
    public enum Refusal: Sendable, Equatable {
        case usernameLocked(retryAfter: Int)
        case addressLimited(retryAfter: Int)

        public var retryAfter: Int {
            switch self {
            case .usernameLocked(let seconds), .addressLimited(let seconds): return seconds
            }
        }
    }

    /// The clock minute (minutes since 1970) a moment falls in: the per-address window.
    public static func minute(ofMilliseconds ms: Int64) -> Int64 { ms / 60_000 }

    /// The start of the per-username window that ends at `nowMs`.
    public func windowStart(nowMs: Int64) -> Int64 { nowMs - Int64(windowSeconds) * 1000 }

    /// Whether one more attempt may be hashed, given the failures already counted (the
    /// username's inside its window, the address's in the current minute). The address
    /// is judged first: a flood is refused without looking at which names it tries.
    public func refusal(usernameFailures: Int, addressFailures: Int, nowMs: Int64) -> Refusal? {
        if addressFailures >= failuresPerAddressPerMinute {
            let nextMinuteMs = (Self.minute(ofMilliseconds: nowMs) + 1) * 60_000
            return .addressLimited(retryAfter: Self.seconds(untilMs: nextMinuteMs, from: nowMs))
        }
        if usernameFailures >= failuresPerUsername { return .usernameLocked(retryAfter: windowSeconds) }
        return nil
    }

    /// Whether the failures counted so far (this one included) lock the username now:
    /// the failure that reaches the limit is already answered as a lockout.
    public func locks(afterFailures count: Int) -> Bool { count >= failuresPerUsername }

    static func seconds(untilMs end: Int64, from now: Int64) -> Int {
        max(1, Int((end - now + 999) / 1000))
    }
}

/// An attempt counted in advance by `IdentityRepository.reserveLoginAttempt`: a failure
/// unless released by a correct password.
public struct LoginReservation: Sendable, Equatable {
    /// The stored failure row standing for this attempt.
    public var id: Int64
    public var usernameKey: String
    public var address: String
    public var minute: Int64

    public init(id: Int64, usernameKey: String, address: String, minute: Int64) {
        self.id = id
        self.usernameKey = usernameKey
        self.address = address
        self.minute = minute
    }
}

/// The outcome of `IdentityRepository.reserveLoginAttempt`.
public enum LoginAdmission: Sendable, Equatable {
    case reserved(LoginReservation)
    case refused(LoginThrottle.Refusal)
}
