import AgentCore
import HTTPCore
import Storage

/// The knowledge test of API.md "Training (TRN-*)": the curriculum, drawing a test,
/// grading an attempt into a training record, and the question bank for agent admins.
/// The records routes themselves live with the identity routes.
struct TrainingAPI: Sendable {
    let identity: IdentityAPI
    let bank: QuestionBank
    let signer: TestTicketSigner
    let inProgress = AttemptsInProgress()
    /// Seconds since 1970, real clock: a test's lifetime is a security clock.
    let now: @Sendable () -> Int64

    /// `keyMaterial`: a server secret that survives restarts (the service passes its
    /// blind-index key; a purpose key is derived from it), so a test drawn before a
    /// restart can still be answered after it.
    init(identity: IdentityAPI, keyMaterial: [UInt8], bank: QuestionBank = .standard,
         now: @escaping @Sendable () -> Int64 = { UTCTime.nowMilliseconds() / 1000 }) {
        self.identity = identity
        self.bank = bank
        self.signer = TestTicketSigner(keyMaterial: keyMaterial)
        self.now = now
    }

    var curriculumVersion: String { identity.settings.curriculumVersion }

    func register(on router: RouterBuilder<AgentContext>) {
        let tags = ["training"]
        router.get("/api/v1/training/curriculum", RouteDocumentation(
            "The training curriculum (modules, topics), its current version, the test's shape and whether you passed on this version (TRN-1, TRN-3).",
            tags: tags, responses: [.json("200", TrainingSchemas.curriculum)])) { request, _ in
            let principal = try await identity.auth.principal(request)
            return .json(TrainingRepresentation.curriculum(version: curriculumVersion, trained: principal.trainedOnCurrentCurriculum))
        }
        router.get("/api/v1/training/question_bank", RouteDocumentation(
            "Every knowledge-test question with its answer and explanation: the agent's training material, shown on request. Agent admins.",
            tags: tags, responses: [.json("200", TrainingSchemas.bank)])) { request, _ in
            let principal = try await identity.auth.principal(request)
            try Authenticator.require(TrainingPolicy.mayReadQuestionBank(principal), "Only agent admins read the question bank.")
            return .json(TrainingRepresentation.bank(bank, version: curriculumVersion))
        }
        registerTest(on: router, tags: tags)
        registerAttempts(on: router, tags: tags)
    }

    /// Every training record of `user`, all pages (a user has a handful).
    func records(of user: UserID) async throws -> [TrainingRecord] {
        var all: [TrainingRecord] = []
        var cursor: String?
        repeat {
            let page = try await identity.repository.trainingRecords(scope: .allClients, userID: user, limit: 200, after: cursor)
            all += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return all
    }
}
