import Testing
@testable import AgentCore

/// Checking and scoring answer sheets (TRN-1, TRN-2, TRN-3).
@Suite struct TrainingGradingTests {
    static func test(_ kind: TestKind = .initial, seed: UInt64 = 7) -> [TrainingQuestion] {
        var generator = TrainingSeededGenerator(seed: seed)
        return TestDraw.draw(kind, using: &generator)
    }

    /// Right answers for the first `right` questions, wrong ones for the rest.
    static func choices(_ questions: [TrainingQuestion], right: Int) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: questions.enumerated().map { i, q in
            (q.id, i < right ? q.answer : (q.answer + 1) % q.choices.count)
        })
    }

    @Test("TRN-1: 70% passes, 69% does not (scores are rounded down)")
    func test_TRN1_passingBoundary() {
        #expect(TestGrading.scorePercent(correct: 7, total: 10) == 70)
        #expect(TrainingRules.passes(scorePercent: TestGrading.scorePercent(correct: 7, total: 10)))
        #expect(TestGrading.scorePercent(correct: 69, total: 100) == 69)
        #expect(!TrainingRules.passes(scorePercent: TestGrading.scorePercent(correct: 69, total: 100)))
        // 139/200 is 69.5%: rounding to nearest would make it a pass; rounding down does not.
        #expect(TestGrading.scorePercent(correct: 139, total: 200) == 69)
        #expect(TestGrading.scorePercent(correct: 0, total: 0) == 0)
        #expect(TestGrading.scorePercent(correct: 12, total: 12) == 100)
    }

    @Test("TRN-1: grading a drawn test of ten questions hits 70% and 60% exactly")
    func test_TRN1_gradeTenQuestions() {
        let ten = Array(Self.test().prefix(10))
        let seven = TestGrading.grade(ten, choices: Self.choices(ten, right: 7))
        #expect(seven.correct == 7 && seven.total == 10 && seven.scorePercent == 70 && seven.passed)
        let six = TestGrading.grade(ten, choices: Self.choices(ten, right: 6))
        #expect(six.scorePercent == 60 && !six.passed)
        #expect(seven.outcomes.map(\.correct) == Array(repeating: true, count: 7) + Array(repeating: false, count: 3))
    }

    @Test("TRN-1: on the 12-question test, 8 right (66%) fails and 9 right (75%) passes")
    func test_TRN1_gradeTwelveQuestions() {
        let test = Self.test()
        let eight = TestGrading.grade(test, choices: Self.choices(test, right: 8))
        #expect(eight.scorePercent == 66 && !eight.passed)
        let nine = TestGrading.grade(test, choices: Self.choices(test, right: 9))
        #expect(nine.scorePercent == 75 && nine.passed)
        #expect(TestGrading.grade(test, choices: Self.choices(test, right: 12)).scorePercent == 100)
    }

    @Test("TRN-3: the refresher passes at 70% too: 4 of 6 (66%) fails, 5 of 6 (83%) passes")
    func test_TRN3_refresherGrading() {
        let quiz = Self.test(.refresher)
        #expect(!TestGrading.grade(quiz, choices: Self.choices(quiz, right: 4)).passed)
        let five = TestGrading.grade(quiz, choices: Self.choices(quiz, right: 5))
        #expect(five.scorePercent == 83 && five.passed)
    }

    @Test func aCompleteSheetIsAccepted() throws {
        let test = Self.test()
        let sheet = test.reversed().map { SubmittedAnswer(questionID: $0.id, choice: $0.answer) }
        let choices = try TestGrading.check(sheet, for: test)
        #expect(choices.count == test.count)
        #expect(TestGrading.grade(test, choices: choices).passed)
    }

    @Test("every question exactly once: missing, repeated, foreign and out-of-range answers are all reported")
    func everyProblemOfASheetAtOnce() {
        let test = Self.test()
        var sheet = test.dropFirst(2).map { SubmittedAnswer(questionID: $0.id, choice: 0) }
        sheet.append(SubmittedAnswer(questionID: test[2].id, choice: 1))          // answers[10]: repeated
        sheet.append(SubmittedAnswer(questionID: "M9-99", choice: 0))              // answers[11]: foreign
        sheet[0].choice = 7                                                        // answers[0]: out of range
        sheet.append(SubmittedAnswer(questionID: nil, choice: 1))                  // answers[12]: no id
        #expect(throws: ValidationFailure.self) { try TestGrading.check(sheet, for: test) }
        do {
            _ = try TestGrading.check(sheet, for: test)
        } catch {
            let fields = error.issues.map(\.field)
            #expect(fields == ["answers[0].choice", "answers[10].question_id", "answers[11].question_id", "answers[12].question_id", "answers"])
            let missing = error.issues.last?.message ?? ""
            #expect(missing.contains(test[0].id) && missing.contains(test[1].id) && !missing.contains(test[2].id))
        }
    }

    @Test func anEmptySheetMissesEverything() {
        do {
            _ = try TestGrading.check([], for: Self.test())
            Issue.record("an empty sheet was accepted")
        } catch {
            #expect(error.issues.map(\.field) == ["answers"])
            #expect(error.issues.first?.code == FieldIssue.required)
        }
    }
}
