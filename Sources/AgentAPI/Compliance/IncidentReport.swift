import AgentCore
import Notices

/// The SEC-2 report to DHS, in our own words: who the agent is, what happened and when,
/// which clients and how many records, and what was done. One content, two forms.
struct IncidentReport {
    let incident: Incident
    let clients: [(id: String, name: String)]

    static func make(_ incident: Incident, identity: any IdentityRepository) async throws -> IncidentReport {
        var clients: [(id: String, name: String)] = []
        for id in incident.clientsAffected {
            let name = try await identity.client(id, scope: .allClients)?.profile.name ?? "(unknown client)"
            clients.append((id.rawValue, name))
        }
        return IncidentReport(incident: incident, clients: clients)
    }

    var steps: [String] {
        var list = ["Recorded in the agent's incident register on \(incident.createdAt)."]
        if let contained = incident.containedAt { list.append("Contained at \(contained).") } else { list.append("Not yet contained.") }
        if let reported = incident.reportedAt { list.append("Reported to \(incident.reportedTo ?? "") at \(reported).") }
        return list
    }

    var json: String {
        var agent = JSONObjectWriter()
        agent.string("role", "E-Verify Web Services employer agent")
        var w = JSONObjectWriter()
        w.string("incident_id", incident.id)
        w.raw("agent", agent.text)
        w.string("kind", incident.suspected ? "SUSPECTED" : "CONFIRMED")
        w.string("discovered_at", incident.discoveredAt)
        w.string("contained_at", incident.containedAt)
        w.string("description", incident.description)
        w.raw("clients", "[" + clients.map { c in
            var o = JSONObjectWriter()
            o.string("client_company_id", c.id)
            o.string("name", c.name)
            return o.text
        }.joined(separator: ",") + "]")
        w.int("records_affected", incident.recordsAffected)
        w.strings("steps_taken", steps)
        w.string("reported_at", incident.reportedAt)
        w.string("reported_to", incident.reportedTo)
        return w.text
    }

    var document: PlainDocument {
        PlainDocument(title: "Report of a security incident", reference: "Incident \(incident.id)",
                      issuedOn: String(incident.discoveredAt.prefix(10)), blocks: [
            .title("Report of a security incident"),
            .subtitle("From an E-Verify Web Services employer agent to DHS (SEC-2)"),
            .callout("A \(incident.suspected ? "suspected" : "confirmed") breach of personal data, discovered at \(incident.discoveredAt)."),
            .heading("The incident"),
            .rows([("Incident", incident.id), ("Discovered at", incident.discoveredAt), ("Contained at", incident.containedAt ?? "not yet"),
                   ("Records affected", String(incident.recordsAffected))]),
            .paragraph(incident.description),
            .heading("Clients affected"),
            clients.isEmpty ? .paragraph("No client named.") : .bullets(clients.map { "\($0.name) (\($0.id))" }),
            .heading("Steps taken"),
            .bullets(steps),
            .note("The agent reports every suspected or confirmed breach at once, whether or not it is confirmed later."),
        ])
    }
}
