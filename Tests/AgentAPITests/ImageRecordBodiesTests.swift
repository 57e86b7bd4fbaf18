import AgentCore
import Testing
@testable import AgentAPI

/// The IMAGE record bodies read as the OpenAPI document describes them.
@Suite struct ImageRecordBodiesTests {
    static let letter: [String: JSONValue] = ["received_on": .string("2026-11-02"), "employee_id": .string("E1"),
                                              "letter_type": .string("EDCOR")]

    @Test("IMG-6: steps null counts as no steps, as for every optional field (was a 422)")
    func nullStepsAreNoSteps() throws {
        var body = RequestBody(item: Self.letter.merging(["steps": .null]) { $1 })
        let read = ImageRecordBodies.read(.noMatchLetter, &body, over: nil)
        try body.finish()
        guard case .noMatchLetter(let letter)? = read else { Issue.record("not read: \(String(describing: read))"); return }
        #expect(letter.steps == [])
    }

    @Test("IMG-6: on a change, steps null keeps the letter's steps; a non-list is still refused")
    func nullStepsKeepTheStoredOnes() throws {
        let stored = NoMatchLetter(receivedOn: try #require(CivilDate(iso: "2026-11-02")), employeeID: "E1", letterType: "EDCOR",
                                   steps: [NoMatchLetter.Step(on: try #require(CivilDate(iso: "2026-11-03")), action: "Told the employee")])
        var body = RequestBody(item: ["steps": .null])
        guard case .noMatchLetter(let letter)? = ImageRecordBodies.read(.noMatchLetter, &body, over: .noMatchLetter(stored)) else {
            Issue.record("not read"); return
        }
        #expect(letter.steps == stored.steps)
        var wrong = RequestBody(item: Self.letter.merging(["steps": .string("none")]) { $1 })
        #expect(ImageRecordBodies.read(.noMatchLetter, &wrong, over: nil) == nil)
        #expect(throws: (any Error).self) { try wrong.finish() }
    }
}
