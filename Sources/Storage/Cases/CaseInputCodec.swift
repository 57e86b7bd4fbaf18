import AgentCore

/// CaseInput to and from JSON bytes (the plaintext inside the encrypted `data` column),
/// driven by the field table so a new field needs no change here.
///
/// Written by hand: every case read and write passes through it, and Foundation's
/// `JSONSerialization` (boxing every value, sorting keys by `NSString` compare) was a
/// tenth of the case path's CPU. Rows written by the earlier Foundation encoder read
/// back unchanged: the reader accepts any JSON object of these field kinds.
enum CaseInputCodec {
    static func encode(_ input: CaseInput) throws -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(640)
        for index in CaseInput.fields.indices {
            guard let value = input[fieldAt: index] else { continue }
            if out.count > 1 { out.append(UInt8(ascii: ",")) }
            JSONBytes.appendString(CaseInput.fields[index].name, to: &out)
            out.append(UInt8(ascii: ":"))
            switch value {
            case .text(let text): JSONBytes.appendString(text, to: &out)
            case .date(let date): JSONBytes.appendString(date.iso, to: &out)
            case .flag(let flag): out.append(contentsOf: flag ? Array("true".utf8) : Array("false".utf8))
            case .textList(let list):
                out.append(UInt8(ascii: "["))
                for (position, item) in list.enumerated() {
                    if position > 0 { out.append(UInt8(ascii: ",")) }
                    JSONBytes.appendString(item, to: &out)
                }
                out.append(UInt8(ascii: "]"))
            }
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    static func decode(_ bytes: [UInt8]) throws -> CaseInput {
        var reader = JSONBytes.Reader(bytes)
        var input = CaseInput()
        try reader.expect(UInt8(ascii: "{"))
        if try reader.consumeIf(UInt8(ascii: "}")) { return try reader.finished(input) }
        repeat {
            let name = try reader.string()
            try reader.expect(UInt8(ascii: ":"))
            guard let index = CaseInput.fieldIndex(of: name) else { throw RowDecodingError.invalid(column: "cases.data.\(name)") }
            let value: CaseFieldValue?
            switch CaseInput.fields[index].kind {
            case .text: value = .text(try reader.string())
            case .date: value = RowCodec.date(try reader.string()).map(CaseFieldValue.date)
            case .flag: value = .flag(try reader.bool())
            case .textList:
                var list: [String] = []
                try reader.expect(UInt8(ascii: "["))
                if try !reader.consumeIf(UInt8(ascii: "]")) {
                    repeat { list.append(try reader.string()) } while try reader.consumeIf(UInt8(ascii: ","))
                    try reader.expect(UInt8(ascii: "]"))
                }
                value = .textList(list)
            }
            guard let value else { throw RowDecodingError.invalid(column: "cases.data.\(name)") }
            input.set(fieldAt: index, to: value)
        } while try reader.consumeIf(UInt8(ascii: ","))
        try reader.expect(UInt8(ascii: "}"))
        return try reader.finished(input)
    }
}
