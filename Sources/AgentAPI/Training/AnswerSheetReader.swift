import AgentCore
import HTTPCore

/// Reads `answers: [{question_id, choice}]` of an attempt with the same strictness as
/// `RequestBody`: type errors are issues (422, all at once), an unknown field inside an
/// answer is a 400 like one at the top level, because a typo must never pass silently.
enum AnswerSheetReader {
    /// More than any test has, small enough that a hostile body cannot make grading slow.
    static let maxAnswers = 100

    /// The answers, or nil when `answers` is missing or not an array (the issue is noted).
    static func read(_ body: inout RequestBody) throws -> [SubmittedAnswer]? {
        guard let value = body.raw("answers") else {
            body.note(FieldIssue(field: "answers", code: FieldIssue.required, message: "answers is required."))
            return nil
        }
        guard case .array(let items) = value else {
            body.note(FieldIssue(field: "answers", code: FieldIssue.invalidFormat, message: "answers must be an array of {question_id, choice}."))
            return nil
        }
        guard items.count <= maxAnswers else {
            body.note(FieldIssue(field: "answers", code: FieldIssue.outOfRange, message: "answers holds more than \(maxAnswers) entries."))
            return nil
        }
        var answers: [SubmittedAnswer] = []
        var unknown: [String] = []
        for (i, item) in items.enumerated() {
            let path = "answers[\(i)]"
            guard case .object(let fields) = item else {
                // Reported at its question_id, and kept as an empty answer, so that the
                // positions the grading check reports stay those of the body.
                body.note(FieldIssue(field: path + ".question_id", code: FieldIssue.invalidFormat,
                                     message: "Each answer must be an object {question_id, choice}."))
                answers.append(SubmittedAnswer(questionID: nil, choice: nil))
                continue
            }
            unknown += fields.keys.filter { $0 != "question_id" && $0 != "choice" }.sorted().map { "\(path).\($0)" }
            var answer = SubmittedAnswer(questionID: nil, choice: nil)
            switch fields["question_id"] {
            case .string(let id)?: answer.questionID = id
            case nil, .null?: break  // reported as missing by the grading check
            default: body.note(FieldIssue(field: path + ".question_id", code: FieldIssue.invalidFormat, message: "question_id must be a string."))
            }
            switch fields["choice"] {
            case .number(let n)? where n.rounded() == n && abs(n) < 1e9: answer.choice = Int(n)
            case nil, .null?: break
            default: body.note(FieldIssue(field: path + ".choice", code: FieldIssue.invalidFormat, message: "choice must be a whole number, an index into the question's choices."))
            }
            answers.append(answer)
        }
        if !unknown.isEmpty {
            throw ProblemDetails(status: .badRequest, type: "unknown-field", title: "Unknown field",
                                 detail: "An answer has fields it does not take: \(unknown.joined(separator: ", ")).",
                                 errors: unknown.map { FieldProblem(field: $0, code: FieldIssue.unknownField, message: "\($0) is not a field of an answer.") })
        }
        return answers
    }
}
