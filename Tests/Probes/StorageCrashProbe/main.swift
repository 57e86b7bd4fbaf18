// A child process for the storage durability test: N concurrent writers insert rows with
// increasing ids and print `ACK <id>` after each acknowledged write. The test SIGKILLs it
// mid-stream and checks that every acknowledged id is in the file.
import Foundation
import Storage
import Synchronization

/// The probe's payload for `id`, so the test can check contents as well as presence.
func payload(for id: Int64) -> [UInt8] {
    (0..<64).map { UInt8(truncatingIfNeeded: id &* 131 &+ Int64($0)) }
}

/// Hands out ids across writer tasks (an Atomic must live in a class to be shared).
final class IDSource: Sendable {
    private let last: Atomic<Int64>
    init(after start: Int64) { last = Atomic(start) }
    func next() -> Int64 { last.add(1, ordering: .relaxed).newValue }
}

func runProbe(path: String, writers: Int) async throws {
    let schema = [Migration(version: 1, name: "probe", sql: "CREATE TABLE probe (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)")]
    let database = try await Database.open(path: path, migrations: schema)
    let start = try await database.read { try $0.scalar("SELECT coalesce(max(id), 0) FROM probe")?.int64Value ?? 0 }
    let ids = IDSource(after: start)
    try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<writers {
            group.addTask {
                while true {
                    let id = ids.next()
                    try await database.write { connection in
                        try connection.execute("INSERT INTO probe (id, payload) VALUES (?, ?)", [.integer(id), .blob(payload(for: id))])
                    }
                    // One write(2) per line: pipe writes this small are atomic, so lines from
                    // concurrent writers never interleave.
                    FileHandle.standardOutput.write(Data("ACK \(id)\n".utf8))
                }
            }
        }
        try await group.waitForAll()
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let writers = Int(arguments[2]), writers > 0 else {
    FileHandle.standardError.write(Data("usage: storage-crash-probe <db path> <writers N>\n".utf8))
    exit(64)
}
do {
    try await runProbe(path: arguments[1], writers: writers)
} catch {
    FileHandle.standardError.write(Data("storage-crash-probe: \(error)\n".utf8))
    exit(1)
}
