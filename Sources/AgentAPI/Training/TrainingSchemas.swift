import AgentCore

/// The answers of the training routes as JSON Schema, as `TrainingRepresentation` writes them.
enum TrainingSchemas {
    typealias S = SchemaText

    static let testKind = S.enumeration(TestKind.allCases.map(\.rawValue))

    static let curriculum = S.object([
        ("curriculum_version", S.string),
        ("modules", S.array(S.object([("module", #"{"type":"integer","minimum":1}"#), ("name", S.string), ("summary", S.string),
                                      ("topics", S.strings)]))),
        ("tests", S.array(S.object([("test_kind", testKind), ("question_count", S.count), ("questions_per_module", S.count),
                                    ("key_questions_per_module", S.count)]))),
        ("passing_score_percent", S.percent), ("test_lifetime_seconds", S.count), ("trained_on_current_curriculum", S.boolean),
    ])

    private static let questionMembers: S.Members = [
        ("id", S.nonEmptyString), ("module", #"{"type":"integer","minimum":1}"#),
        ("kind", S.enumeration(TrainingQuestion.Kind.allCases.map(\.rawValue))), ("text", S.string),
        ("choices", #"{"type":"array","minItems":2,"items":{"type":"string"}}"#),
    ]

    static let test = S.object([
        ("test_id", S.nonEmptyString), ("test_kind", testKind), ("curriculum_version", S.string), ("expires_at", S.timestamp),
        ("passing_score_percent", S.percent), ("questions", S.array(S.object(questionMembers))),
    ])

    static let bank = S.object([
        ("curriculum_version", S.string), ("question_count", S.count),
        ("questions", S.array(S.object(questionMembers + [("key_question", S.boolean), ("answer", S.count),
                                                          ("explanation", S.string)]))),
    ])

    static let attempt = S.object([
        ("record_id", S.nonEmptyString), ("test_kind", testKind), ("date", S.date), ("score_percent", S.percent),
        ("passed", S.boolean), ("correct", S.count), ("total", #"{"type":"integer","minimum":1}"#),
        ("passing_score_percent", S.percent), ("curriculum_version", S.string),
        ("results", S.array(S.object([("question_id", S.string), ("correct", S.boolean)]))),
    ])

    /// The answer sheet of POST `training/attempts`, as `AnswerSheetReader` reads it.
    static let attemptRequest = """
    {"type":"object","required":["test_id","answers"],"properties":{"test_id":{"type":"string","maxLength":4096},\
    "answers":{"type":"array","minItems":1,"maxItems":\(AnswerSheetReader.maxAnswers),"items":{"type":"object",\
    "required":["question_id","choice"],"properties":{"question_id":{"type":"string","minLength":1},\
    "choice":{"type":"integer","minimum":0}}}}}}
    """
}
