import Foundation

/// A CSV body (RFC 4180: quoted fields, doubled quotes, CRLF or LF line ends) as a
/// header row and data rows with their line numbers. Rows of only empty fields are skipped.
struct CSVTable {
    var header: [String]
    /// Each data row with the 1-based line it starts on.
    var rows: [(line: Int, fields: [String])]

    /// Nil when the text is not CSV (an unclosed quote, a quote inside an unquoted field,
    /// or text after a closing quote).
    init?(_ bytes: [UInt8]) {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var index = 0
        var quoted = false
        var fieldStarted = false
        var afterQuote = false
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field = []
            fieldStarted = false
            afterQuote = false
        }
        func endRecord() {
            endField()
            if !fields.allSatisfy(\.isEmpty) { records.append((recordLine, fields)) }
            fields = []
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.count && bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","): endField()
            case 0x0D where index < bytes.count && bytes[index] == 0x0A: continue
            case 0x0A:
                endRecord()
                line += 1
                recordLine = line
            case UInt8(ascii: "\""):
                guard !fieldStarted && !afterQuote else { return nil }
                quoted = true
                fieldStarted = true
            default:
                guard !afterQuote else { return nil }
                field.append(byte)
                fieldStarted = true
            }
        }
        guard !quoted else { return nil }
        if fieldStarted || afterQuote || !fields.isEmpty { endRecord() }
        guard let first = records.first else { return nil }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = Array(records.dropFirst())
    }
}
