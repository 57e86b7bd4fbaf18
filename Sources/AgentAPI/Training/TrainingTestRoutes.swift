import AgentCore
import HTTPCore

extension TrainingAPI {
    /// GET `training/test`: draws a test and signs it into a `test_id` (TRN-1), or with
    /// `?kind=refresher` the short quiz after a curriculum change (TRN-3).
    func registerTest(on router: RouterBuilder<AgentContext>, tags: [String]) {
        router.get("/api/v1/training/test", RouteDocumentation(
            "Draw a knowledge test: 12 questions, 3 per module, each module with a key question (TRN-1); kind=refresher: 6 questions for users who passed an earlier curriculum version (TRN-3). No answers; the test_id is valid for 2 hours, once.",
            tags: tags, query: ["kind"], responses: [.json("200", TrainingSchemas.test)],
            parameters: ["kind": #"{"enum":["initial","refresher","INITIAL","REFRESHER"],"default":"initial"}"#])) { request, _ in
            let principal = try await identity.auth.principal(request)
            let kind: TestKind
            switch request.queryParameter("kind")?.lowercased() ?? "initial" {
            case "initial": kind = .initial
            case "refresher": kind = .refresher
            default:
                throw ValidationFailure([FieldIssue(field: "kind", code: FieldIssue.invalidValue, message: "kind is initial or refresher.")])
            }
            if kind == .refresher {
                let records = try await records(of: principal.userID)
                guard TrainingPolicy.mayTakeRefresher(records: records, currentVersion: curriculumVersion) else {
                    throw ValidationFailure([FieldIssue(
                        field: "kind", code: "TRN-3",
                        message: "The refresher quiz is for users who passed the test on an earlier curriculum version; take the full test.")])
                }
            }
            var generator = SystemRandomNumberGenerator()
            let questions = TestDraw.draw(kind, from: bank, using: &generator)
            let ticket = TestTicket(kind: kind, userID: principal.userID, issuedAt: now(), curriculumVersion: curriculumVersion,
                                    questionIDs: questions.map(\.id))
            return .json(TrainingRepresentation.test(ticket, id: signer.testID(for: ticket), questions: questions))
        }
    }

    /// POST `training/attempts`: grades a complete answer sheet and keeps the result as a
    /// training record (TRN-2: name, date, score) with its audit event.
    func registerAttempts(on router: RouterBuilder<AgentContext>, tags: [String]) {
        router.post("/api/v1/training/attempts", RouteDocumentation(
            "Answer a drawn test: every question exactly once. Records the attempt (TRN-2); 70% or more passes (TRN-1, TRN-3). A test_id is accepted once.",
            tags: tags,
            requestSchema: TrainingSchemas.attemptRequest,
            responses: [.json("201", TrainingSchemas.attempt, "Created")], errors: ["409"])) { request, context in
            let principal = try await identity.auth.principal(request)
            var body = try RequestBody(request)
            let testID = body.string("test_id", required: true, maxLength: 4096)
            let answers = try AnswerSheetReader.read(&body)
            var ticket: TestTicket?
            var questions: [TrainingQuestion] = []
            if let testID {
                switch open(testID, for: principal.userID) {
                case .success(let opened): (ticket, questions) = opened
                case .failure(let issue): body.note(issue)
                }
            }
            var choices: [String: Int] = [:]
            if ticket != nil, let answers {
                do throws(ValidationFailure) { choices = try TestGrading.check(answers, for: questions) } catch { body.merge(error) }
            }
            try body.finish()
            guard let ticket else { throw ValidationFailure([]) }

            let fingerprint = TestTicketSigner.fingerprint(ticket)
            guard inProgress.claim(fingerprint) else { throw Self.alreadySubmitted }
            defer { inProgress.release(fingerprint) }
            if try await records(of: principal.userID).contains(where: { $0.source == .test && Self.note($0.note, names: fingerprint) }) {
                throw Self.alreadySubmitted
            }
            let result = TestGrading.grade(questions, choices: choices)
            let record = NewTrainingRecord(userID: principal.userID, takenOn: IdentityAPI.today(), scorePercent: result.scorePercent,
                                           passed: result.passed, curriculumVersion: ticket.curriculumVersion, source: .test,
                                           note: Self.note(ticket.kind, fingerprint), recordedBy: principal.userID)
            let stored = try await identity.repository.addTrainingRecord(
                record, scope: principal.scope,
                audit: .by(principal, context, action: "training.attempt", objectType: "training_record"))
            return .json(TrainingRepresentation.attempt(result, kind: ticket.kind, record: stored), status: .created)
        }
    }

    /// The ticket and its questions, or the issue to report at `test_id` (422).
    private func open(_ testID: String, for user: UserID) -> Result<(TestTicket, [TrainingQuestion]), FieldIssue> {
        guard let ticket = signer.ticket(testID) else {
            return .failure(FieldIssue(field: "test_id", code: FieldIssue.invalidValue, message: "This is not a test id the service issued."))
        }
        if let reason = ticket.refusal(for: user, curriculumVersion: curriculumVersion, now: now()) {
            return .failure(FieldIssue(field: "test_id", code: FieldIssue.invalidValue, message: reason))
        }
        let questions = ticket.questionIDs.compactMap(bank.question)
        guard questions.count == ticket.questionIDs.count, !questions.isEmpty else {
            return .failure(FieldIssue(field: "test_id", code: FieldIssue.invalidValue, message: "This test's questions are no longer in the bank. Draw a new test."))
        }
        return .success((ticket, questions))
    }

    /// `test:<fingerprint>` or `refresher:<fingerprint>`: readable in the records list,
    /// and the durable proof that this test id was answered. Only records of source
    /// `test` count, so no note an admin types on an outside result can block a test.
    static func note(_ kind: TestKind, _ fingerprint: String) -> String {
        (kind == .initial ? "test:" : "refresher:") + fingerprint
    }

    static func note(_ note: String?, names fingerprint: String) -> Bool { note?.hasSuffix(":" + fingerprint) ?? false }

    /// A test id is answered once: a second submission is a conflict with the state the
    /// first one left (409), not a malformed request.
    static var alreadySubmitted: ProblemDetails {
        let message = "This test was already answered; draw a new test to try again."
        return ProblemDetails(status: .conflict, type: "test-already-answered", title: "Test already answered", detail: message,
                              errors: [FieldProblem(field: "test_id", code: FieldIssue.invalidValue, message: message)])
    }
}
