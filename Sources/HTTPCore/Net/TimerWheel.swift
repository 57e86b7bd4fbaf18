/// A hashed timer wheel with one-second ticks, owned by one event loop.
///
/// Entries are cheap to schedule and never cancelled: when a bucket comes due the loop
/// checks each entry against the connection's *current* deadline, re-scheduling it if the
/// deadline moved later. So refreshing an idle deadline on every request costs nothing.
struct TimerWheel<Entry> {
    private var buckets: [[(tick: Int, entry: Entry)]]
    private(set) var currentTick: Int

    init(slots: Int = 64, startTick: Int = 0) {
        precondition(slots > 0, "a wheel needs at least one slot")
        buckets = Array(repeating: [], count: slots)
        currentTick = startTick
    }

    /// Schedules `entry` to come due at `tick` (or on the next advance, if already past).
    mutating func schedule(_ entry: Entry, at tick: Int) {
        let due = max(tick, currentTick + 1)
        buckets[due % buckets.count].append((due, entry))
    }

    /// Moves the wheel to `tick` and returns every entry that came due. Returned, not
    /// handed to a callback: handling an entry often schedules it again, and doing that
    /// inside this mutating call would be an overlapping access to the wheel (Swift's
    /// exclusivity check stops the process).
    mutating func advance(to tick: Int) -> [Entry] {
        guard tick > currentTick else { return [] }
        // A jump longer than the wheel still visits each bucket only once.
        let steps = min(tick - currentTick, buckets.count)
        var due: [Entry] = []
        for step in 1...steps {
            let index = (currentTick + step) % buckets.count
            guard !buckets[index].isEmpty else { continue }
            var keep: [(tick: Int, entry: Entry)] = []
            for item in buckets[index] {
                if item.tick <= tick { due.append(item.entry) } else { keep.append(item) }
            }
            buckets[index] = keep
        }
        currentTick = tick
        return due
    }

    var scheduledCount: Int { buckets.reduce(0) { $0 + $1.count } }
}
