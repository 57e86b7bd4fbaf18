/// One knowledge-test question with its right answer and why (TRN-1). Texts are our
/// own wording of the curriculum's key points and key questions.
public struct TrainingQuestion: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case trueFalse = "TRUE_FALSE"
        case multipleChoice = "MULTIPLE_CHOICE"
    }

    /// Stable across releases (`M2-05`): a test id names its questions by it.
    public let id: String
    /// The curriculum module (1–4) the question tests.
    public let module: Int
    public let kind: Kind
    /// Restates one of the curriculum's key questions; every drawn test includes some (TRN-1).
    public let isKey: Bool
    public let text: String
    /// For true/false questions always `["True", "False"]`.
    public let choices: [String]
    /// Index into `choices`.
    public let answer: Int
    /// Shown with the bank so the agent can explain its material on request.
    public let explanation: String

    public init(id: String, module: Int, kind: Kind, isKey: Bool, text: String, choices: [String], answer: Int, explanation: String) {
        self.id = id
        self.module = module
        self.kind = kind
        self.isKey = isKey
        self.text = text
        self.choices = choices
        self.answer = answer
        self.explanation = explanation
    }

    public static let trueFalseChoices = ["True", "False"]

    /// A true/false question; `answer` is whether the statement is true.
    static func statement(_ id: String, module: Int, key: Bool = false, _ text: String, _ answer: Bool,
                          _ explanation: String) -> TrainingQuestion {
        TrainingQuestion(id: id, module: module, kind: .trueFalse, isKey: key, text: text, choices: trueFalseChoices,
                         answer: answer ? 0 : 1, explanation: explanation)
    }

    /// A multiple-choice question; `answer` indexes `choices`.
    static func choice(_ id: String, module: Int, key: Bool = false, _ text: String, _ choices: [String], answer: Int,
                       _ explanation: String) -> TrainingQuestion {
        TrainingQuestion(id: id, module: module, kind: .multipleChoice, isKey: key, text: text, choices: choices,
                         answer: answer, explanation: explanation)
    }
}
