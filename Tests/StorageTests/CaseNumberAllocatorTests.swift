import AgentCore
import Testing
@testable import Storage

/// Many creates at once share the day's blocks: every number is handed out once, and
/// the database reserves no more blocks than the numbers need (a block per caller that
/// found the last one used up made the sequence outrun the cases and wrap).
@Suite struct CaseNumberAllocatorTests {
    /// Year, day of the year (3 digits), the day's sequence (6 digits), two letters without I or O.
    @Test func aCaseNumberIsYearDaySequenceAndTwoLetters() throws {
        let day = try #require(CivilDate(year: 2026, month: 2, day: 3))
        let letters = Set("ABCDEFGHJKLMNPQRSTUVWXYZ")
        var suffixes: Set<String> = []
        for _ in 0..<200 {
            let number = SQLiteCaseRepository.caseNumber(today: day, sequence: 42)
            #expect(number.count == 15)
            #expect(number.hasPrefix("2026034000042"))
            #expect(number.suffix(2).allSatisfy(letters.contains))
            suffixes.insert(String(number.suffix(2)))
        }
        // Drawn, not fixed: 200 draws of 576 pairs give far more than a handful.
        #expect(suffixes.count > 50)
        #expect(SQLiteCaseRepository.caseNumber(today: try #require(CivilDate(year: 2026, month: 12, day: 31)), sequence: 999_999).hasPrefix("2026365999999"))
        #expect(SQLiteCaseRepository.caseNumber(today: try #require(CivilDate(year: 2028, month: 12, day: 31)), sequence: 0).hasPrefix("2028366000000"))
    }

    @Test func concurrentCallersShareEachReservedBlock() async throws {
        try await Self.withAllocator { database, allocator in
            let count = 3_000
            let numbers = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for worker in 0..<48 {
                    group.addTask {
                        var taken: [Int64] = []
                        for _ in stride(from: worker, to: count, by: 48) { taken.append(try await allocator.next(on: Self.day)) }
                        return taken
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0 += $1 }
            }
            #expect(numbers.count == count)
            #expect(Set(numbers).count == count)
            #expect(numbers.min() == 1)
            // The blocks the numbers needed, and the one reserved ahead (the last block is
            // more than half used). The spare's reservation may still be committing.
            let size = CaseNumberAllocator.blockSize
            let blocks = (Int64(count) + size - 1) / size
            let reserved = try await Self.waitForReservation(allocator, through: (blocks + 1) * size)
            #expect(reserved == (blocks + 1) * size)
            // A restart starts at a fresh block: a gap, never a repeat.
            let restarted = CaseNumberAllocator(database: database)
            #expect(try await restarted.next(on: Self.day) == reserved + 1)
        }
    }

    /// Once half a block is handed out the next one is reserved, before anyone needs it;
    /// the numbers go on from it without a gap.
    @Test func theNextBlockIsReservedAhead() async throws {
        try await Self.withAllocator { _, allocator in
            let size = CaseNumberAllocator.blockSize
            var numbers: [Int64] = []
            for _ in 0..<(size / 2 - 1) { numbers.append(try await allocator.next(on: Self.day)) }
            #expect(try await allocator.reservedThrough(Self.day) == size)
            numbers.append(try await allocator.next(on: Self.day))
            #expect(try await Self.waitForReservation(allocator, through: 2 * size) == 2 * size)
            while numbers.count < 2 * size { numbers.append(try await allocator.next(on: Self.day)) }
            #expect(numbers == Array(1...(2 * size)))
            // The second block is half used as well: the third is on its way.
            #expect(try await Self.waitForReservation(allocator, through: 3 * size) == 3 * size)
        }
    }

    static let day = CivilDate(iso: "2026-11-16")!

    /// An allocator on a fresh database, closed and removed after `body`, also when it throws.
    static func withAllocator(_ body: (Database, CaseNumberAllocator) async throws -> Void) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let database = try await Database.open(path: dir.file("numbers.sqlite"))
        do {
            try await body(database, CaseNumberAllocator(database: database))
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }

    /// The reservation's commit, polled for up to 10 s (a guard against a stall, not a
    /// timing); the last number reserved.
    static func waitForReservation(_ allocator: CaseNumberAllocator, through target: Int64) async throws -> Int64 {
        let deadline = ContinuousClock.now + .seconds(10)
        var reserved = try await allocator.reservedThrough(day)
        while reserved < target && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
            reserved = try await allocator.reservedThrough(day)
        }
        return reserved
    }

    @Test func theSixthDigitIsTheLast() async throws {
        try await Self.withAllocator { database, allocator in
            try await database.write { db in
                try db.execute("INSERT INTO case_number_sequence (day, next) VALUES (?, ?)",
                               [.text(Self.day.iso), .integer(CaseNumberAllocator.maximumSequence - 1)])
            }
            // The next block starts at 999,999: the last number a case can have.
            #expect(try await allocator.next(on: Self.day) == CaseNumberAllocator.maximumSequence)
            await #expect(throws: RepositoryError.self) { _ = try await allocator.next(on: Self.day) }
        }
    }
}
