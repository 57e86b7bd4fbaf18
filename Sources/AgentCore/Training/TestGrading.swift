/// One answer as submitted: either part may be missing or ill-typed (nil).
public struct SubmittedAnswer: Sendable, Equatable {
    public var questionID: String?
    public var choice: Int?
    public init(questionID: String?, choice: Int?) {
        self.questionID = questionID
        self.choice = choice
    }
}

/// The outcome of a graded test (TRN-1, TRN-2: the score is what the record keeps).
public struct TestResult: Sendable, Equatable {
    public let correct: Int
    public let total: Int
    public let scorePercent: Int
    public let passed: Bool
    /// Per question, in test order: whether it was answered right. The right choice is
    /// not revealed, so a failed test cannot be turned into an answer key.
    public let outcomes: [QuestionOutcome]
}

/// Whether one question of a test was answered right.
public struct QuestionOutcome: Sendable, Equatable {
    public let questionID: String
    public let correct: Bool
}

/// Checks an answer sheet against the test it answers, and scores it.
public enum TestGrading {
    /// Whole percent, rounded down: 69.9% stays 69% and fails. Rounding up or to nearest
    /// could turn a score just under the bar into a pass; TRN-1 says at least 70%.
    public static func scorePercent(correct: Int, total: Int) -> Int {
        guard total > 0 else { return 0 }
        return max(0, min(correct, total)) * 100 / total
    }

    /// TRN-1 / TRN-3: pass at `TrainingRules.passingScorePercent` (70) or more.
    public static func grade(_ questions: [TrainingQuestion], choices: [String: Int]) -> TestResult {
        let outcomes = questions.map { QuestionOutcome(questionID: $0.id, correct: choices[$0.id] == $0.answer) }
        let correct = outcomes.filter(\.correct).count
        let percent = scorePercent(correct: correct, total: questions.count)
        return TestResult(correct: correct, total: questions.count, scorePercent: percent,
                          passed: TrainingRules.passes(scorePercent: percent), outcomes: outcomes)
    }

    /// The choices of a complete sheet by question id. Every question of the test is
    /// answered exactly once with a valid choice index; otherwise every problem is
    /// reported at once: foreign and repeated ids and bad choices at `answers[i]`, the
    /// unanswered questions at `answers`.
    public static func check(_ answers: [SubmittedAnswer], for questions: [TrainingQuestion]) throws(ValidationFailure) -> [String: Int] {
        var issues = IssueCollector()
        let byID = Dictionary(questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var choices: [String: Int] = [:]
        for (i, answer) in answers.enumerated() {
            let path = "answers[\(i)]"
            guard let id = answer.questionID else {
                issues.add(path + ".question_id", FieldIssue.required, "question_id is required.")
                continue
            }
            guard let question = byID[id] else {
                issues.add(path + ".question_id", FieldIssue.invalidValue, "Question \(id) is not part of this test.")
                continue
            }
            if choices[id] != nil {
                issues.add(path + ".question_id", FieldIssue.invalidValue, "Question \(id) is answered more than once.")
                continue
            }
            guard let choice = answer.choice else {
                issues.add(path + ".choice", FieldIssue.required, "choice is required.")
                choices[id] = -1  // answered, if badly: do not also report it missing
                continue
            }
            if !question.choices.indices.contains(choice) {
                issues.add(path + ".choice", FieldIssue.outOfRange,
                           "choice for \(id) must be 0 to \(question.choices.count - 1), an index into its choices.")
            }
            choices[id] = choice
        }
        let missing = questions.map(\.id).filter { choices[$0] == nil }
        if !missing.isEmpty {
            issues.add("answers", FieldIssue.required, "Every question must be answered; missing: \(missing.joined(separator: ", ")).")
        }
        try issues.check()
        return choices
    }
}
