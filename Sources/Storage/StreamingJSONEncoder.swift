import Foundation

/// Writes an `Encodable` value as JSON straight into bytes, with no intermediate tree:
/// Foundation's `JSONEncoder` built one for every case change (about 3% of the server's
/// CPU under the case load). It serves values whose `encode(to:)` fills each container
/// before it opens the next, as synthesized conformances do; anything else (nested or
/// super encoders, a second container from one encoder, a non-finite number) makes it
/// hand the value to `JSONEncoder`, so the answer is always valid JSON of the same value.
enum StreamingJSONEncoder {
    static let fallback = JSONEncoder()

    static func string<T: Encodable>(_ value: T) throws -> String {
        let sink = JSONSink()
        try sink.write(value)
        if sink.unsupported { return String(decoding: try fallback.encode(value), as: UTF8.self) }
        return String(decoding: sink.bytes, as: UTF8.self)
    }
}

/// The bytes written so far, shared by every encoder and container of one value.
final class JSONSink {
    /// Written by one encoding on one thread: the runtime's exclusivity check on every
    /// append (a class property) showed in profiles and guards nothing here.
    @exclusivity(unchecked) var bytes: [UInt8] = []
    /// Set when the value used something a stream cannot write in order.
    var unsupported = false

    init() { bytes.reserveCapacity(512) }

    /// One cast tells a value the stream writes itself (a `StreamWritten` primitive) from
    /// one whose `encode(to:)` it follows; a chain of casts per value cost more than the
    /// writing. Primitives in a container mostly arrive through the concrete overloads below.
    func write<T: Encodable>(_ value: T) throws {
        if let primitive = value as? any StreamWritten {
            primitive.write(to: self)
            return
        }
        let encoder = StreamEncoder(sink: self)
        try value.encode(to: encoder)
        encoder.finish()
    }

    func bool(_ flag: Bool) { raw(flag ? "true" : "false") }

    func integer<I: BinaryInteger>(_ number: I) { raw(String(number)) }

    func floating<F: BinaryFloatingPoint & LosslessStringConvertible>(_ number: F) {
        guard number.isFinite else { unsupported = true; return raw("null") }
        raw(number.description)
    }

    func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    func string(_ text: String) { JSONBytes.appendString(text, to: &bytes) }
}

/// The encoder handed to one value's `encode(to:)`: it allows one container, whose
/// closing bracket `finish` writes once the value is done.
final class StreamEncoder: Encoder {
    let sink: JSONSink
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    private var closing: UInt8?
    private var opened = false

    init(sink: JSONSink) { self.sink = sink }

    private func open(_ bracket: UInt8, closing: UInt8?) -> Bool {
        guard !opened else {
            sink.unsupported = true
            return false
        }
        opened = true
        self.closing = closing
        if bracket != 0 { sink.bytes.append(bracket) }
        return true
    }

    func finish() {
        if let closing { sink.bytes.append(closing) }
        // A value that encoded nothing is an empty object, as JSONEncoder writes it.
        if !opened { sink.raw("{}") }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        _ = open(UInt8(ascii: "{"), closing: UInt8(ascii: "}"))
        return KeyedEncodingContainer(KeyedStream<Key>(sink: sink))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        _ = open(UInt8(ascii: "["), closing: UInt8(ascii: "]"))
        return UnkeyedStream(sink: sink)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        _ = open(0, closing: nil)
        return SingleStream(sink: sink)
    }
}

