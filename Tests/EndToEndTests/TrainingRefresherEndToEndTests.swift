import Foundation
import Testing
import TestSupport

/// TRN-3 against the real binary: the same data directory served again under a new
/// curriculum version sends trained users to the refresher quiz before they may go on.
@Suite struct TrainingRefresherEndToEndTests {
    typealias Training = TrainingEndToEndTests

    @Test("TRN-3: after a curriculum change a trained user is refused until they pass the refresher")
    func test_TRN3_curriculumChangeNeedsRefresher() throws {
        let world = try IdentityEndToEndTests.startWorld()
        var restarted: AgentProcess?
        defer {
            world.agent.stop()
            restarted?.stop()
        }
        let clerk = try Training.clerk(world)
        let key = try Training.answerKey(world.admin)
        let first = try Training.draw(clerk.api)
        #expect(try Training.submit(clerk.api, first.id, Training.sheet(first.questions, key: key, right: first.questions.count))["passed"]
            as? Bool == true)
        #expect(try clerk.api.call("POST", "/api/v1/duplicate_check", Training.ssnCheck).status == 200)
        // A user who never passed, and a test drawn under the old version, to try later.
        _ = try IdentityEndToEndTests.activate(world.port, "acme.novice", new: "acme-novice-password-1", creating: world.admin,
                                               like: clerk.id)
        let stale = try Training.draw(clerk.api)
        world.agent.stop()

        var environment = IdentityEndToEndTests.environment
        environment["AGENT_CURRICULUM_VERSION"] = "2027.1"
        let agent = try AgentProcess(environment: environment, dataDir: world.agent.dataDir)
        restarted = agent
        let port = agent.httpPort ?? 0
        let api = try APIClient(port: port)
        #expect(try api.login("acme.clerk", "acme.clerk-password-1").status == 200)

        let gate = try api.call("POST", "/api/v1/duplicate_check", Training.ssnCheck)
        #expect(gate.status == 403)
        #expect(gate.errorCodes == ["TRN-1"])
        let curriculum = try api.call("GET", "/api/v1/training/curriculum")
        #expect(curriculum["curriculum_version"] as? String == "2027.1")
        #expect(curriculum["trained_on_current_curriculum"] as? Bool == false)

        // The test drawn under 2026.1 no longer counts.
        let old = try Training.submit(api, stale.id, Training.sheet(stale.questions, key: key, right: stale.questions.count))
        #expect(old.status == 422)
        #expect(old.errorFields == ["test_id"])

        // The refresher: shorter than the full test, every module, 70% to pass.
        let quiz = try Training.draw(api, kind: "refresher")
        #expect(quiz.questions.count == 6)
        #expect(Set(quiz.questions.compactMap { $0["module"] as? Int }) == [1, 2, 3, 4])
        let failed = try Training.submit(api, quiz.id, Training.sheet(quiz.questions, key: key, right: 4))
        #expect(failed["passed"] as? Bool == false)
        #expect(try api.call("POST", "/api/v1/duplicate_check", Training.ssnCheck).status == 403)
        let retry = try Training.draw(api, kind: "refresher")
        let passed = try Training.submit(api, retry.id, Training.sheet(retry.questions, key: key, right: 5))
        #expect(passed.status == 201)
        #expect(passed["passed"] as? Bool == true)
        #expect(passed["test_kind"] as? String == "REFRESHER")
        #expect(passed["curriculum_version"] as? String == "2027.1")
        #expect(try api.call("POST", "/api/v1/duplicate_check", Training.ssnCheck).status == 200)

        let records = try api.call("GET", "/api/v1/training/records?user_id=\(clerk.id)")
        let versions = (records["training_records"] as? [[String: Any]] ?? []).map {
            "\($0["curriculum_version"] as? String ?? "") \(($0["passed"] as? Bool) == true ? "passed" : "failed")"
        }
        #expect(versions == ["2026.1 passed", "2027.1 failed", "2027.1 passed"])

        // Someone who never passed takes the full test, not the refresher.
        let novice = try APIClient(port: port)
        #expect(try novice.login("acme.novice", "acme-novice-password-1").status == 200)
        let refused = try novice.call("GET", "/api/v1/training/test?kind=refresher")
        #expect(refused.status == 422)
        #expect(refused.errorCodes == ["TRN-3"])
        #expect(try Training.draw(novice).questions.count == 12)
    }
}
