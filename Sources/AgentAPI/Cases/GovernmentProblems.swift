import AgentCore
import HTTPCore

extension GovernmentRefusal: ProblemConvertible {
    /// The government side refused the call (ICA 4xx): its own message, for the caller to act on.
    public var problem: ProblemDetails {
        var problem = ProblemDetails(status: .unprocessableContent, type: "government-refused", title: "Refused by the government side",
                                     detail: message,
                                     errors: [FieldProblem(field: "government", code: code ?? "GOVERNMENT_REFUSED", message: message)])
        problem.extensions = [("government_status", String(status))]
        return problem
    }
}

extension GovernmentAnswerUnrecognized: ProblemConvertible {
    /// Never guessed: the case stays as it was and the answer is left for a person to review.
    public var problem: ProblemDetails {
        ProblemDetails(status: HTTPStatus(502, "Bad Gateway"), type: "government-answer-unrecognized",
                       title: "Unrecognized answer from the government side",
                       detail: "The government side answered with a value the agent does not know (\(what)); the case is unchanged and left for review.")
    }
}
