import AgentCore
import HTTPCore
import Storage

/// JSON bodies of the training routes (snake_case, codes in UPPER_SNAKE_CASE).
enum TrainingRepresentation {
    static func curriculum(version: String, trained: Bool) -> String {
        var w = JSONObjectWriter()
        w.string("curriculum_version", version)
        w.raw("modules", array(Curriculum.modules.map { module in
            var m = JSONObjectWriter()
            m.int("module", module.number)
            m.string("name", module.name)
            m.string("summary", module.summary)
            m.strings("topics", module.topics)
            return m.text
        }))
        w.raw("tests", array(TestKind.allCases.map { kind in
            var t = JSONObjectWriter()
            t.string("test_kind", kind.rawValue)
            t.int("question_count", kind.plan.questionCount)
            t.int("questions_per_module", kind.plan.perModule)
            t.int("key_questions_per_module", kind.plan.keyPerModule)
            return t.text
        }))
        w.int("passing_score_percent", TrainingRules.passingScorePercent)
        w.int("test_lifetime_seconds", Int(TestTicket.lifetimeSeconds))
        w.bool("trained_on_current_curriculum", trained)
        return w.text
    }

    /// A drawn test: the questions without their answers.
    static func test(_ ticket: TestTicket, id: String, questions: [TrainingQuestion]) -> String {
        var w = JSONObjectWriter()
        w.string("test_id", id)
        w.string("test_kind", ticket.kind.rawValue)
        w.string("curriculum_version", ticket.curriculumVersion)
        w.string("expires_at", UTCTime.iso(milliseconds: ticket.expiresAt * 1000))
        w.int("passing_score_percent", TrainingRules.passingScorePercent)
        w.raw("questions", array(questions.map { question($0, withAnswer: false) }))
        return w.text
    }

    /// The whole bank with answers, for agent admins.
    static func bank(_ bank: QuestionBank, version: String) -> String {
        var w = JSONObjectWriter()
        w.string("curriculum_version", version)
        w.int("question_count", bank.questions.count)
        w.raw("questions", array(bank.questions.map { question($0, withAnswer: true) }))
        return w.text
    }

    static func attempt(_ result: TestResult, kind: TestKind, record: TrainingRecord) -> String {
        var w = JSONObjectWriter()
        w.string("record_id", record.id)
        w.string("test_kind", kind.rawValue)
        w.string("date", record.takenOn.iso)
        w.int("score_percent", result.scorePercent)
        w.bool("passed", result.passed)
        w.int("correct", result.correct)
        w.int("total", result.total)
        w.int("passing_score_percent", TrainingRules.passingScorePercent)
        w.string("curriculum_version", record.curriculumVersion)
        w.raw("results", array(result.outcomes.map { outcome in
            var o = JSONObjectWriter()
            o.string("question_id", outcome.questionID)
            o.bool("correct", outcome.correct)
            return o.text
        }))
        return w.text
    }

    private static func question(_ q: TrainingQuestion, withAnswer: Bool) -> String {
        var w = JSONObjectWriter()
        w.string("id", q.id)
        w.int("module", q.module)
        w.string("kind", q.kind.rawValue)
        w.string("text", q.text)
        w.strings("choices", q.choices)
        if withAnswer {
            w.bool("key_question", q.isKey)
            w.int("answer", q.answer)
            w.string("explanation", q.explanation)
        }
        return w.text
    }

    private static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
}
