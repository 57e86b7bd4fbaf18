import AgentCore

/// RET-1 kept current on the cases: when the roster gives (or changes, or clears) a
/// hire's termination date, every case matching the hire gets its retention date again,
/// each change audited in the case's history. (A case created after the termination is
/// dated by `CaseRepository.create` in its own transaction.)
struct RetentionDates: Sendable {
    let cases: any CaseRepository
    let roster: any RosterTerminationRepository

    /// Recomputes the cases of `hire`; `audit` names who changed the roster.
    func hireChanged(_ hire: RosterHire, audit: AuditEvent) async throws {
        var event = audit
        event.action = "case.retention"
        event.objectType = "case"
        for number in try await roster.matchingCases(hireID: hire.id) {
            _ = try await cases.update(number, scope: .allClients, audit: event) { c in
                // A purged case keeps the date it was purged under.
                guard c.progress.purge == nil else { return }
                Retention.apply(terminatedOn: hire.terminationDate, caseDateOfHire: c.input.dateOfHire,
                                rosterDateOfHire: hire.dateOfHire, to: &c.progress)
            }
        }
    }
}
