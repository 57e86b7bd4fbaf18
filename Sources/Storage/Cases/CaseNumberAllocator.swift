import AgentCore
import Synchronization

/// Hands out each day's case-number sequence from blocks reserved in the database, so
/// a case's number is known before its write job (its data is sealed with the number
/// as associated data, outside the writer) and the writer reserves a block once per
/// `blockSize` cases instead of counting every case.
///
/// A restart skips what was left of the blocks in hand: sequences may have gaps, never
/// repeats, because a block is committed before any number of it is used. One reservation
/// per day runs at a time and everyone short of a number waits for it: when each caller
/// that found the block used up reserved its own, all but one block were thrown away (at
/// 32 connections the sequence ran several times faster than the cases, reached the six
/// digits of a case number within 200,000 cases and wrapped onto numbers in use).
///
/// The next block is reserved once half of the current one is handed out, so a create
/// rarely waits for a reservation's commit (at 32 connections every create that arrived
/// while the day's block was being renewed waited a whole group commit for it).
final class CaseNumberAllocator: Sendable {
    static let blockSize: Int64 = 64
    /// A case number has six digits for the day's sequence.
    static let maximumSequence: Int64 = 999_999

    private struct Block {
        var next: Int64
        var end: Int64
    }

    /// What is known of one day's sequence.
    private struct Day {
        /// The block numbers are handed out from.
        var current: Block?
        /// The block reserved ahead, taken up when the current one is used up.
        var spare: Block?
        /// The reservation running now, if any.
        var reservation: Task<Void, any Error>?

        /// The next number, if a block has one left; true in `reserveAhead` once half of
        /// the block is handed out and no other block is reserved or on its way.
        mutating func take() -> (number: Int64, reserveAhead: Bool)? {
            if current.map({ $0.next >= $0.end }) ?? true, let spare {
                current = spare
                self.spare = nil
            }
            guard var block = current, block.next < block.end else { return nil }
            let number = block.next
            block.next += 1
            current = block
            let reserveAhead = block.end - block.next <= CaseNumberAllocator.blockSize / 2 && spare == nil && reservation == nil
            return (number, reserveAhead)
        }
    }

    private let database: Database
    private let state = Mutex([String: Day]())

    init(database: Database) { self.database = database }

    /// The next unused sequence number of `day` (1, 2, … in a fresh database).
    func next(on day: CivilDate) async throws -> Int64 {
        let key = day.iso
        while true {
            enum Step { case number(Int64), wait(Task<Void, any Error>) }
            let step = state.withLock { days -> Step in
                if let (number, reserveAhead) = days[key, default: Day()].take() {
                    if reserveAhead { days[key]?.reservation = Task { try await self.reserveBlock(key) } }
                    return .number(number)
                }
                if let running = days[key]?.reservation { return .wait(running) }
                let reservation = Task { try await self.reserveBlock(key) }
                days[key]?.reservation = reservation
                return .wait(reservation)
            }
            switch step {
            case .number(let number):
                guard number <= Self.maximumSequence else {
                    throw RepositoryError.conflict(field: "case_number", message:
                        "This day's \(Self.maximumSequence) case numbers are used up; cases can be created again tomorrow.")
                }
                return number
            case .wait(let reservation):
                try await reservation.value
            }
        }
    }

    /// Reserves the day's next block in the database. A reservation ahead of need that
    /// fails is forgotten: nobody waits for it, and the next caller short of a number
    /// reserves again.
    private func reserveBlock(_ key: String) async throws {
        do {
            // The column holds the last number reserved; the new block ends there.
            let last = try await database.write { db -> Int64 in
                try db.execute("""
                    INSERT INTO case_number_sequence (day, next) VALUES (?, ?)
                    ON CONFLICT(day) DO UPDATE SET next = next + excluded.next
                    """, [.text(key), .integer(Self.blockSize)])
                return try db.scalar("SELECT next FROM case_number_sequence WHERE day = ?", [.text(key)])?.int64Value ?? Self.blockSize
            }
            // Kept as the spare; `next` takes it up once the current block is used up.
            state.withLock { days in
                days[key, default: Day()].spare = Block(next: last - Self.blockSize + 1, end: last + 1)
                days[key]?.reservation = nil
            }
        } catch {
            state.withLock { $0[key]?.reservation = nil }
            throw error
        }
    }

    /// The last number reserved in the database for `day` (for tests).
    func reservedThrough(_ day: CivilDate) async throws -> Int64 {
        try await database.read { db in
            try db.scalar("SELECT next FROM case_number_sequence WHERE day = ?", [.text(day.iso)])?.int64Value ?? 0
        }
    }
}
