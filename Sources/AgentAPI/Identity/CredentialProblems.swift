import AgentCore
import HTTPCore

// How the credential errors of issue 7 read over HTTP (the other domain errors are
// mapped in Support/DomainProblems.swift).

extension CredentialDenial: ProblemConvertible {
    public var problem: ProblemDetails {
        switch self {
        case .secondFactorRequired:
            let message = "Admins must sign in with a second factor: enroll with POST /api/v1/users/me/totp, then confirm a code."
            return ProblemDetails(status: .forbidden, type: "totp-enrollment-required", title: "Second factor required",
                                  detail: message, errors: [FieldProblem(field: "", code: "TOTP_REQUIRED", message: message)])
        }
    }
}

extension SecondFactorError: ProblemConvertible {
    public var problem: ProblemDetails {
        switch self {
        case .codeReused:
            return SecondFactorFailure.wrongCode.problem
        case .alreadyEnabled:
            return ProblemDetails(status: .conflict, type: "totp-already-enabled", title: "TOTP already enabled",
                                  detail: "This account already signs in with TOTP.")
        case .notEnrolling:
            return ProblemDetails(status: .conflict, type: "totp-not-enrolling", title: "No enrollment pending",
                                  detail: "Start with POST /api/v1/users/me/totp, then confirm a code from the new secret.")
        case .unavailable:
            return ProblemDetails(status: .serviceUnavailable, type: "totp-unavailable", title: "TOTP unavailable",
                                  detail: "The service has no key to protect TOTP secrets with; ask the operator.")
        }
    }
}

/// A login whose password was right but whose second factor was missing or wrong (401).
/// It counts as a failed login for the lockout, like a wrong password.
enum SecondFactorFailure: Error, ProblemConvertible {
    case missingCode
    case wrongCode

    var problem: ProblemDetails {
        switch self {
        case .missingCode:
            let message = "This account signs in with a second factor: send totp_code, the 6-digit code of the authenticator app."
            return ProblemDetails(status: .unauthorized, type: "totp-required", title: "TOTP code required", detail: message,
                                  errors: [FieldProblem(field: "totp_code", code: FieldIssue.required, message: message)])
        case .wrongCode:
            let message = "The TOTP code is wrong, expired or already used; wait for the next code and try again."
            return ProblemDetails(status: .unauthorized, type: "totp-required", title: "TOTP code required", detail: message,
                                  errors: [FieldProblem(field: "totp_code", code: FieldIssue.invalidValue, message: message)])
        }
    }
}
