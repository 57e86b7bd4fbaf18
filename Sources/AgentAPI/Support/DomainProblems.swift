import AgentCore
import HTTPCore
import Notices

// The one place where domain errors become HTTP problems (STYLE.md: typed errors, mapped once).

extension ValidationFailure: ProblemConvertible {
    public var problem: ProblemDetails {
        let summary = issues.count == 1 ? issues[0].message : "\(issues.count) fields or rules refused the request."
        return ProblemDetails(status: .unprocessableContent, type: "validation", title: "Request refused",
                              detail: summary, errors: issues.map(FieldProblem.init))
    }
}

extension RepositoryError: ProblemConvertible {
    public var problem: ProblemDetails {
        switch self {
        case .notFound:
            return ProblemDetails(status: .notFound, type: "not-found", title: "Not found", detail: "No such resource.")
        case let .conflict(field, message):
            return ProblemDetails(status: .conflict, type: "conflict", title: "Conflict", detail: message,
                                  errors: [FieldProblem(field: field, code: FieldIssue.invalidValue, message: message)])
        case .invalidCursor:
            return ProblemDetails(status: .badRequest, type: "invalid-cursor", title: "Invalid cursor",
                                  detail: "The cursor was not issued by this list; start again without it.",
                                  errors: [FieldProblem(field: "cursor", code: FieldIssue.invalidFormat, message: "Unknown cursor.")])
        }
    }
}

extension AccessDenial: ProblemConvertible {
    public var problem: ProblemDetails {
        switch self {
        case .forbidden(let reason):
            return ProblemDetails(status: .forbidden, type: "forbidden", title: "Forbidden", detail: reason,
                                  errors: [FieldProblem(field: "", code: "FORBIDDEN", message: reason)])
        case .trainingRequired:
            let message = "Pass the knowledge test on the current curriculum (70% or more) before using verification functions."
            return ProblemDetails(status: .forbidden, type: "training-required", title: "Training required", detail: message,
                                  errors: [FieldProblem(field: "", code: "TRN-1", message: message)])
        case .passwordChangeRequired:
            let message = "Choose a new password with POST /api/v1/users/me/password first."
            return ProblemDetails(status: .forbidden, type: "password-change-required", title: "Password change required",
                                  detail: message, errors: [FieldProblem(field: "", code: "PASSWORD_CHANGE_REQUIRED", message: message)])
        }
    }
}

/// Why a request carries no usable identity (401).
enum AuthenticationFailure: Error, ProblemConvertible {
    case missing
    case invalid
    case badCredentials
    /// Too many failed logins for this username; retry after the given seconds (429).
    case lockedOut(retryAfter: Int)
    /// The session reached `session_max_lifetime_seconds`: refresh cannot extend it (401).
    case sessionEnded
    /// Too many failed logins from this source address this minute (429).
    case addressLimited(retryAfter: Int)

    var problem: ProblemDetails {
        let challenge = HTTPHeaders([("WWW-Authenticate", "Bearer")])
        switch self {
        case .missing:
            return ProblemDetails(status: .unauthorized, type: "unauthenticated", title: "Authentication required",
                                  detail: "Send Authorization: Bearer <token>.", headers: challenge)
        case .invalid:
            return ProblemDetails(status: .unauthorized, type: "unauthenticated", title: "Authentication required",
                                  detail: "The token is unknown, expired or revoked.", headers: challenge)
        case .sessionEnded:
            return ProblemDetails(status: .unauthorized, type: "unauthenticated", title: "Authentication required",
                                  detail: "The session has ended (it reached its maximum lifetime or was revoked); sign in again.",
                                  headers: challenge)
        case .badCredentials:
            return ProblemDetails(status: .unauthorized, type: "bad-credentials", title: "Login failed",
                                  detail: "The username or password is wrong.")
        case .lockedOut(let seconds):
            return ProblemDetails(status: .tooManyRequests, type: "locked-out", title: "Too many attempts",
                                  detail: "Too many failed logins for this username; try again later.",
                                  headers: HTTPHeaders([("Retry-After", String(seconds))]))
        case .addressLimited(let seconds):
            return ProblemDetails(status: .tooManyRequests, type: "rate-limited", title: "Too many attempts",
                                  detail: "Too many failed logins from this address; try again later.",
                                  headers: HTTPHeaders([("Retry-After", String(seconds))]))
        }
    }

    /// The answer to an attempt the throttle turned away before any password check.
    static func refused(_ refusal: LoginThrottle.Refusal) -> AuthenticationFailure {
        switch refusal {
        case .usernameLocked(let seconds): return .lockedOut(retryAfter: seconds)
        case .addressLimited(let seconds): return .addressLimited(retryAfter: seconds)
        }
    }
}

extension WorkPoolSaturated: ProblemConvertible {
    var problem: ProblemDetails {
        ProblemDetails(status: .serviceUnavailable, type: "overloaded", title: "Too busy",
                       detail: "Too many password checks are waiting; try again shortly.",
                       headers: HTTPHeaders([("Retry-After", "1")]))
    }
}

extension CaseStateConflict: ProblemConvertible {
    public var problem: ProblemDetails {
        var problem = ProblemDetails(status: .conflict, type: rule == nil ? "case-state" : "case-rule",
                                     title: rule == nil ? "Not allowed in this state" : "Refused by rule \(rule ?? "")",
                                     detail: message,
                                     errors: [FieldProblem(field: action.rawValue, code: rule ?? "CASE_STATE", message: message)])
        problem.extensions = [("case_status", JSONText.quote(status.rawValue)),
                              ("next_actions", "[" + allowed.map { JSONText.quote($0.rawValue) }.joined(separator: ",") + "]")]
        return problem
    }
}

extension GovernmentUnavailable: ProblemConvertible {
    public var problem: ProblemDetails {
        ProblemDetails(status: .serviceUnavailable, type: "government-unavailable", title: "Government side unavailable",
                       detail: "DHS/SSA did not answer; try again later.", headers: HTTPHeaders([("Retry-After", "60")]))
    }
}

extension NoticeError: ProblemConvertible {
    public var problem: ProblemDetails {
        switch self {
        case .unsupportedLanguage(let language):
            return ProblemDetails(status: .unprocessableContent, type: "validation", title: "Request refused",
                                  detail: "No notice in \(language).",
                                  errors: [FieldProblem(field: "language", code: FieldIssue.invalidValue, message: "No notice in \(language).")])
        case .fontsUnavailable, .renderingFailed, .rendererStopped:
            return ProblemDetails(status: .serviceUnavailable, type: "notices-unavailable", title: "Notices unavailable",
                                  detail: "The notice could not be rendered; it has been logged.")
        }
    }
}
