import AgentCore
import HTTPCore
import Storage

/// Turns outbox events into delivery bodies: `{id, type, sequence, occurred_at,
/// client_company_id, data}` with `data` the case's status object as it stood at the
/// event (its recorded progress, with the case's stored hire date for the deadlines), or
/// for `work_queue.item_added` the item as `GET work_queue` shows it.
/// The status object carries no SSN or document number.
struct WebhookEventRenderer: Sendable {
    let cases: any CaseRepository
    let caseAPI: CaseAPI

    /// Bodies for the events of `subscribed` clients; the others get none (reading and
    /// rendering a case nobody receives cost as much as a request).
    func render(_ events: [RecordedCaseEvent], subscribed: Set<ClientID>) async throws -> [PreparedWebhookEvent] {
        var stored: [String: StoredCase?] = [:]
        var contexts: [ClientID: CaseContext?] = [:]
        var prepared: [PreparedWebhookEvent] = []
        for event in events {
            guard subscribed.contains(event.clientID) else {
                prepared.append(PreparedWebhookEvent(id: event.id, clientID: event.clientID, caseNumber: event.caseNumber,
                                                     type: event.kind.rawValue, body: ""))
                continue
            }
            guard case .progress(let progress) = event.payload else {
                // A work item carries all it shows; no case to read.
                prepared.append(PreparedWebhookEvent(id: event.id, clientID: event.clientID, caseNumber: event.caseNumber,
                                                     type: event.kind.rawValue, body: body(event, stored: nil, context: nil)))
                continue
            }
            if stored[event.caseNumber] == nil {
                stored[event.caseNumber] = .some(try await cases.find(event.caseNumber, scope: .allClients))
            }
            if contexts[event.clientID] == nil {
                if let profile = try? await caseAPI.profile(of: event.clientID) {
                    contexts[event.clientID] = .some(try await caseAPI.context(profile, today: progress.createdOn))
                } else {
                    contexts[event.clientID] = .some(nil)
                }
            }
            prepared.append(PreparedWebhookEvent(id: event.id, clientID: event.clientID, caseNumber: event.caseNumber,
                                                 type: event.kind.rawValue,
                                                 body: body(event, stored: stored[event.caseNumber] ?? nil,
                                                            context: contexts[event.clientID] ?? nil)))
        }
        return prepared
    }

    private func body(_ event: RecordedCaseEvent, stored: StoredCase?, context: CaseContext?) -> String {
        var w = JSONObjectWriter()
        w.string("id", event.id)
        w.string("type", event.kind.rawValue)
        w.raw("sequence", String(event.sequence))
        w.string("occurred_at", event.occurredAt)
        w.string("client_company_id", event.clientID.rawValue)
        switch event.payload {
        case .workItem(let item, let overdue):
            w.raw("data", WorkQueueRoutes.json((item: item, overdue: overdue)))
        case .progress(let progress):
            w.raw("data", caseData(event, progress: progress, stored: stored, context: context))
        case .unread:
            // Only the events of unsubscribed clients are left unread, and those get no body.
            w.raw("data", "null")
        }
        return w.text
    }

    private func caseData(_ event: RecordedCaseEvent, progress: CaseProgress, stored: StoredCase?, context: CaseContext?) -> String {
        if var snapshot = stored, let context {
            snapshot.progress = progress
            return caseAPI.statusJSON(snapshot, in: context)
        } else {
            // The case or its client is gone (it cannot be, short of a damaged file): the
            // receiver still learns the event, with what the outbox itself holds.
            var data = JSONObjectWriter()
            data.string("case_number", event.caseNumber)
            data.string("case_status", progress.status.rawValue)
            return data.text
        }
    }
}
