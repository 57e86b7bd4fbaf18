#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The wall-clock time of a log line as RFC 3339 UTC with milliseconds
/// (`2026-03-01T12:34:56.789Z`, always 24 bytes). The date and time of day are formatted
/// once per second; each line only adds its milliseconds. Not thread-safe: the sink owns
/// one under its lock.
struct LogTimestamp {
    static let byteCount = 24

    private var cachedSecond = Int.min
    /// `2026-03-01T12:34:56.` for `cachedSecond`.
    private var prefix: [UInt8] = []

    /// Appends the current time to `out`.
    mutating func appendNow(to out: inout [UInt8]) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        append(epochSecond: Int(now.tv_sec), millisecond: Int(now.tv_nsec) / 1_000_000, to: &out)
    }

    mutating func append(epochSecond: Int, millisecond: Int, to out: inout [UInt8]) {
        if epochSecond != cachedSecond {
            prefix = Self.formatPrefix(epochSecond: epochSecond)
            cachedSecond = epochSecond
        }
        out.append(contentsOf: prefix)
        let ms = min(max(millisecond, 0), 999)
        out.append(UInt8(truncatingIfNeeded: 0x30 + ms / 100))
        out.append(UInt8(truncatingIfNeeded: 0x30 + ms / 10 % 10))
        out.append(UInt8(truncatingIfNeeded: 0x30 + ms % 10))
        out.append(UInt8(ascii: "Z"))
    }

    /// `YYYY-MM-DDTHH:MM:SS.` with `gmtime_r` (thread-safe, no locale).
    static func formatPrefix(epochSecond: Int) -> [UInt8] {
        var t = time_t(epochSecond)
        var parts = tm()
        guard gmtime_r(&t, &parts) != nil else {
            // Out of the C library's range: only a broken clock gets here.
            return Array("1970-01-01T00:00:00.".utf8)
        }
        var out: [UInt8] = []
        out.reserveCapacity(20)
        for (value, width, separator) in [(Int(parts.tm_year) + 1900, 4, "-"), (Int(parts.tm_mon) + 1, 2, "-"),
                                          (Int(parts.tm_mday), 2, "T"), (Int(parts.tm_hour), 2, ":"),
                                          (Int(parts.tm_min), 2, ":"), (Int(parts.tm_sec), 2, ".")] as [(Int, Int, Character)] {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            let clamped = min(max(value, 0), divisor * 10 - 1)
            while divisor > 0 {
                out.append(UInt8(truncatingIfNeeded: 0x30 + clamped / divisor % 10))
                divisor /= 10
            }
            out.append(contentsOf: separator.utf8)
        }
        return out
    }
}
