import AgentCore
import Synchronization

/// Hands out each day's case-number sequence from blocks reserved in the database, so
/// a case's number is known before its write job (its data is sealed with the number
/// as associated data, outside the writer) and the writer reserves a block once per
/// `blockSize` cases instead of counting every case.
///
/// A restart skips what was left of the blocks in hand: sequences may have gaps, never
/// repeats, because a block is committed before any number of it is used.
final class CaseNumberAllocator: Sendable {
    static let blockSize: Int64 = 64

    private struct Block {
        var next: Int64
        var end: Int64
    }

    private let database: Database
    private let blocks = Mutex<[String: Block]>([:])

    init(database: Database) { self.database = database }

    /// The next unused sequence number of `day` (1, 2, … in a fresh database).
    func next(on day: CivilDate) async throws -> Int64 {
        let key = day.iso
        while true {
            let taken = blocks.withLock { blocks -> Int64? in
                guard var block = blocks[key], block.next < block.end else { return nil }
                defer {
                    block.next += 1
                    blocks[key] = block
                }
                return block.next
            }
            if let taken { return taken }
            // The column holds the last number reserved; the new block ends there.
            let last = try await database.write { db -> Int64 in
                try db.execute("""
                    INSERT INTO case_number_sequence (day, next) VALUES (?, ?)
                    ON CONFLICT(day) DO UPDATE SET next = next + excluded.next
                    """, [.text(key), .integer(Self.blockSize)])
                return try db.scalar("SELECT next FROM case_number_sequence WHERE day = ?", [.text(key)])?.int64Value ?? Self.blockSize
            }
            blocks.withLock { blocks in
                // Another caller may have refilled meanwhile; then this block is skipped.
                if let block = blocks[key], block.next < block.end { return }
                blocks[key] = Block(next: last - Self.blockSize + 1, end: last + 1)
            }
        }
    }
}
