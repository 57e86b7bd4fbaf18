/// Storage of RET-1..3 beyond the case itself: which cases are due for the purge, the
/// purge (one case, one transaction), the purge report, and the roster's termination
/// dates with the cases they match.
public protocol RetentionRepository: Sendable {
    /// Cases whose retention date is before `today`, not held and not purged, at most
    /// `limit`, oldest date first.
    func dueForPurge(today: CivilDate, limit: Int) async throws -> [String]
    /// Deletes the case's personal data (RET-2) with its report line and audit entry in
    /// one transaction; nil (and nothing written) when the case is no longer due.
    func purge(_ caseNumber: String, today: CivilDate, audit: AuditEvent) async throws -> PurgeRecord?
    /// Makes deleted data unreadable from the files too: checkpoints the write-ahead log
    /// into the database and empties it (deleted content is zeroed: secure_delete).
    /// False when readers kept the log from being emptied (try again later).
    func flushDeleted() async throws -> Bool
    /// Purge report lines in scope, by purge day (inclusive bounds), oldest first.
    func purgeReports(scope: AccessScope, clientID: ClientID?, from: CivilDate?, to: CivilDate?, limit: Int) async throws -> [PurgeRecord]
}

/// RET-1 inputs from the roster: a hire's termination date, changed, and the cases that
/// match the hire (HIRE-5 matching: the client's employee id or the same SSN).
public protocol RosterTerminationRepository: Sendable {
    func hire(_ id: String, scope: AccessScope) async throws -> RosterHire?
    /// The hire the client knows by `employeeID` (a roster CSV row for someone already on it).
    func hire(clientID: ClientID, employeeID: String) async throws -> RosterHire?
    /// Sets (or clears, with nil) the hire's last day of employment, audited.
    func setTermination(_ id: String, to date: CivilDate?, scope: AccessScope, audit: AuditEvent) async throws -> RosterHire
    /// Numbers of the cases of the hire's client that match the hire.
    func matchingCases(hireID: String) async throws -> [String]
}
