import Foundation
import Testing
import TestSupport

/// Issue 7 (the knowledge test) over HTTP against the real binary: drawing a test,
/// answering it into a training record, the TRN-1 gate it opens, refused answer sheets,
/// the question bank, and the refresher after a curriculum change (TRN-3).
@Suite struct TrainingEndToEndTests {
    typealias World = IdentityEndToEndTests.World
    static let ssnCheck = ["ssn": "151-20-1001"]

    /// A client with one activated CLIENT_USER; returns that user's caller and id.
    static func clerk(_ world: World, username: String = "acme.clerk") throws -> (api: APIClient, id: String) {
        let acme = try IdentityEndToEndTests.client(world.admin, name: "Acme", ein: "12-3456789")
        let id = try IdentityEndToEndTests.user(world.admin, username, role: "CLIENT_USER", client: acme)
        return (try IdentityEndToEndTests.activate(world.port, username, new: "\(username)-password-1"), id)
    }

    /// The right choice of every question, read from the bank as an agent admin.
    static func answerKey(_ admin: APIClient) throws -> [String: Int] {
        let bank = try admin.call("GET", "/api/v1/training/question_bank")
        guard bank.status == 200, let questions = bank["questions"] as? [[String: Any]] else {
            throw TestClientError.malformed("question bank: \(bank.status) \(bank.response.bodyText)")
        }
        return Dictionary(uniqueKeysWithValues: questions.compactMap { q in
            (q["id"] as? String).flatMap { id in (q["answer"] as? Int).map { (id, $0) } }
        })
    }

    static func draw(_ api: APIClient, kind: String? = nil) throws -> (id: String, questions: [[String: Any]]) {
        let reply = try api.call("GET", "/api/v1/training/test" + (kind.map { "?kind=\($0)" } ?? ""))
        guard reply.status == 200, let id = reply["test_id"] as? String, let questions = reply["questions"] as? [[String: Any]] else {
            throw TestClientError.malformed("draw: \(reply.status) \(reply.response.bodyText)")
        }
        return (id, questions)
    }

    /// A sheet answering every question; right ones for the first `right`, wrong after.
    static func sheet(_ questions: [[String: Any]], key: [String: Int], right: Int) -> [[String: Any]] {
        questions.enumerated().map { i, q in
            let id = q["id"] as? String ?? ""
            let count = (q["choices"] as? [String])?.count ?? 2
            let answer = key[id] ?? 0
            return ["question_id": id, "choice": i < right ? answer : (answer + 1) % count]
        }
    }

    static func submit(_ api: APIClient, _ testID: String, _ answers: [[String: Any]]) throws -> APIClient.Reply {
        try api.call("POST", "/api/v1/training/attempts", ["test_id": testID, "answers": answers])
    }

    @Test("TRN-1, TRN-2: passing the test is recorded and opens the verification functions")
    func test_TRN1_passingOpensTheGate() throws {
        let world = try IdentityEndToEndTests.startWorld()
        defer { world.agent.stop() }
        let clerk = try Self.clerk(world)
        let key = try Self.answerKey(world.admin)

        let refused = try clerk.api.call("POST", "/api/v1/duplicate_check", Self.ssnCheck)
        #expect(refused.status == 403)
        #expect(refused.errorCodes == ["TRN-1"])
        let curriculum = try clerk.api.call("GET", "/api/v1/training/curriculum")
        #expect(curriculum["curriculum_version"] as? String == "2026.1")
        #expect((curriculum["modules"] as? [[String: Any]])?.compactMap { $0["module"] as? Int } == [1, 2, 3, 4])
        #expect(curriculum["trained_on_current_curriculum"] as? Bool == false)

        let test = try Self.draw(clerk.api)
        #expect(test.questions.count >= 10)
        #expect(Set(test.questions.compactMap { $0["module"] as? Int }) == [1, 2, 3, 4])
        // The answers never leave with the test.
        #expect(test.questions.allSatisfy { $0["answer"] == nil && $0["explanation"] == nil && $0["key_question"] == nil })
        #expect(test.questions.allSatisfy { ["TRUE_FALSE", "MULTIPLE_CHOICE"].contains($0["kind"] as? String ?? "") })

        let passed = try Self.submit(clerk.api, test.id, Self.sheet(test.questions, key: key, right: test.questions.count))
        #expect(passed.status == 201)
        #expect(passed["passed"] as? Bool == true)
        #expect(passed["score_percent"] as? Int == 100)
        #expect(passed["correct"] as? Int == test.questions.count)
        #expect(passed["curriculum_version"] as? String == "2026.1")
        let recordID = try #require(passed["record_id"] as? String)

        let records = try clerk.api.call("GET", "/api/v1/training/records?user_id=\(clerk.id)")
        let mine = records["training_records"] as? [[String: Any]] ?? []
        #expect(mine.count == 1)
        #expect(mine.first?["id"] as? String == recordID)
        #expect(mine.first?["full_name"] as? String == "User acme.clerk")
        #expect(mine.first?["score_percent"] as? Int == 100)
        #expect(mine.first?["source"] as? String == "test")
        #expect((mine.first?["date"] as? String)?.count == 10)

        let allowed = try clerk.api.call("POST", "/api/v1/duplicate_check", Self.ssnCheck)
        #expect(allowed.status == 200)
        #expect(try clerk.api.call("GET", "/api/v1/training/curriculum")["trained_on_current_curriculum"] as? Bool == true)

        // A test id is answered once.
        let replay = try Self.submit(clerk.api, test.id, Self.sheet(test.questions, key: key, right: 0))
        #expect(replay.status == 409)
        #expect(replay.errorFields == ["test_id"])
        let audit = try world.admin.call("GET", "/api/v1/audit")
        #expect(audit.response.bodyText.contains("training.attempt"))
    }

