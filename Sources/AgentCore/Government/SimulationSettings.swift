/// The simulator's own settings, persisted so a restart keeps them: where its clock
/// stands and how it fails.
public struct SimulatorSettings: Sendable, Equatable {
    /// The simulated date minus the real (UTC) date, in days. Stored as an offset so
    /// the simulated calendar keeps moving with the real one between changes.
    public var clockOffsetDays: Int
    public var faults: SimulatedFaults
    /// Windows in which every gateway call fails, in the order they were set.
    public var outages: [SimulatedOutage]

    public init(clockOffsetDays: Int = 0, faults: SimulatedFaults = SimulatedFaults(), outages: [SimulatedOutage] = []) {
        self.clockOffsetDays = clockOffsetDays
        self.faults = faults
        self.outages = outages
    }
}

/// Random failures and delay of the simulated government side. The failures come from
/// a generator seeded with `seed`, so the same seed fails the same calls again.
public struct SimulatedFaults: Sendable, Equatable {
    /// Probability (0…1) that a gateway call fails with `GovernmentUnavailable`.
    public var errorRate: Double
    public var seed: UInt64
    /// Added to every gateway call before it answers.
    public var latencyMs: Int

    public static let latencyRange = 0...60_000

    public init(errorRate: Double = 0, seed: UInt64 = 0, latencyMs: Int = 0) {
        self.errorRate = errorRate
        self.seed = seed
        self.latencyMs = latencyMs
    }

    /// Problems with these values (fields as in POST `simulator/outages`).
    public var validationIssues: [FieldIssue] {
        var issues = IssueCollector()
        if !(errorRate >= 0 && errorRate <= 1) {
            issues.add("error_rate", FieldIssue.outOfRange, "A probability between 0 and 1.")
        }
        if !Self.latencyRange.contains(latencyMs) {
            issues.add("latency_ms", FieldIssue.outOfRange, "Between 0 and 60000 milliseconds.")
        }
        return issues.issues
    }
}

/// A span of simulated time, inclusive at both ends, during which the simulated
/// government side is down. Instants are milliseconds since 1970-01-01T00:00:00Z.
public struct SimulatedOutage: Sendable, Equatable {
    public var fromMs: Int64
    public var toMs: Int64

    public init(fromMs: Int64, toMs: Int64) {
        self.fromMs = fromMs
        self.toMs = toMs
    }

    /// Parses POST `simulator/outages` `{from, to}` (see `SimulationTimestamp.parse`);
    /// every problem is reported.
    public init(from: String, to: String) throws(ValidationFailure) {
        var issues = IssueCollector()
        let start = SimulationTimestamp.parse(from, rangeEnd: false)
        let end = SimulationTimestamp.parse(to, rangeEnd: true)
        if start == nil { issues.add("from", FieldIssue.invalidFormat, "An ISO 8601 date or date-time, e.g. 2025-03-03T09:00:00Z.") }
        if end == nil { issues.add("to", FieldIssue.invalidFormat, "An ISO 8601 date or date-time, e.g. 2025-03-03T17:00:00Z.") }
        if let start, let end, end < start { issues.add("to", FieldIssue.outOfRange, "The outage ends before it starts.") }
        try issues.check()
        self.init(fromMs: start ?? 0, toMs: end ?? 0)
    }

    public func contains(_ instantMs: Int64) -> Bool { fromMs <= instantMs && instantMs <= toMs }

    /// The UTC dates the outage touched at any moment: what HIRE-2's due-date shift
    /// takes (`EmployerCalendar.addingBusinessDays(_:to:excludingOutages:)`).
    public var dates: ClosedRange<CivilDate> {
        SimulationTimestamp.date(of: fromMs)...SimulationTimestamp.date(of: toMs)
    }

    public var fromISO: String { SimulationTimestamp.format(fromMs) }
    public var toISO: String { SimulationTimestamp.format(toMs) }
}

/// ISO 8601 timestamps for the simulator's outage windows, without Foundation.
public enum SimulationTimestamp {
    static let msPerDay: Int64 = 86_400_000

    /// Milliseconds since the epoch for `text`: `YYYY-MM-DD`, or
    /// `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z`, `±HH:MM`, `±HHMM` or `±HH`
    /// (no zone: UTC). A range end (`rangeEnd`) is inclusive to the end of the unit
    /// written: a date to 23:59:59.999 of that day, `10:00` to 10:00:59.999.
    public static func parse(_ text: String, rangeEnd: Bool) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, let date = CivilDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)) else { return nil }
        let midnight = Int64(date.dayNumber) * msPerDay
        if bytes.count == 10 { return rangeEnd ? midnight + msPerDay - 1 : midnight }
        guard [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[10]) else { return nil }
        var cursor = 11
        func number(_ width: Int) -> Int64? {
            guard cursor + width <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[cursor..<cursor + width] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            cursor += width
            return value
        }
        func skip(_ character: Character) -> Bool {
            guard cursor < bytes.count, let ascii = character.asciiValue, bytes[cursor] == ascii else { return false }
            cursor += 1
            return true
        }
        guard let hour = number(2), hour < 24, skip(":"), let minute = number(2), minute < 60 else { return nil }
        var value = midnight + hour * 3_600_000 + minute * 60_000
        var unit: Int64 = 60_000
        if skip(":") {
            guard let second = number(2), second < 60 else { return nil }
            value += second * 1000
            unit = 1000
            if skip(".") || skip(",") {
                var digits = 0
                var fraction: Int64 = 0
                while cursor < bytes.count, bytes[cursor] >= UInt8(ascii: "0"), bytes[cursor] <= UInt8(ascii: "9") {
                    if digits < 3 { fraction = fraction * 10 + Int64(bytes[cursor] - UInt8(ascii: "0")) }
                    digits += 1
                    cursor += 1
                }
                guard digits > 0 else { return nil }
                for _ in min(digits, 3)..<3 { fraction *= 10 }
                value += fraction
                unit = digits >= 3 ? 1 : [100, 10][digits - 1]
            }
        }
        if cursor < bytes.count {
            if skip("Z") || skip("z") {
                // UTC: nothing to shift.
            } else if bytes[cursor] == UInt8(ascii: "+") || bytes[cursor] == UInt8(ascii: "-") {
                let sign: Int64 = bytes[cursor] == UInt8(ascii: "+") ? 1 : -1
                cursor += 1
                guard let hours = number(2), hours <= 23 else { return nil }
                var minutes: Int64 = 0
                if cursor < bytes.count {
                    _ = skip(":")
                    guard let parsed = number(2), parsed < 60 else { return nil }
                    minutes = parsed
                }
                // A local time east of UTC is earlier in UTC.
                value -= sign * (hours * 3_600_000 + minutes * 60_000)
            } else {
                return nil
            }
        }
        guard cursor == bytes.count else { return nil }
        return rangeEnd ? value + unit - 1 : value
    }

    /// The UTC date of an instant.
    public static func date(of instantMs: Int64) -> CivilDate {
        let day = instantMs >= 0 ? instantMs / msPerDay : (instantMs - msPerDay + 1) / msPerDay
        return CivilDate.fromDayNumber(Int(day))
    }

    /// `YYYY-MM-DDTHH:MM:SS.sssZ`.
    public static func format(_ instantMs: Int64) -> String {
        let date = date(of: instantMs)
        let inDay = instantMs - Int64(date.dayNumber) * msPerDay
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return date.iso + "T" + pad(inDay / 3_600_000, 2) + ":" + pad(inDay / 60_000 % 60, 2) + ":"
            + pad(inDay / 1000 % 60, 2) + "." + pad(inDay % 1000, 3) + "Z"
    }
}
