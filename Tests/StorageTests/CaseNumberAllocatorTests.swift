import AgentCore
import Testing
@testable import Storage

/// Many creates at once share the day's blocks: every number is handed out once, and
/// the database reserves no more blocks than the numbers need (a block per caller that
/// found the last one used up made the sequence outrun the cases and wrap).
@Suite struct CaseNumberAllocatorTests {
    @Test func concurrentCallersShareEachReservedBlock() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let database = try await Database.open(path: dir.file("numbers.sqlite"))
        let allocator = CaseNumberAllocator(database: database)
        let day = CivilDate(iso: "2026-11-16")!
        let count = 3_000
        let numbers = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for worker in 0..<48 {
                group.addTask {
                    var taken: [Int64] = []
                    for _ in stride(from: worker, to: count, by: 48) { taken.append(try await allocator.next(on: day)) }
                    return taken
                }
            }
            return try await group.reduce(into: [Int64]()) { $0 += $1 }
        }
        #expect(numbers.count == count)
        #expect(Set(numbers).count == count)
        #expect(numbers.min() == 1)
        let blocks = (Int64(count) + CaseNumberAllocator.blockSize - 1) / CaseNumberAllocator.blockSize
        #expect(try await allocator.reservedThrough(day) == blocks * CaseNumberAllocator.blockSize)
        // A restart starts at a fresh block: a gap, never a repeat.
        let restarted = CaseNumberAllocator(database: database)
        #expect(try await restarted.next(on: day) == blocks * CaseNumberAllocator.blockSize + 1)
        await database.close()
    }

    @Test func theSixthDigitIsTheLast() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let database = try await Database.open(path: dir.file("numbers.sqlite"))
        let day = CivilDate(iso: "2026-11-16")!
        try await database.write { db in
            try db.execute("INSERT INTO case_number_sequence (day, next) VALUES (?, ?)",
                           [.text(day.iso), .integer(CaseNumberAllocator.maximumSequence - 1)])
        }
        let allocator = CaseNumberAllocator(database: database)
        // The next block starts at 999,999: the last number a case can have.
        #expect(try await allocator.next(on: day) == CaseNumberAllocator.maximumSequence)
        await #expect(throws: RepositoryError.self) { _ = try await allocator.next(on: day) }
        await database.close()
    }
}
