/// Which knowledge test a user takes.
public enum TestKind: String, Sendable, CaseIterable {
    /// The full test every user passes before using verification functions (TRN-1).
    case initial = "INITIAL"
    /// The short quiz a trained user takes when the curriculum version changes (TRN-3).
    case refresher = "REFRESHER"

    /// How this kind of test is drawn from the bank.
    public var plan: TestPlan {
        switch self {
        // 3 per module = 12 questions (TRN-1 asks for at least 10, every module).
        case .initial: return TestPlan(perModule: 3, keyPerModule: 1, extra: 0)
        // One key question per module plus two more from anywhere = 6: short, yet
        // still touching every module, since the change may be in any of them.
        case .refresher: return TestPlan(perModule: 1, keyPerModule: 1, extra: 2)
        }
    }
}

/// The shape of a drawn test: per module, how many questions and how many of them key
/// questions, and how many more from any module.
public struct TestPlan: Sendable, Equatable {
    public let perModule: Int
    public let keyPerModule: Int
    public let extra: Int

    public init(perModule: Int, keyPerModule: Int, extra: Int) {
        self.perModule = perModule
        self.keyPerModule = keyPerModule
        self.extra = extra
    }

    public var questionCount: Int { perModule * Curriculum.modules.count + extra }
}

/// Draws a test from the bank (TRN-1: at least 10 questions for the initial test, every
/// module, partly key questions). The random generator is a parameter so that tests can
/// replay a draw from a seed; the service passes the system generator.
public enum TestDraw {
    /// Questions ordered by module, shuffled within each module. Choices are never
    /// shuffled: a test id names only the questions, and the answer index must mean the
    /// same thing when the attempt comes back.
    public static func draw(_ kind: TestKind, from bank: QuestionBank = .standard,
                            using generator: inout some RandomNumberGenerator) -> [TrainingQuestion] {
        let plan = kind.plan
        var picked: [Int: [TrainingQuestion]] = [:]
        var rest: [TrainingQuestion] = []
        for module in Curriculum.modules.map(\.number) {
            let all = bank.questions(inModule: module)
            let keys = all.filter(\.isKey).shuffled(using: &generator).prefix(plan.keyPerModule)
            let keyIDs = Set(keys.map(\.id))
            let others = all.filter { !keyIDs.contains($0.id) }.shuffled(using: &generator)
            let fill = others.prefix(max(0, plan.perModule - keys.count))
            picked[module] = Array(keys) + fill
            rest += others.dropFirst(fill.count)
        }
        for extra in rest.shuffled(using: &generator).prefix(plan.extra) {
            picked[extra.module, default: []].append(extra)
        }
        return Curriculum.modules.flatMap { (picked[$0.number] ?? []).shuffled(using: &generator) }
    }
}

/// Who may take which test and read the bank (TRN-1, TRN-3).
public enum TrainingPolicy {
    /// The bank with its answers is the agent's training material: agent admins only.
    public static func mayReadQuestionBank(_ p: Principal) -> Bool { p.role == .agentAdmin }

    /// TRN-3: the refresher replaces the full test only for someone who already passed
    /// under another (earlier) curriculum version; everyone else takes the full test.
    public static func mayTakeRefresher(records: [TrainingRecord], currentVersion: String) -> Bool {
        records.contains { $0.passed && $0.curriculumVersion != currentVersion }
    }
}
