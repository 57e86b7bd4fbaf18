import Crypto
import Testing

/// Bytes of a hex literal from a published vector (spaces allowed, as the RFCs print
/// them). A typo in a vector is reported as a test issue, not silently turned into [].
func hex(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [UInt8] {
    let compact = text.filter { !$0.isWhitespace }
    guard let bytes = Hex.decode(compact) else {
        Issue.record("invalid hex literal: \(text)", sourceLocation: sourceLocation)
        return []
    }
    return bytes
}

func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

func repeated(_ byte: UInt8, _ count: Int) -> [UInt8] { [UInt8](repeating: byte, count: count) }
