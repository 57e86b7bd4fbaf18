// Durable single-row insert throughput through the group-committing writer, for 1, 8, 64
// and 256 concurrent writers. Each writer inserts in a loop for a fixed time; every
// insert is acknowledged only after its batch's COMMIT (synchronous=FULL).
//
// Before measuring, a warm-up grows the WAL past the auto-checkpoint size once, as in a
// server that has been running: SQLite then overwrites the WAL in place instead of
// extending it, and an fdatasync without file-size metadata is much cheaper on ext4.
// `--cold` skips it (a brand-new database file).
//
//   storage-bench [--seconds S] [--dir DIR] [--writers 1,8,64,256] [--cold]
import Foundation
import Storage

struct Options {
    var seconds = 3.0
    var directory = FileManager.default.temporaryDirectory.path
    var writerCounts = [1, 8, 64, 256]
    var warmUp = true

    init(_ arguments: [String]) {
        var rest = arguments.dropFirst()
        while let flag = rest.popFirst() {
            if flag == "--cold" {
                warmUp = false
                continue
            }
            let value = rest.popFirst() ?? ""
            switch flag {
            case "--seconds": seconds = Double(value) ?? seconds
            case "--dir": directory = value
            case "--writers": writerCounts = value.split(separator: ",").compactMap { Int($0) }
            default:
                FileHandle.standardError.write(Data("usage: storage-bench [--seconds S] [--dir DIR] [--writers 1,8,64]\n".utf8))
                exit(64)
            }
        }
    }
}

struct RunResult {
    let writers: Int
    let inserts: Int
    let elapsed: Double
    let statistics: WriterStatistics
    let latenciesNanos: [Int64]

    func percentile(_ p: Double) -> Double {
        guard !latenciesNanos.isEmpty else { return 0 }
        let index = min(latenciesNanos.count - 1, Int((Double(latenciesNanos.count) * p).rounded(.up)) - 1)
        return Double(latenciesNanos[max(0, index)]) / 1_000_000
    }
}

extension Duration {
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}

let schema = [Migration(version: 1, name: "bench", sql: """
    CREATE TABLE bench (id INTEGER PRIMARY KEY, writer INTEGER NOT NULL, payload BLOB NOT NULL);
    CREATE TABLE warmup (id INTEGER PRIMARY KEY, payload BLOB NOT NULL);
    """)]

/// Writes more pages than the auto-checkpoint threshold (1000) in one transaction, then
/// checkpoints so the next commits start over at the head of the now-allocated WAL.
func warmUp(_ database: Database) async throws {
    try await database.write { connection in
        let page = [UInt8](repeating: 0x5A, count: 4000)
        for _ in 0..<1_500 { try connection.execute("INSERT INTO warmup (payload) VALUES (?)", [.blob(page)]) }
    }
    try await database.writer.writeWithoutTransaction { try $0.execute("PRAGMA wal_checkpoint(RESTART)") }
}

func run(writers: Int, options: Options) async throws -> RunResult {
    let directory = (options.directory as NSString).appendingPathComponent("storage-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let database = try await Database.open(path: (directory as NSString).appendingPathComponent("bench.sqlite"), migrations: schema)
    if options.warmUp { try await warmUp(database) }
    let before = database.writer.statistics
    let clock = ContinuousClock()
    let started = clock.now
    let deadline = started + .milliseconds(Int64(options.seconds * 1000))
    let latencies = try await withThrowingTaskGroup(of: [Int64].self) { group in
        for writer in 0..<writers {
            group.addTask {
                var mine: [Int64] = []
                mine.reserveCapacity(4096)
                let payload = [UInt8](repeating: UInt8(truncatingIfNeeded: writer), count: 100)
                while clock.now < deadline {
                    let t0 = clock.now
                    try await database.write { connection in
                        try connection.execute("INSERT INTO bench (writer, payload) VALUES (?, ?)", [SQLValue(writer), .blob(payload)])
                    }
                    mine.append((clock.now - t0).nanoseconds)
                }
                return mine
            }
        }
        var all: [Int64] = []
        for try await part in group { all += part }
        return all
    }
    let elapsed = clock.now - started
    let after = database.writer.statistics
    let stored = try await database.read { try $0.scalar("SELECT count(*) FROM bench")?.int64Value ?? 0 }
    await database.close()
    precondition(stored == latencies.count, "stored \(stored) rows, acknowledged \(latencies.count)")
    var delta = after
    delta.batches -= before.batches
    delta.jobs -= before.jobs
    delta.failedBatches -= before.failedBatches
    return RunResult(
        writers: writers, inserts: latencies.count,
        elapsed: Double(elapsed.nanoseconds) / 1e9, statistics: delta, latenciesNanos: latencies.sorted())
}

func pad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
}

let options = Options(CommandLine.arguments)
print("SQLite \(StorageInfo.sqliteVersion), WAL, synchronous=FULL, group commit (max \(DatabaseWriter.defaultMaxBatchSize)/batch), \(options.seconds) s per run, \(options.warmUp ? "warm WAL" : "cold WAL"), dir \(options.directory)")
print([pad("writers", 7), pad("inserts/s", 10), pad("inserts", 8), pad("commits", 8), pad("mean batch", 10), pad("p50 ms", 8), pad("p99 ms", 8)].joined(separator: "  "))
for writers in options.writerCounts {
    let result = try await run(writers: writers, options: options)
    let rate = Double(result.inserts) / result.elapsed
    print([
        pad("\(writers)", 7),
        pad(String(format: "%.0f", rate), 10),
        pad("\(result.inserts)", 8),
        pad("\(result.statistics.batches)", 8),
        pad(String(format: "%.1f", result.statistics.meanBatchSize), 10),
        pad(String(format: "%.2f", result.percentile(0.50)), 8),
        pad(String(format: "%.2f", result.percentile(0.99)), 8),
    ].joined(separator: "  "))
}
