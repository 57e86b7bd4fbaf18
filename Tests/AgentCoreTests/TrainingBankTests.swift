import Testing
@testable import AgentCore

/// The curriculum and the question bank as the knowledge test needs them (TRN-1).
@Suite struct TrainingBankTests {
    let bank = QuestionBank.standard

    @Test("TRN-1: the curriculum has the program's four modules, each with a name, summary and topics")
    func test_TRN1_fourModules() {
        #expect(Curriculum.modules.map(\.number) == [1, 2, 3, 4])
        for module in Curriculum.modules {
            #expect(!module.name.isEmpty && !module.summary.isEmpty && !module.topics.isEmpty)
        }
        #expect(Curriculum.defaultVersion == "2026.1")
    }

    @Test("TRN-1: at least 40 questions, every module with questions and key questions")
    func test_TRN1_bankSize() {
        #expect(bank.questions.count >= 40)
        for module in Curriculum.modules.map(\.number) {
            let questions = bank.questions(inModule: module)
            // Enough for the initial test's 3 per module plus the refresher's extras.
            #expect(questions.count >= 8, "module \(module)")
            #expect(questions.contains { $0.isKey }, "module \(module) has no key question")
        }
        #expect(bank.questions.allSatisfy { (1...4).contains($0.module) })
    }

    @Test func idsAreUniqueAndNameTheirModule() {
        let ids = bank.questions.map(\.id)
        #expect(Set(ids).count == ids.count)
        for question in bank.questions {
            #expect(question.id.hasPrefix("M\(question.module)-"), "\(question.id)")
            #expect(bank.question(question.id) == question)
        }
        #expect(bank.question("M9-99") == nil)
    }

    @Test func everyAnswerIndexesItsChoices() {
        for question in bank.questions {
            #expect(question.choices.indices.contains(question.answer), "\(question.id)")
            #expect(!question.text.isEmpty && !question.explanation.isEmpty, "\(question.id)")
            #expect(Set(question.choices).count == question.choices.count, "\(question.id) repeats a choice")
            switch question.kind {
            case .trueFalse: #expect(question.choices == ["True", "False"], "\(question.id)")
            case .multipleChoice: #expect(question.choices.count >= 3, "\(question.id)")
            }
        }
    }

    @Test func bothKindsOfQuestionAndBothTruthValues() {
        let statements = bank.questions.filter { $0.kind == .trueFalse }
        #expect(statements.count >= 10)
        #expect(bank.questions.filter { $0.kind == .multipleChoice }.count >= 20)
        // A bank whose statements were all true could be passed by always answering True.
        #expect(statements.filter { $0.answer == 0 }.count >= 5)
        #expect(statements.filter { $0.answer == 1 }.count >= 5)
    }

    @Test func multipleChoiceAnswersAreNotAlwaysInTheSamePlace() {
        let positions = Set(bank.questions.filter { $0.kind == .multipleChoice }.map(\.answer))
        #expect(positions.count >= 3)
    }

    @Test("TRN-1: only agent admins read the bank with its answers")
    func test_TRN1_bankIsForAgentAdmins() {
        for role in Role.allCases {
            let principal = Principal(userID: UserID("u"), username: "u", fullName: "U", role: role, clientID: nil,
                                      mustChangePassword: false, trainedOnCurrentCurriculum: true)
            #expect(TrainingPolicy.mayReadQuestionBank(principal) == (role == .agentAdmin))
        }
    }
}
