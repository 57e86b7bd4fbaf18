import AgentCore

extension SQLiteCaseRepository {
    /// All or none: every case is read, changed and written inside one write job, so no
    /// other change interleaves and a failure on any case rolls back them all.
    public func updateAll(_ caseNumbers: [String], scope: AccessScope, audit: AuditEvent,
                          _ transform: @escaping @Sendable (inout StoredCase) throws -> Void) async throws -> [StoredCase] {
        let filter = RowCodec.scopeFilter(scope)
        let select = "SELECT \(Self.columns) FROM cases WHERE case_number = ?\(filter.sql)"
        let all = try await database.write { db in
            var written: [StoredCase] = []
            for number in caseNumbers {
                guard let current = try db.queryFirst(select, [.text(number)] + filter.parameters, row: { try self.row($0).item }) else {
                    throw RepositoryError.notFound
                }
                var updated = current
                try transform(&updated)
                let now = UTCTime.nowISO()
                updated.updatedAt = now
                let write = try self.prepareUpdate(from: current, to: updated, audit: audit, at: now, receipt: nil)
                // Read in this same transaction: the version cannot have moved.
                guard try write.apply(on: db, expecting: current.version) else {
                    throw RepositoryError.conflict(field: "case_number", message: "The case changed during the import; try again.")
                }
                updated.version = write.sealedData
                written.append(updated)
            }
            return written
        }
        for stored in all { recentWrites.remember(stored) }
        return all
    }
}
