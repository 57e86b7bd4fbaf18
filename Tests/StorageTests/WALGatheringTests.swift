import Foundation
import Testing
@testable import Storage

/// The writer's WAL writes are gathered in memory and written at the commit's sync
/// (csqlite_tuning.h): fewer system calls, the same bytes, visible to readers when committed.
@Suite struct WALGatheringTests {
    /// A large row (3,000 bytes) marked with its row and round at both ends and in the
    /// middle, so a frame written at the wrong offset or left out reads back wrong.
    static func payload(_ row: Int, _ round: Int) -> [UInt8] {
        var bytes = filler
        withUnsafeBytes(of: Int64(row).littleEndian) { bytes.replaceSubrange(0..<8, with: $0) }
        withUnsafeBytes(of: Int64(round).littleEndian) { bytes.replaceSubrange(2_992..<3_000, with: $0) }
        bytes[1_500] = UInt8(truncatingIfNeeded: row &* 13 &+ round &* 101)
        return bytes
    }

    static let filler: [UInt8] = (0..<3_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }

    /// Equal tables, compared with memcmp (element by element takes seconds in a debug build).
    static func same(_ a: [Int64: [UInt8]], _ b: [Int64: [UInt8]]) -> Bool {
        guard a.count == b.count else { return false }
        for (key, left) in a {
            guard let right = b[key], left.count == right.count else { return false }
            let equal = left.withUnsafeBytes { l in
                right.withUnsafeBytes { r in
                    guard let lp = l.baseAddress, let rp = r.baseAddress else { return l.count == r.count }
                    return memcmp(lp, rp, l.count) == 0
                }
            }
            if !equal { return false }
        }
        return true
    }

    static func contents(_ connection: Connection) throws -> [Int64: [UInt8]] {
        var rows: [Int64: [UInt8]] = [:]
        for (id, body) in try connection.query("SELECT id, body FROM rows", row: { ($0.int64(at: 0), $0.blob(at: 1) ?? []) }) {
            rows[id] = body
        }
        return rows
    }

    @Test func theWritersCommitReachesTheWALInOneWriteNotTwoPerPage() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let writer = try Connection(path: directory.file("g.sqlite"), configuration: .writer)
        #expect(writer.gathersWALWrites)
        try writer.execute("CREATE TABLE rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL)")
        let before = try #require(writer.walWriteCountsOfThisConnection)
        try writer.transaction(.immediate) {
            for row in 0..<20 { try writer.execute("INSERT INTO rows VALUES (?, ?)", [SQLValue(row), .blob(Self.payload(row, 0))]) }
        }
        let after = try #require(writer.walWriteCountsOfThisConnection)
        // Twenty pages and more: SQLite asks for two writes per frame; the file gets one run
        // (in pieces of 124 KiB: about 90 KiB here, so one).
        #expect(after.requested - before.requested >= 40)
        #expect(after.issued - before.issued == 1)
    }

    /// SQLite's own frame writes stay as they were where the commit does not sync the WAL:
    /// frames still in memory would be missing from the file readers read.
    @Test func onlyConnectionsThatSyncEveryCommitGather() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var normal = Connection.Configuration.writer
        normal.synchronous = .normal
        let unsynced = try Connection(path: directory.file("n.sqlite"), configuration: normal)
        #expect(!unsynced.gathersWALWrites)
        #expect(unsynced.walWriteCountsOfThisConnection == nil)
        let reader = try Connection(path: directory.file("n.sqlite"), configuration: .reader)
        #expect(!reader.gathersWALWrites)
        var inMemory = Connection.Configuration.writer
        inMemory.walMode = false
        #expect(try !Connection(path: ":memory:", configuration: inMemory).gathersWALWrites)
    }

    /// Small and large commits (a large one passes the 8 MiB the file keeps in memory and the
    /// 124 KiB pieces), updates, deletes, a rolled-back transaction and a page cache so small
    /// that SQLite spills frames mid-transaction and reads them back: after each, a reader on
    /// SQLite's own VFS sees exactly what the writer committed, and the file is sound.
    @Test func readersSeeEveryCommitExactlyWhateverItsSize() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("r.sqlite")
        var configuration = Connection.Configuration.writer
        configuration.pageCacheKiB = 64  // 16 pages: large transactions spill
        let writer = try Connection(path: path, configuration: configuration)
        #expect(writer.gathersWALWrites)
        try writer.execute("CREATE TABLE rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL)")
        let reader = try Connection(path: path, configuration: .reader)
        // What the table must hold, kept beside it.
        var expected: [Int64: [UInt8]] = [:]
        let sizes = [1, 3, 42, 0, 700, 5, 2_900, 2, 128, 1]  // 2,900 rows: past the 8 MiB held
        for (round, size) in sizes.enumerated() {
            try writer.transaction(.immediate) {
                for row in 0..<size {
                    try writer.execute("INSERT OR REPLACE INTO rows VALUES (?, ?)", [SQLValue(row), .blob(Self.payload(row, round))])
                }
                if round % 3 == 2 { try writer.execute("DELETE FROM rows WHERE id % 5 = 1") }
            }
            for row in 0..<size { expected[Int64(row)] = Self.payload(row, round) }
            if round % 3 == 2 { expected = expected.filter { $0.key % 5 != 1 } }
            #expect(Self.same(try Self.contents(reader), expected), "round \(round): \(size) rows")
            // A transaction that spilled and then rolled back leaves nothing behind.
            #expect(throws: TestError.self) {
                try writer.transaction(.immediate) {
                    for row in 10_000..<10_300 { try writer.execute("INSERT INTO rows VALUES (?, ?)", [SQLValue(row), .blob(Self.payload(row, round))]) }
                    throw TestError(tag: round)
                }
            }
            #expect(Self.same(try Self.contents(reader), expected))
        }
        #expect(try writer.scalar("PRAGMA integrity_check")?.stringValue == "ok")
        // A connection on SQLite's own VFS opened afterwards reads the same.
        let fresh = try Connection(path: path, configuration: .init(synchronous: .normal))
        #expect(Self.same(try Self.contents(fresh), expected))
        #expect(try fresh.scalar("PRAGMA integrity_check")?.stringValue == "ok")
    }

    /// A checkpoint that restarts the WAL makes the writer write its header again at offset 0
    /// and the frames after it over the old ones.
    @Test func aRestartedWALIsWrittenOverInPlace() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("w.sqlite")
        let writer = try Connection(path: path, configuration: .writer)
        try writer.execute("CREATE TABLE rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL)")
        let reader = try Connection(path: path, configuration: .reader)
        var expected: [Int64: [UInt8]] = [:]
        for round in 0..<6 {
            try writer.transaction(.immediate) {
                for row in 0..<(40 - round * 5) {
                    try writer.execute("INSERT OR REPLACE INTO rows VALUES (?, ?)", [SQLValue(row), .blob(Self.payload(row, round))])
                }
            }
            for row in 0..<(40 - round * 5) { expected[Int64(row)] = Self.payload(row, round) }
            #expect(try writer.scalar("PRAGMA wal_checkpoint(RESTART)")?.int64Value == 0)  // not busy
            #expect(Self.same(try Self.contents(reader), expected))
        }
        #expect(try reader.scalar("PRAGMA integrity_check")?.stringValue == "ok")
    }
}
