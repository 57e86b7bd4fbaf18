/// How many cases are in each status now, for the `cases_total` gauge. One grouped read
/// (a scan of the `cases_client_status` index, never of the rows themselves).
public struct CaseCensus: Sendable {
    private let database: Database
    public init(database: Database) { self.database = database }

    public func countsByStatus() async throws -> [(status: String, count: Int)] {
        try await database.read { db in
            try db.query("SELECT status, count(*) FROM cases GROUP BY status ORDER BY status") { row in
                (status: row.string(at: 0) ?? "", count: Int(row.int64(at: 1)))
            }
        }
    }
}
