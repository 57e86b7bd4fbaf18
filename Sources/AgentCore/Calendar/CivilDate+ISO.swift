/// The ISO 8601 calendar-date form `YYYY-MM-DD`: the only textual form the API
/// accepts and produces for a date.
extension CivilDate: CustomStringConvertible, Codable {
    /// Parses exactly `YYYY-MM-DD` (four, two and two ASCII digits): no signs, no
    /// spaces, no short forms like `2024-1-01`, no basic form like `20240101`, and
    /// only real dates in `supportedYears`.
    public init?(iso text: String) {
        guard let date = CivilDate(storedISO: text), Self.supportedYears.contains(date.year) else { return nil }
        self = date
    }

    /// Parses `YYYY-MM-DD` written by this program (stored rows, the simulator's state):
    /// any real date with a four-digit year. Arithmetic may carry a deadline past
    /// `supportedYears` (a case hired in late 2200, a clock advanced beyond it), and
    /// what was stored must always read back; `init?(iso:)` stays the gate for input.
    public init?(storedISO text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = Self.digits(bytes[0..<4]),
              let month = Self.digits(bytes[5..<7]),
              let day = Self.digits(bytes[8..<10]),
              (1...12).contains(month), (1...Self.daysInMonth(month, year: year)).contains(day)
        else { return nil }
        self.init(uncheckedYear: year, month: month, day: day)
    }

    /// `YYYY-MM-DD`, zero-padded.
    public var iso: String {
        // Ten ASCII bytes fit a small string: written in place, nothing allocated (dates
        // are written many times per case answer and change).
        guard (0...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else {
            return Self.pad(year, width: 4) + "-" + Self.pad(month, width: 2) + "-" + Self.pad(day, width: 2)
        }
        return String(unsafeUninitializedCapacity: 10) { buffer in
            let zero = UInt8(ascii: "0")
            buffer[0] = zero + UInt8(year / 1000)
            buffer[1] = zero + UInt8(year / 100 % 10)
            buffer[2] = zero + UInt8(year / 10 % 10)
            buffer[3] = zero + UInt8(year % 10)
            buffer[4] = UInt8(ascii: "-")
            buffer[5] = zero + UInt8(month / 10)
            buffer[6] = zero + UInt8(month % 10)
            buffer[7] = UInt8(ascii: "-")
            buffer[8] = zero + UInt8(day / 10)
            buffer[9] = zero + UInt8(day % 10)
            return 10
        }
    }

    public var description: String { iso }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        // Decoding reads what `encode` wrote (stored case data), so it takes any
        // four-digit year; input from the API is checked with `init?(iso:)`.
        guard let date = CivilDate(storedISO: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a date as YYYY-MM-DD, got \"\(text)\"")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    /// The value of a run of ASCII digits; `nil` if any byte is not a digit.
    private static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func pad(_ value: Int, width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
