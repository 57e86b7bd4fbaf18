@testable import HTTPCore
import Testing

@Suite struct TimerWheelTests {
    @Test func entriesComeDueAtTheirTickEvenBeyondOneTurn() {
        var wheel = TimerWheel<String>(slots: 8)
        wheel.schedule("soon", at: 3)
        wheel.schedule("same slot, next turn", at: 11)
        wheel.schedule("far", at: 30)
        #expect(wheel.advance(to: 2).isEmpty)
        #expect(wheel.advance(to: 3) == ["soon"])
        #expect(wheel.advance(to: 10).isEmpty)
        #expect(wheel.advance(to: 11) == ["same slot, next turn"])
        #expect(wheel.advance(to: 29).isEmpty)
        #expect(wheel.advance(to: 30) == ["far"])
        #expect(wheel.scheduledCount == 0)
    }

    @Test func aTickAlreadyPassedComesDueOnTheNextAdvance() {
        var wheel = TimerWheel<Int>(slots: 8, startTick: 5)
        wheel.schedule(1, at: 2)
        #expect(wheel.advance(to: 6) == [1])
    }

    /// The loop re-schedules entries while it handles the ones that came due; the wheel
    /// hands them back first so that never overlaps its own update.
    @Test func handlingDueEntriesMayScheduleAgain() {
        var wheel = TimerWheel<Int>(slots: 4)
        wheel.schedule(7, at: 1)
        for entry in wheel.advance(to: 1) { wheel.schedule(entry, at: 9) }
        #expect(wheel.advance(to: 8).isEmpty)
        #expect(wheel.advance(to: 9) == [7])
    }

    @Test func aLongJumpVisitsEveryBucketOnce() {
        var wheel = TimerWheel<Int>(slots: 4)
        for tick in 1...4 { wheel.schedule(tick, at: tick) }
        #expect(wheel.advance(to: 100).sorted() == [1, 2, 3, 4])
        #expect(wheel.scheduledCount == 0)
    }
}