    @Test("TRN-1: a failed attempt is recorded and the gate stays shut")
    func test_TRN1_failingKeepsTheGateShut() throws {
        let world = try IdentityEndToEndTests.startWorld()
        defer { world.agent.stop() }
        let clerk = try Self.clerk(world)
        let key = try Self.answerKey(world.admin)

        let test = try Self.draw(clerk.api)
        // 8 of 12 is 66%: just under the bar.
        let failed = try Self.submit(clerk.api, test.id, Self.sheet(test.questions, key: key, right: 8))
        #expect(failed.status == 201)
        #expect(failed["passed"] as? Bool == false)
        #expect(failed["score_percent"] as? Int == 66)
        #expect((failed["results"] as? [[String: Any]])?.filter { $0["correct"] as? Bool == true }.count == 8)
        let gate = try clerk.api.call("POST", "/api/v1/duplicate_check", Self.ssnCheck)
        #expect(gate.status == 403)
        #expect(gate.errorCodes == ["TRN-1"])
        let records = try clerk.api.call("GET", "/api/v1/training/records?user_id=\(clerk.id)")
        #expect((records["training_records"] as? [[String: Any]])?.map { $0["passed"] as? Bool } == [false])

        // A second try with a new test: 9 of 12 (75%) passes.
        let again = try Self.draw(clerk.api)
        #expect(try Self.submit(clerk.api, again.id, Self.sheet(again.questions, key: key, right: 9))["passed"] as? Bool == true)
        #expect(try clerk.api.call("POST", "/api/v1/duplicate_check", Self.ssnCheck).status == 200)
    }

    @Test("incomplete, foreign, tampered and misdirected answer sheets are refused")
    func refusedSheets() throws {
        let world = try IdentityEndToEndTests.startWorld()
        defer { world.agent.stop() }
        let clerk = try Self.clerk(world)
        let key = try Self.answerKey(world.admin)
        let test = try Self.draw(clerk.api)
        let full = Self.sheet(test.questions, key: key, right: test.questions.count)

        let missing = try Self.submit(clerk.api, test.id, Array(full.dropLast(2)))
        #expect(missing.status == 422)
        #expect(missing.errorFields == ["answers"])
        var twice = full
        twice.append(full[0])
        twice.append(["question_id": "M9-99", "choice": 0])
        let doubled = try Self.submit(clerk.api, test.id, twice)
        #expect(doubled.status == 422)
        #expect(doubled.errorFields == ["answers[\(full.count)].question_id", "answers[\(full.count + 1)].question_id"])
        #expect(try Self.submit(clerk.api, test.id, [["question_id": full[0]["question_id"] ?? "", "choise": 1]]).status == 400)
        #expect(try clerk.api.call("POST", "/api/v1/training/attempts", ["answers": full]).errorFields == ["test_id"])

        // One changed character in the payload breaks the signature.
        var tampered = Array(test.id)
        tampered[3] = tampered[3] == "A" ? "B" : "A"
        let forged = try Self.submit(clerk.api, String(tampered), full)
        #expect(forged.status == 422)
        #expect(forged.errorFields == ["test_id"])

        // Another user's test is not this user's to answer.
        let other = try IdentityEndToEndTests.activate(world.port, "acme.other", new: "acme-other-password-1",
                                                       creating: world.admin, like: clerk.id)
        let stolen = try Self.submit(other, test.id, full)
        #expect(stolen.status == 422)
        #expect(stolen.errorFields == ["test_id"])

        // Nothing was recorded by any refusal; the real answer still goes through once.
        #expect(try Self.submit(clerk.api, test.id, full).status == 201)
        let refresher = try clerk.api.call("GET", "/api/v1/training/test?kind=refresher")
        #expect(refresher.status == 422)
        #expect(refresher.errorCodes == ["TRN-3"])
        #expect(try clerk.api.call("GET", "/api/v1/training/test?kind=final").status == 422)
        #expect(try APIClient(port: world.port).call("GET", "/api/v1/training/test").status == 401)
    }

    @Test("the question bank with answers is the agent admin's; every training route is documented")
    func questionBankAndDocumentation() throws {
        let world = try IdentityEndToEndTests.startWorld()
        defer { world.agent.stop() }
        let clerk = try Self.clerk(world)
        let denied = try clerk.api.call("GET", "/api/v1/training/question_bank")
        #expect(denied.status == 403)
        #expect(denied.errorCodes == ["FORBIDDEN"])
        let bank = try world.admin.call("GET", "/api/v1/training/question_bank")
        #expect(bank.status == 200)
        let questions = bank["questions"] as? [[String: Any]] ?? []
        #expect(questions.count >= 40)
        #expect(questions.allSatisfy { $0["answer"] is Int && $0["explanation"] is String && $0["key_question"] is Bool })

        let openapi = try APIClient(port: world.port).call("GET", "/openapi.json").response.bodyText
        for path in ["/api/v1/training/curriculum", "/api/v1/training/test", "/api/v1/training/attempts", "/api/v1/training/question_bank"] {
            #expect(openapi.contains("\"\(path)\""), "\(path) missing from /openapi.json")
        }
    }
}

extension IdentityEndToEndTests {
    /// Creates a second CLIENT_USER of the same client as `existing` and activates it.
    static func activate(_ port: Int, _ username: String, new: String, creating admin: APIClient, like existing: String) throws -> APIClient {
        let user = try admin.call("GET", "/api/v1/users/\(existing)")
        _ = try Self.user(admin, username, role: "CLIENT_USER", client: user["client_company_id"] as? String)
        return try Self.activate(port, username, new: new)
    }
}
