import Glibc

/// Wall-clock times as ISO 8601 UTC text with milliseconds (`2026-11-21T13:45:07.123Z`),
/// formatted with gmtime_r: no DateFormatter on the write path.
public enum UTCTime {
    public static func nowMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    public static func iso(milliseconds: Int64) -> String {
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let year = Int(parts.tm_year) + 1900
        let ms = Int(milliseconds % 1000)
        guard (0...9999).contains(year), ms >= 0 else {
            return "\(pad(year, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
                + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(ms, 3))Z"
        }
        // Written into one buffer: several times per request (audit, timestamps), where
        // joining fourteen small strings showed in profiles.
        return String(unsafeUninitializedCapacity: 24) { out in
            func digits(_ value: Int, _ width: Int, at start: Int) {
                var rest = value
                for i in stride(from: start + width - 1, through: start, by: -1) {
                    out[i] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            digits(year, 4, at: 0)
            out[4] = UInt8(ascii: "-")
            digits(Int(parts.tm_mon) + 1, 2, at: 5)
            out[7] = UInt8(ascii: "-")
            digits(Int(parts.tm_mday), 2, at: 8)
            out[10] = UInt8(ascii: "T")
            digits(Int(parts.tm_hour), 2, at: 11)
            out[13] = UInt8(ascii: ":")
            digits(Int(parts.tm_min), 2, at: 14)
            out[16] = UInt8(ascii: ":")
            digits(Int(parts.tm_sec), 2, at: 17)
            out[19] = UInt8(ascii: ".")
            digits(ms, 3, at: 20)
            out[23] = UInt8(ascii: "Z")
            return 24
        }
    }

    public static func nowISO() -> String { iso(milliseconds: nowMilliseconds()) }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
