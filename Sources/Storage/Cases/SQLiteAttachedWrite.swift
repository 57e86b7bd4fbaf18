import AgentCore

/// An `AttachedWrite` of this storage: statements for the writer's connection, made by
/// one store (the simulator's) for the case repository to run inside its transaction.
/// It names the database it was made for: a repository on another database writes it
/// there first, as a transaction of its own.
public struct SQLiteAttachedWrite: AttachedWrite {
    let database: Database
    let apply: @Sendable (Connection) throws -> Void

    init(database: Database, apply: @escaping @Sendable (Connection) throws -> Void) {
        self.database = database
        self.apply = apply
    }

    /// What `repository` on `database` does with `attached`: nil when there is nothing
    /// left for its own transaction (nothing attached, or written here already on the
    /// other database), else the statements to run with the case.
    static func joining(_ attached: (any AttachedWrite)?, on database: Database) async throws -> SQLiteAttachedWrite? {
        guard let attached else { return nil }
        guard let write = attached as? SQLiteAttachedWrite else { throw StorageError.foreignAttachedWrite }
        if write.database === database { return write }
        try await write.database.write(write.apply)
        return nil
    }
}
