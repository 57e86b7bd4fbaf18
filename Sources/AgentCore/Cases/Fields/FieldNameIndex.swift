/// A fixed set of ASCII names (the case fields' API names, the document codes) to their
/// positions, looked up without Swift's seeded String hashing. Every case check reads
/// its fields by API name (some 40 lookups) and its documents by code, and a
/// `[String: Int]` lookup costs about 450 instructions: SipHash over the name, its
/// finalization, then a compare. Here a lookup mixes a few words of the name and
/// compares one candidate's bytes, eight at a time.
///
/// The names are our own constants and nothing is inserted after init, so input (a body
/// key, a document code) cannot lengthen a probe: an unknown name stops at the first
/// empty slot of a table at most a quarter full.
struct FieldNameIndex: Sendable {
    /// Open addressing, linear probing; each slot holds a position in `names`, or -1,
    /// and the full hash of that name, compared before any byte.
    private let slots: [(position: Int, hash: UInt32)]
    /// Every name's bytes, one after the other; `starts[i]..<starts[i + 1]` is name i.
    private let bytes: [UInt8]
    private let starts: [Int]
    private let mask: Int

    init(_ names: [String]) {
        var size = 8
        while size < names.count * 4 { size *= 2 }
        var slots = [(position: Int, hash: UInt32)](repeating: (-1, 0), count: size)
        var bytes: [UInt8] = []
        var starts = [0]
        for (position, name) in names.enumerated() {
            let utf8 = Array(name.utf8)
            let hash = Self.hash(utf8)
            var slot = Int(hash) & (size - 1)
            while slots[slot].position >= 0 {
                precondition(names[slots[slot].position] != name, "field name listed twice: \(name)")
                slot = (slot + 1) & (size - 1)
            }
            slots[slot] = (position, hash)
            bytes += utf8
            starts.append(bytes.count)
        }
        self.slots = slots
        self.bytes = bytes
        self.starts = starts
        self.mask = size - 1
    }

    /// The position of `name` in the list given at init; nil when it is not there.
    func index(of name: String) -> Int? {
        var name = name
        return name.withUTF8 { index(ofBytes: $0) }
    }

    private func index(ofBytes name: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = Self.hash(name)
        var slot = Int(hash) & mask
        return bytes.withUnsafeBufferPointer { bytes in
            while true {
                let (position, stored) = slots[slot]
                if position < 0 { return nil }
                if stored == hash {
                    let start = starts[position], count = starts[position + 1] - start
                    if count == name.count, count == 0 || Self.equal(bytes.baseAddress! + start, name.baseAddress, count) {
                        return position
                    }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Byte equality, eight bytes at a time.
    private static func equal(_ known: UnsafePointer<UInt8>, _ name: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
        guard let name else { return count == 0 }
        let a = UnsafeRawPointer(known), b = UnsafeRawPointer(name)
        var offset = 0
        while offset + 8 <= count {
            if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
                return false
            }
            offset += 8
        }
        while offset < count {
            if known[offset] != name[offset] { return false }
            offset += 1
        }
        return true
    }

    /// The length mixed with the first and the last eight bytes (fewer for a short
    /// name): the names differ there, and it costs a few instructions, not one per byte.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var mixed = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
        if let base = bytes.baseAddress, bytes.count >= 8 {
            let raw = UnsafeRawPointer(base)
            mixed ^= raw.loadUnaligned(as: UInt64.self)
            mixed = (mixed ^ (mixed >> 29)) &* 0xBF58_476D_1CE4_E5B9
            mixed ^= raw.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)
        } else {
            for byte in bytes { mixed = (mixed ^ UInt64(byte)) &* 0x100_0000_01B3 }
        }
        mixed = (mixed ^ (mixed >> 32)) &* 0x94D0_49BB_1331_11EB
        return UInt32(truncatingIfNeeded: mixed ^ (mixed >> 29))
    }

    private static func hash(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { hash($0) }
    }
}
