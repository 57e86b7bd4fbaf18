@testable import AgentAPI
import Storage
import Testing

/// A 500 from storage says in the log what SQLite answered, so a failure under load can
/// be told apart (busy, I/O, constraint) without a debugger; other errors stay unnamed.
@Suite struct ErrorLoggingTests {
    @Test func storageErrorsAreDescribedAndOthersAreNot() {
        let busy = SQLiteError(code: 5, message: "database is locked", sql: "BEGIN IMMEDIATE")
        let text = AgentService.loggableDetail(busy)
        #expect(text?.contains("SQLite error 5") == true)
        #expect(text?.contains("BEGIN IMMEDIATE") == true)
        #expect(AgentService.loggableDetail(StorageError.batchTransactionLost)?.contains("rolled back") == true)
        struct Other: Error {}
        #expect(AgentService.loggableDetail(Other()) == nil)
    }
}
