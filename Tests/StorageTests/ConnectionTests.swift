import Foundation
import Testing
@testable import Storage

@Suite struct ConnectionTests {
    @Test func opensInWALWithForeignKeysAndRequestedSynchronous() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let connection = try Connection(path: directory.file("a.sqlite"), configuration: .init(synchronous: .full))
        #expect(try connection.scalar("PRAGMA journal_mode")?.stringValue == "wal")
        #expect(try connection.scalar("PRAGMA foreign_keys")?.int64Value == 1)
        #expect(try connection.scalar("PRAGMA synchronous")?.int64Value == 2)  // FULL
        #expect(try connection.scalar("PRAGMA busy_timeout")?.int64Value == 5_000)
        let normal = try Connection(path: directory.file("a.sqlite"), configuration: .init(synchronous: .normal))
        #expect(try normal.scalar("PRAGMA synchronous")?.int64Value == 1)
    }

    /// The writer's savepoint journals stay in memory (they went to /var/tmp page by page);
    /// readers keep SQLite's default, so a large sort may still spill to disk.
    @Test func theWriterKeepsItsTemporaryFilesInMemory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let writer = try Connection(path: directory.file("t.sqlite"), configuration: .writer)
        #expect(try writer.scalar("PRAGMA temp_store")?.int64Value == 2)  // MEMORY
        let reader = try Connection(path: directory.file("t.sqlite"), configuration: .reader)
        #expect(try reader.scalar("PRAGMA temp_store")?.int64Value == 0)  // the default
    }

    @Test func boundParametersRoundTripEveryType() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE v (n INTEGER PRIMARY KEY, x)")
        let bigBlob = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let values: [SQLValue] = [
            .integer(0), .integer(-1), .integer(Int64.max), .integer(Int64.min),
            .real(3.141592653589793), .real(-0.5), .real(1e308), .real(-Double.infinity),
            .text(""), .text("héllo ✓ 日本"), .text("a\u{0}b"), .text(String(repeating: "z", count: 100_000)),
            .blob([]), .blob([0]), .blob([0, 255, 1, 254]), .blob(bigBlob),
            .null,
        ]
        for (n, value) in values.enumerated() {
            try connection.execute("INSERT INTO v (n, x) VALUES (?, ?)", [SQLValue(n), value])
        }
        let read = try connection.query("SELECT x FROM v ORDER BY n") { $0.value(at: 0) }
        #expect(read == values)

        // The typed getters agree with the enum and keep NULL distinct from empty.
        let empty = try #require(try connection.queryFirst("SELECT x FROM v WHERE n = 12") { $0.blob(at: 0) })
        #expect(empty == [])
        let nul = try #require(try connection.queryFirst("SELECT x FROM v WHERE n = 10") { $0.string(at: 0) })
        #expect(nul == "a\u{0}b")
        let null = try connection.queryFirst("SELECT x FROM v WHERE n = 16") { ($0.blob(at: 0), $0.string(at: 0), $0.optionalInt64(at: 0), $0.isNull(at: 0)) }
        #expect(null?.0 == nil && null?.1 == nil && null?.2 == nil && null?.3 == true)
        #expect(try connection.scalar("SELECT typeof(x) FROM v WHERE n = 8") == .text("text"))  // "" is text, not NULL
        #expect(try connection.scalar("SELECT typeof(x) FROM v WHERE n = 12") == .text("blob"))  // [] is a blob, not NULL
    }

    @Test func namedParametersBind() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE p (a INTEGER, b TEXT, c BLOB)")
        try connection.execute("INSERT INTO p VALUES (:a, @b, $c)", named: ["a": 7, "@b": "seven", "c": .blob([7])])
        let row = try connection.queryFirst("SELECT a, b, c FROM p") { ($0.int64(at: 0), $0.string(at: 1), $0.blob(at: 2)) }
        #expect(row?.0 == 7 && row?.1 == "seven" && row?.2 == [7])
        let statement = try connection.prepare("SELECT :x")
        #expect(throws: StorageError.unknownParameter("nope")) { try statement.bind(1, named: "nope") }
    }

    @Test func parameterCountMustMatch() throws {
        let connection = try Connection(path: ":memory:")
        #expect(throws: SQLiteError.self) { try connection.execute("SELECT ?, ?", [1]) }
    }

    @Test func errorsCarrySQLButNeverBoundValues() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE people (ssn TEXT UNIQUE NOT NULL)")
        let secret = "123-45-6789"
        try connection.execute("INSERT INTO people (ssn) VALUES (?)", [.text(secret)])
        do {
            try connection.execute("INSERT INTO people (ssn) VALUES (?)", [.text(secret)])
            Issue.record("duplicate insert succeeded")
        } catch let error as SQLiteError {
            #expect(error.isUniqueViolation)
            #expect(error.isConstraintViolation)
            #expect(error.sql == "INSERT INTO people (ssn) VALUES (?)")
            #expect(!String(describing: error).contains(secret))
            #expect(String(describing: error).contains("UNIQUE constraint failed: people.ssn"))
        }
    }

    @Test func scriptErrorsNameTheFailingStatement() throws {
        let connection = try Connection(path: ":memory:")
        do {
            try connection.execute("CREATE TABLE ok (a); CREATE TABLE ok (b);")
            Issue.record("script succeeded")
        } catch let error as SQLiteError {
            #expect(error.sql?.hasPrefix("CREATE TABLE ok (b)") == true)
        }
    }

    @Test func doubleQuotedStringLiteralsAreRejected() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE q (a TEXT)")
        #expect(throws: SQLiteError.self) { try connection.execute("SELECT * FROM q WHERE a = \"oops\"") }
    }

    @Test func transactionCommitsOrRollsBack() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t (a INTEGER)")
        try connection.transaction { try connection.execute("INSERT INTO t VALUES (?)", [1]) }
        #expect(throws: TestError(tag: 1)) {
            try connection.transaction(.immediate) {
                try connection.execute("INSERT INTO t VALUES (?)", [2])
                throw TestError(tag: 1)
            }
        }
        #expect(!connection.isInTransaction)
        #expect(try connection.query("SELECT a FROM t") { $0.int(at: 0) } == [1])
    }

    @Test func nestedSavepointsUndoOnlyTheirOwnWork() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t (a INTEGER)")
        try connection.transaction {
            try connection.savepoint {
                try connection.execute("INSERT INTO t VALUES (?)", [1])
                try? connection.savepoint {
                    try connection.execute("INSERT INTO t VALUES (?)", [2])
                    throw TestError(tag: 2)
                }
                try connection.execute("INSERT INTO t VALUES (?)", [3])
            }
        }
        #expect(try connection.query("SELECT a FROM t ORDER BY a") { $0.int(at: 0) } == [1, 3])
    }

    /// The cache hashes a sample of the SQL text: statements alike at both ends but not in
    /// the middle are still two statements.
    @Test func cachedStatementsAlikeAtBothEndsStayApart() throws {
        let connection = try Connection(path: ":memory:")
        let padding = String(repeating: " ", count: 40)
        let first = "SELECT 'statement-head', \(padding) 1 AS n \(padding) -- the same tail of the text"
        let second = "SELECT 'statement-head', \(padding) 2 AS n \(padding) -- the same tail of the text"
        #expect(first.utf8.count == second.utf8.count)
        #expect(StatementKey(first).hashValue == StatementKey(second).hashValue)
        for _ in 0..<2 {
            for (sql, expected) in [(first, Int64(1)), (second, 2)] {
                let statement = try connection.cachedStatement(sql)
                #expect(try statement.step())
                #expect(statement.int64(at: 1) == expected)
                statement.reset()
            }
        }
    }

    /// SQLite's per-allocation statistics (one global mutex on every malloc) are off.
    @Test func sqliteKeepsNoMemoryStatistics() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t (x)")
        try connection.execute("INSERT INTO t VALUES (randomblob(10000))")
        #expect(Connection.sqliteMemoryInUse == 0)
    }

    @Test func cachedStatementsAreReusedUnlessBusy() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2);")
        let first = try connection.cachedStatement("SELECT a FROM t ORDER BY a")
        let again = try connection.cachedStatement("SELECT a FROM t ORDER BY a")
        #expect(first === again)
        #expect(try first.step())
        // Same SQL while the cached one is mid-iteration: a separate statement, the
        // iteration is not disturbed.
        let other = try connection.cachedStatement("SELECT a FROM t ORDER BY a")
        #expect(other !== first)
        #expect(try other.step() && other.int(at: 0) == 1)
        #expect(try first.step() && first.int(at: 0) == 2)
    }
}
