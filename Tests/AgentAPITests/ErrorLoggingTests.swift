@testable import AgentAPI
import Storage
import Synchronization
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

    @Test func aBatchItemsUnexpectedErrorIsReportedAndAnsweredAs500() async {
        struct Private: Error { let ssn: String }
        let reported = Mutex<[String]>([])
        let failed = await CaseAPI.outcome(3, .object([:]), { _ in throw Private(ssn: "151-20-1001") }) { error in
            reported.withLock { $0.append(String(describing: type(of: error))) }
        }
        #expect(reported.withLock { $0 } == ["Private"])
        guard case .object(let answer)? = JSONValue.parse(Array(failed.utf8)) else {
            Issue.record("not a JSON object: \(failed)")
            return
        }
        #expect(answer["index"] == .number(3))
        #expect(answer["status"] == .number(500))
        #expect(!failed.contains("151-20-1001"))
        // A refusal the caller can act on is its own answer, not an unexpected error.
        let refused = await CaseAPI.outcome(4, .string("not an object"), { _ in (201, "unused") }) { error in
            reported.withLock { $0.append(String(describing: type(of: error))) }
        }
        #expect(reported.withLock { $0 }.count == 1)
        #expect(refused.contains("\"status\":400"))
    }
}
