/// The knowledge-test questions, looked up by id and by module (TRN-1). The agent shows
/// the whole bank, answers included, to its admins on request.
public struct QuestionBank: Sendable {
    public let questions: [TrainingQuestion]
    private let byID: [String: TrainingQuestion]

    /// Later duplicates of an id are dropped; the bank's tests insist there are none.
    public init(_ questions: [TrainingQuestion]) {
        self.questions = questions
        byID = Dictionary(questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func question(_ id: String) -> TrainingQuestion? { byID[id] }

    public func questions(inModule module: Int) -> [TrainingQuestion] { questions.filter { $0.module == module } }

    /// The bank this release ships, written for `Curriculum.defaultVersion`.
    public static let standard = QuestionBank(module1 + module2 + module3 + module4)
}
