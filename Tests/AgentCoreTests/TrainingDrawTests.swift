import Testing
@testable import AgentCore

/// SplitMix64, so a draw can be replayed from its seed.
struct TrainingSeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Drawing tests from the bank (TRN-1, TRN-3).
@Suite struct TrainingDrawTests {
    static func draw(_ kind: TestKind, seed: UInt64) -> [TrainingQuestion] {
        var generator = TrainingSeededGenerator(seed: seed)
        return TestDraw.draw(kind, using: &generator)
    }

    @Test("TRN-1: every initial test has at least 10 distinct questions, 3 from every module, a key question in each")
    func test_TRN1_initialDrawCoversEveryModule() {
        for seed in UInt64(0)..<300 {
            let test = Self.draw(.initial, seed: seed)
            #expect(test.count == 12)
            #expect(Set(test.map(\.id)).count == test.count)
            for module in Curriculum.modules.map(\.number) {
                let own = test.filter { $0.module == module }
                #expect(own.count == 3, "seed \(seed) module \(module)")
                #expect(own.contains { $0.isKey }, "seed \(seed) module \(module) without a key question")
            }
            // Grouped by module, in module order.
            #expect(test.map(\.module) == test.map(\.module).sorted())
        }
    }

    @Test("TRN-3: the refresher is shorter, still touches every module with a key question")
    func test_TRN3_refresherDraw() {
        for seed in UInt64(0)..<300 {
            let quiz = Self.draw(.refresher, seed: seed)
            #expect(quiz.count == 6)
            #expect(quiz.count < Self.draw(.initial, seed: seed).count)
            #expect(Set(quiz.map(\.id)).count == quiz.count)
            for module in Curriculum.modules.map(\.number) {
                #expect(quiz.filter { $0.module == module && $0.isKey }.count >= 1, "seed \(seed) module \(module)")
            }
        }
    }

    @Test func aSeedReplaysTheSameDrawAndSeedsDiffer() {
        #expect(Self.draw(.initial, seed: 42).map(\.id) == Self.draw(.initial, seed: 42).map(\.id))
        let distinct = Set((UInt64(0)..<50).map { Self.draw(.initial, seed: $0).map(\.id) })
        #expect(distinct.count > 40)
    }

    @Test func overManyDrawsEveryQuestionComesUp() {
        var seen = Set<String>()
        for seed in UInt64(0)..<500 { seen.formUnion(Self.draw(.initial, seed: seed).map(\.id)) }
        #expect(seen == Set(QuestionBank.standard.questions.map(\.id)))
    }

    @Test func plansCountTheirQuestions() {
        #expect(TestKind.initial.plan.questionCount == 12)
        #expect(TestKind.refresher.plan.questionCount == 6)
    }

    @Test("TRN-3: only someone who passed under another curriculum version takes the refresher")
    func test_TRN3_refresherEligibility() {
        func record(_ version: String, passed: Bool) -> TrainingRecord {
            TrainingRecord(id: "r", userID: UserID("u"), userFullName: "U", clientID: nil, takenOn: CivilDate.referenceDate,
                           scorePercent: passed ? 90 : 40, passed: passed, curriculumVersion: version, source: .test, note: nil,
                           recordedBy: nil, createdAt: "")
        }
        #expect(!TrainingPolicy.mayTakeRefresher(records: [], currentVersion: "2027.1"))
        #expect(!TrainingPolicy.mayTakeRefresher(records: [record("2026.1", passed: false)], currentVersion: "2027.1"))
        #expect(!TrainingPolicy.mayTakeRefresher(records: [record("2027.1", passed: true)], currentVersion: "2027.1"))
        #expect(TrainingPolicy.mayTakeRefresher(records: [record("2026.1", passed: true)], currentVersion: "2027.1"))
    }
}
