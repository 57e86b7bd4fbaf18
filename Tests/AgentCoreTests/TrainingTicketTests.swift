import Testing
@testable import AgentCore

/// The content of a test id (TRN-1): who, which questions, when, which curriculum.
@Suite struct TrainingTicketTests {
    static let ticket = TestTicket(kind: .initial, userID: UserID("user-1"), issuedAt: 1_800_000_000, curriculumVersion: "2026.1",
                                   questionIDs: ["M1-01", "M2-03", "M3-02", "M4-01"])

    @Test func payloadRoundTrips() {
        #expect(TestTicket(payload: Self.ticket.payload) == Self.ticket)
        let odd = TestTicket(kind: .refresher, userID: UserID("u"), issuedAt: 5, curriculumVersion: "2027|beta", questionIDs: ["M1-01"])
        #expect(TestTicket(payload: odd.payload) == odd)
    }

    @Test func otherTextIsNoTicket() {
        for text in ["", "t1", "t2|INITIAL|1|u|M1-01|2026.1", "t1|FINAL|1|u|M1-01|2026.1", "t1|INITIAL|x|u|M1-01|2026.1",
                     "t1|INITIAL|1||M1-01|2026.1", "t1|INITIAL|1|u||2026.1"] {
            #expect(TestTicket(payload: Array(text.utf8)) == nil, "\(text)")
        }
    }

    @Test("TRN-1: a test is answered by the user it was drawn for, on the current curriculum, within 2 hours")
    func test_TRN1_ticketValidity() {
        let t = Self.ticket
        let issued = t.issuedAt
        #expect(t.refusal(for: UserID("user-1"), curriculumVersion: "2026.1", now: issued) == nil)
        #expect(t.refusal(for: UserID("user-1"), curriculumVersion: "2026.1", now: issued + 7199) == nil)
        #expect(t.refusal(for: UserID("user-1"), curriculumVersion: "2026.1", now: issued + 7200) != nil)
        #expect(t.refusal(for: UserID("user-2"), curriculumVersion: "2026.1", now: issued) != nil)
        #expect(t.refusal(for: UserID("user-1"), curriculumVersion: "2027.1", now: issued) != nil)
        #expect(t.refusal(for: UserID("user-1"), curriculumVersion: "2026.1", now: issued - 3600) != nil)
    }
}
