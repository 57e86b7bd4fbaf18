import Foundation
import Testing
@testable import Storage

/// The page cache wrapper (pcache_truncate.c): a commit after B-tree splits no longer walks
/// the whole cache, and a rollback still drops the pages it had added.
@Suite struct PageCacheTruncationTests {
    /// Rows whose keys land all over an index, so pages split (and SQLite swaps new page
    /// numbers through the spare one).
    static func insertScattered(_ connection: Connection, from: Int, count: Int, tag: String) throws {
        for i in from..<(from + count) {
            let key = String((i &* 2_654_435_761) % 1_000_003, radix: 16) + "-\(i)"
            try connection.execute("INSERT INTO scattered (key, body) VALUES (?, ?)",
                                   [.text(key), .text(tag + String(repeating: "x", count: 300))])
        }
    }

    @Test func theWrapperIsInstalledBeforeSQLiteStarts() throws {
        _ = try Connection(path: ":memory:")
        #expect(Connection.libraryConfigured)
    }

    /// Synchronous on purpose: the counts are the calling thread's, and a test without a
    /// suspension point stays on one thread.
    @Test func commitsAfterSplitsDoNotWalkTheCache() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let writer = try Connection(path: directory.file("p.sqlite"), configuration: .writer)
        try writer.execute("CREATE TABLE scattered (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, body TEXT NOT NULL)")
        let before = Connection.pageCacheTruncationsOnThisThread
        for round in 0..<20 {
            try writer.transaction(.immediate) { try Self.insertScattered(writer, from: round * 200, count: 200, tag: "r\(round)") }
        }
        let after = Connection.pageCacheTruncationsOnThisThread
        // Twenty commits, each after splits in the index: none passed on to SQLite's cache
        // (without the wrapper each one would walk it, the split's spare page being far
        // above the database's end).
        #expect(after.skipped - before.skipped >= 20)
        #expect(after.passed == before.passed)
        #expect(try writer.scalar("SELECT count(*) FROM scattered")?.int64Value == 4_000)
        #expect(try writer.scalar("PRAGMA integrity_check")?.stringValue == "ok")
    }

    /// A rolled-back transaction that grew the file leaves pages above the database's end in
    /// the cache; they must go, or the next transaction to take those page numbers could
    /// read their stale content.
    @Test func aRollbackThatGrewTheFileStillDropsItsPages() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("r.sqlite")
        let writer = try Connection(path: path, configuration: .writer)
        try writer.execute("CREATE TABLE scattered (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, body TEXT NOT NULL)")
        try writer.transaction(.immediate) { try Self.insertScattered(writer, from: 0, count: 300, tag: "kept") }
        for attempt in 0..<5 {
            let before = Connection.pageCacheTruncationsOnThisThread
            #expect(throws: TestError.self) {
                try writer.transaction(.immediate) {
                    try Self.insertScattered(writer, from: 10_000, count: 400, tag: "gone\(attempt)")
                    throw TestError(tag: attempt)
                }
            }
            #expect(Connection.pageCacheTruncationsOnThisThread.passed > before.passed)
            // The same page numbers, taken again with other content.
            try writer.transaction(.immediate) { try Self.insertScattered(writer, from: 20_000 + attempt * 50, count: 50, tag: "new\(attempt)") }
        }
        #expect(try writer.scalar("SELECT count(*) FROM scattered WHERE body LIKE 'gone%'")?.int64Value == 0)
        #expect(try writer.scalar("SELECT count(*) FROM scattered")?.int64Value == 550)
        #expect(try writer.scalar("PRAGMA integrity_check")?.stringValue == "ok")
        let reader = try Connection(path: path, configuration: .reader)
        #expect(try reader.scalar("SELECT count(*) FROM scattered WHERE body LIKE 'new%'")?.int64Value == 250)
        #expect(try reader.scalar("PRAGMA integrity_check")?.stringValue == "ok")
    }
}
