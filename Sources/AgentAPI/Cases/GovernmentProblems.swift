import AgentCore
import HTTPCore
import Storage

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

extension CaseAPI {
    /// Records on the case that the government side's answer was not understood (audited);
    /// the case keeps its state: nothing is guessed.
    func flagForReview(_ number: String, _ unknown: GovernmentAnswerUnrecognized, on today: CivilDate, audit: AuditEvent) async throws {
        _ = try await cases.update(number, scope: .allClients, audit: audit) { c in
            c.progress.governmentAnswerForReview = GovernmentAnswerForReview(answer: unknown.what, on: today)
        }
    }
}

extension GovernmentUpdates {
    /// Polled answers the gateway did not understand: each open case is flagged (once per
    /// answer, audited); the update stays unacknowledged on the government side.
    func flag(_ left: [(caseNumber: String, answer: String)]) async throws {
        for (number, answer) in left {
            guard let stored = try await cases.find(number, scope: .allClients), stored.progress.isOpen,
                  stored.progress.governmentAnswerForReview?.answer != answer else { continue }
            let audit = AuditEvent(actor: .system, clientID: stored.clientID, action: "case.government_answer_for_review", objectType: "case",
                                   objectID: number, sourceIP: nil, requestID: nil)
            // The real date the agent noticed it (this path has no service clock).
            let on = SimulationTimestamp.date(of: UTCTime.nowMilliseconds())
            _ = try await cases.update(number, scope: .allClients, audit: audit) { c in
                c.progress.governmentAnswerForReview = GovernmentAnswerForReview(answer: answer, on: on)
            }
        }
    }
}