/// Writes `"key":value` pairs with the commas between them.
struct KeyedStream<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: JSONSink
    var codingPath: [any CodingKey] = []
    private let state = Separator()

    init(sink: JSONSink) { self.sink = sink }

    private func key(_ key: Key) {
        state.next(sink)
        sink.string(key.stringValue)
        sink.bytes.append(UInt8(ascii: ":"))
    }

    mutating func encodeNil(forKey key: Key) throws {
        self.key(key)
        sink.raw("null")
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        self.key(key)
        try sink.write(value)
    }

    // The primitives a synthesized `encode(to:)` names directly: no cast at all.
    mutating func encode(_ value: String, forKey key: Key) throws { put(value, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(value, key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(value, key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { if let value { put(value, key) } }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { if let value { put(value, key) } }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { if let value { put(value, key) } }

    private func put<T: StreamWritten>(_ value: T, _ key: Key) {
        self.key(key)
        value.write(to: sink)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        sink.unsupported = true
        return KeyedEncodingContainer(KeyedStream<NestedKey>(sink: JSONSink()))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        sink.unsupported = true
        return UnkeyedStream(sink: JSONSink())
    }

    mutating func superEncoder() -> any Encoder {
        sink.unsupported = true
        return StreamEncoder(sink: JSONSink())
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder() }
}

/// Writes array elements with the commas between them.
struct UnkeyedStream: UnkeyedEncodingContainer {
    let sink: JSONSink
    var codingPath: [any CodingKey] = []
    private(set) var count = 0
    private let state = Separator()

    init(sink: JSONSink) { self.sink = sink }

    mutating func encodeNil() throws {
        state.next(sink)
        count += 1
        sink.raw("null")
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        state.next(sink)
        count += 1
        try sink.write(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        sink.unsupported = true
        return KeyedEncodingContainer(KeyedStream<NestedKey>(sink: JSONSink()))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        sink.unsupported = true
        return UnkeyedStream(sink: JSONSink())
    }

    mutating func superEncoder() -> any Encoder {
        sink.unsupported = true
        return StreamEncoder(sink: JSONSink())
    }
}

/// Writes the one value of a single-value container.
struct SingleStream: SingleValueEncodingContainer {
    let sink: JSONSink
    var codingPath: [any CodingKey] = []
    private let state = Separator()

    init(sink: JSONSink) { self.sink = sink }

    mutating func encodeNil() throws {
        guard state.once(sink) else { return }
        sink.raw("null")
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        guard state.once(sink) else { return }
        try sink.write(value)
    }

    // What raw-value enums and dates written as text call: no cast at all.
    mutating func encode(_ value: String) throws { put(value) }
    mutating func encode(_ value: Bool) throws { put(value) }
    mutating func encode(_ value: Int) throws { put(value) }

    private func put<T: StreamWritten>(_ value: T) {
        guard state.once(sink) else { return }
        value.write(to: sink)
    }
}

/// Values the sink writes itself rather than through `encode(to:)`.
protocol StreamWritten {
    func write(to sink: JSONSink)
}

extension String: StreamWritten { func write(to sink: JSONSink) { sink.string(self) } }
extension Bool: StreamWritten { func write(to sink: JSONSink) { sink.bool(self) } }
extension Int: StreamWritten { func write(to sink: JSONSink) { sink.integer(self) } }
extension Int8: StreamWritten { func write(to sink: JSONSink) { sink.integer(self) } }
extension Int16: StreamWritten { func write(to sink: JSONSink) { sink.integer(self) } }
extension Int32: StreamWritten { func write(to sink: JSONSink) { sink.integer(self) } }
extension Int64: StreamWritten { func write(to sink: JSONSink) { sink.integer(self) } }
extension UInt: StreamWritten { func write(to sink: JSONSink) { sink.integer(self) } }
extension UInt8: StreamWritten { func write(to sink: JSONSink) { sink.integer(self) } }
extension UInt16: StreamWritten { func write(to sink: JSONSink) { sink.integer(self) } }
extension UInt32: StreamWritten { func write(to sink: JSONSink) { sink.integer(self) } }
extension UInt64: StreamWritten { func write(to sink: JSONSink) { sink.integer(self) } }
extension Double: StreamWritten { func write(to sink: JSONSink) { sink.floating(self) } }
extension Float: StreamWritten { func write(to sink: JSONSink) { sink.floating(self) } }

// JSONEncoder writes these its own way (base64, a string, a number), not as their
// `encode(to:)` says: left to it.
extension Data: StreamWritten { func write(to sink: JSONSink) { sink.unsupported = true } }
extension URL: StreamWritten { func write(to sink: JSONSink) { sink.unsupported = true } }
extension Decimal: StreamWritten { func write(to sink: JSONSink) { sink.unsupported = true } }

/// Whether a container has written an element yet (containers are copied values; the
/// state they share is this object).
final class Separator {
    private var written = false

    func next(_ sink: JSONSink) {
        if written { sink.bytes.append(UInt8(ascii: ",")) }
        written = true
    }

    /// A single-value container takes one value; a second is not something a stream can write.
    func once(_ sink: JSONSink) -> Bool {
        if written { sink.unsupported = true }
        defer { written = true }
        return !written
    }
}
