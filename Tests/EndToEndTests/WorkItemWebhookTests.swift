import Foundation
import Testing
import TestSupport

/// `work_queue.item_added` against the real binary and the Python receiver: each item is
/// announced once, when it first shows in the queue, signed like every delivery.
@Suite struct WorkItemWebhookTests {
    static func added(_ entries: [[String: Any]]) -> [[String: Any]] {
        WebhookEndToEndTests.ok(entries).filter { $0["type"] as? String == "work_queue.item_added" }
    }

    @Test("A new item is announced at once and only once; an item shown later is announced on its day")
    func itemsAnnouncedWhenTheyShow() throws {
        let receiver = try WebhookReceiver()
        defer { receiver.stop() }
        let desk = try CaseEndToEndTests.openDesk(environment: WebhookEndToEndTests.environment)
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let hook = try WebhookEndToEndTests.register(admin, client: desk.client, url: receiver.url, events: ["work_queue.item_added"])
        try receiver.control(["secrets": [hook.secret]])

        // A draft: DRAFT_NOT_SUBMITTED shows at once (HIRE-2); DRAFT_AUTO_CLOSE only 10 work days before CASE-7's date.
        let number = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: desk.client, ssn: "151-20-1001", first: "Avery", last: "Quickpass", dob: "1990-02-14")))
        var entries = try receiver.waitFor(seconds: 10) { !Self.added($0).isEmpty }
        let first = try #require(Self.added(entries).first)
        #expect(first["item_kind"] as? String == "DRAFT_NOT_SUBMITTED")
        #expect(first["subject"] as? String == number)
        #expect(first["valid"] as? Bool == true)
        #expect(first["has_ssn"] as? Bool == false)

        // A change to the draft re-plans its items without announcing them again.
        let patched = try admin.call("PATCH", "/api/v1/cases/\(number)", ["employer_case_id": "HR-77"])
        #expect(patched.status == 200, "\(patched.response.bodyText)")
        // A roster hire without a case: CASE_NOT_CREATED, subject the hire.
        let hire = try admin.call("POST", "/api/v1/clients/\(desk.client)/hires", [
            "employee_id": "E3", "first_name": "Noah", "last_name": "Nocase", "date_of_hire": "2026-11-16"])
        #expect(hire.status == 201, "\(hire.response.bodyText)")
        let hireID = try #require(hire["id"] as? String)
        entries = try receiver.waitFor(seconds: 10) { Self.added($0).contains { $0["subject"] as? String == hireID } }
        #expect(Self.added(entries).contains { $0["item_kind"] as? String == "CASE_NOT_CREATED" && $0["subject"] as? String == hireID })
        #expect(Self.added(entries).filter { $0["item_kind"] as? String == "DRAFT_NOT_SUBMITTED" }.count == 1)
        #expect(!Self.added(entries).contains { $0["item_kind"] as? String == "DRAFT_AUTO_CLOSE" })
        // Only the subscribed type is delivered: no case.created.
        #expect(WebhookEndToEndTests.ok(entries).allSatisfy { $0["type"] as? String == "work_queue.item_added" })

        // 172 federal work days on: the CASE-7 warning shows, and is announced.
        let moved = try admin.call("POST", "/api/v1/simulator/clock", ["advance_work_days": 172])
        #expect(moved.status == 200, "\(moved.response.bodyText)")
        entries = try receiver.waitFor(seconds: 10) { Self.added($0).contains { $0["item_kind"] as? String == "DRAFT_AUTO_CLOSE" } }
        let warning = Self.added(entries).filter { $0["item_kind"] as? String == "DRAFT_AUTO_CLOSE" }
        #expect(warning.count == 1)
        #expect(warning.first?["subject"] as? String == number)
        let queue = try admin.call("GET", "/api/v1/work_queue?kind=DRAFT_AUTO_CLOSE")
        let shown = queue["items"] as? [[String: Any]] ?? []
        #expect(shown.first?["due_date"] as? String == warning.first?["due_date"] as? String)
        // The client's sequence numbers every event, delivered or not: they only grow here.
        let sequences = Self.added(entries).compactMap { $0["sequence"] as? Int }
        #expect(sequences == sequences.sorted() && Set(sequences).count == sequences.count)
    }
}
