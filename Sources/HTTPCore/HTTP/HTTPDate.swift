#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The `Date` header value (IMF-fixdate, RFC 9110 §5.6.7) for the current second, formatted
/// once per second. A value type with no lock: each event-loop thread owns one.
public struct HTTPDateCache: Sendable {
    private var cachedSecond: Int
    private var cached: [UInt8]

    public init() {
        cachedSecond = Int.min
        cached = []
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT` for `second` (seconds since 1970 UTC); the bytes are
    /// recomputed only when the second differs from the previous call's.
    public mutating func bytes(forEpochSecond second: Int) -> [UInt8] {
        if second != cachedSecond {
            cached = Self.format(epochSecond: second)
            cachedSecond = second
        }
        return cached
    }

    /// The bytes for the wall-clock second now.
    public mutating func currentBytes() -> [UInt8] {
        bytes(forEpochSecond: Int(time(nil)))
    }

    private static let dayNames: [StaticString] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let monthNames: [StaticString] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// Formats with `gmtime_r` (thread-safe, no locale, no Foundation).
    public static func format(epochSecond: Int) -> [UInt8] {
        var t = time_t(epochSecond)
        var parts = tm()
        guard gmtime_r(&t, &parts) != nil else {
            // Out of the C library's range: only a broken clock gets here.
            return Array("Thu, 01 Jan 1970 00:00:00 GMT".utf8)
        }
        var out: [UInt8] = []
        out.reserveCapacity(29)
        appendName(dayNames[Int(parts.tm_wday) % 7], to: &out)
        out.append(UInt8(ascii: ","))
        out.append(UInt8(ascii: " "))
        appendDigits(Int(parts.tm_mday), width: 2, to: &out)
        out.append(UInt8(ascii: " "))
        appendName(monthNames[Int(parts.tm_mon) % 12], to: &out)
        out.append(UInt8(ascii: " "))
        // IMF-fixdate has a 4-digit year.
        appendDigits(min(max(Int(parts.tm_year) + 1900, 0), 9999), width: 4, to: &out)
        out.append(UInt8(ascii: " "))
        appendDigits(Int(parts.tm_hour), width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(Int(parts.tm_min), width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(Int(parts.tm_sec), width: 2, to: &out)
        out.append(contentsOf: " GMT".utf8)
        return out
    }

    private static func appendName(_ name: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }

    private static func appendDigits(_ value: Int, width: Int, to out: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(truncatingIfNeeded: 0x30 + (value / divisor) % 10))
            divisor /= 10
        }
    }
}
