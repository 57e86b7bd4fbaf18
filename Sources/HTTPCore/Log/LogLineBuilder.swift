/// The bytes of one log line while it is formatted. Lines that fit `stackBytes` are built
/// in stack memory, so the usual line costs no heap allocation; a longer line continues
/// in an array. The timestamp is not part of it: `timestampOffset` marks where the sink
/// inserts it, so the clock is read once, in the order lines reach the buffer.
public struct LogLineBuilder {
    static let stackBytes = 1024

    private let stack: UnsafeMutableRawBufferPointer
    private var used = 0
    private var heap: [UInt8]?
    /// Where the timestamp goes; nil for a line without one.
    public internal(set) var timestampOffset: Int?

    private init(stack: UnsafeMutableRawBufferPointer) {
        self.stack = stack
    }

    /// Runs `body` with an empty line whose stack memory lives only during the call.
    public static func withLine<R>(_ body: (inout LogLineBuilder) throws -> R) rethrows -> R {
        try withUnsafeTemporaryAllocation(byteCount: stackBytes, alignment: 1) { raw in
            var line = LogLineBuilder(stack: raw)
            return try body(&line)
        }
    }

    public var count: Int { heap?.count ?? used }

    /// Marks the current end as the timestamp's place.
    public mutating func markTimestamp() { timestampOffset = count }

    /// The bytes formatted so far (valid only during the call).
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if let heap { return try heap.withUnsafeBytes(body) }
        return try body(UnsafeRawBufferPointer(rebasing: stack[0..<used]))
    }

    public mutating func append(_ byte: UInt8) {
        if heap == nil, used < stack.count {
            stack[used] = byte
            used += 1
        } else {
            spill(adding: 1)
            heap?.append(byte)
        }
    }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        if heap == nil, used + bytes.count <= stack.count, let source = bytes.baseAddress, let target = stack.baseAddress {
            (target + used).copyMemory(from: source, byteCount: bytes.count)
            used += bytes.count
        } else {
            spill(adding: bytes.count)
            heap?.append(contentsOf: bytes)
        }
    }

    public mutating func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Decimal digits of `value`, formatted without an intermediate String.
    public mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        // 20 digits hold UInt64.max; built backwards in a fixed tuple on the stack.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { scratch in
            var start = scratch.count
            repeat {
                start -= 1
                scratch[start] = UInt8(truncatingIfNeeded: 0x30 + magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            append(UnsafeRawBufferPointer(rebasing: scratch[start...]))
        }
    }

    /// `text` as the inside of a JSON string: quote, backslash and control characters
    /// escaped (RFC 8259 §7); other UTF-8 passes through unchanged.
    public mutating func appendJSONEscaped(_ text: String) {
        var text = text
        text.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0), json: true) }
    }

    public mutating func appendJSONEscaped(_ text: Substring) {
        var text = text
        text.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0), json: true) }
    }

    /// `text` for a human line: control characters escaped so that no value can start a
    /// forged line; everything else as is.
    public mutating func appendTextEscaped(_ text: String) {
        var text = text
        text.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0), json: false) }
    }

    public mutating func appendTextEscaped(_ text: Substring) {
        var text = text
        text.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0), json: false) }
    }

    private mutating func appendEscaped(_ bytes: UnsafeRawBufferPointer, json: Bool) {
        var runStart = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            let needsEscape = byte < 0x20 || (json && (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")))
                || (!json && byte == 0x7F)
            guard needsEscape else { continue }
            // Plain runs are copied in one piece; only the escaped byte is handled alone.
            append(UnsafeRawBufferPointer(rebasing: bytes[runStart..<index]))
            appendEscape(for: byte)
            runStart = index + 1
        }
        append(UnsafeRawBufferPointer(rebasing: bytes[runStart...]))
    }

    private mutating func appendEscape(for byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append("\\\"")
        case UInt8(ascii: "\\"): append("\\\\")
        case UInt8(ascii: "\n"): append("\\n")
        case UInt8(ascii: "\r"): append("\\r")
        case UInt8(ascii: "\t"): append("\\t")
        default:
            let hex: StaticString = "0123456789abcdef"
            append("\\u00")
            append(hex.utf8Start[Int(byte >> 4)])
            append(hex.utf8Start[Int(byte & 0x0F)])
        }
    }

    /// Moves the line to the heap once it outgrows the stack memory.
    private mutating func spill(adding extra: Int) {
        guard heap == nil else { return }
        var array: [UInt8] = []
        array.reserveCapacity(max(used + extra, stack.count) * 2)
        array.append(contentsOf: UnsafeRawBufferPointer(rebasing: stack[0..<used]))
        heap = array
    }
}
