import AgentCore
import Foundation

/// CaseInput to and from JSON bytes (the plaintext inside the encrypted `data` column),
/// driven by the field table so a new field needs no change here.
enum CaseInputCodec {
    static func encode(_ input: CaseInput) throws -> [UInt8] {
        var object: [String: Any] = [:]
        for name in input.presentFieldNames {
            switch input[field: name] {
            case .text(let text)?: object[name] = text
            case .date(let date)?: object[name] = date.iso
            case .flag(let flag)?: object[name] = flag
            case .textList(let list)?: object[name] = list
            case nil: break
            }
        }
        return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    static func decode(_ bytes: [UInt8]) throws -> CaseInput {
        guard let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw RowDecodingError.invalid(column: "cases.data")
        }
        var input = CaseInput()
        for (name, raw) in object {
            let value: CaseFieldValue?
            switch CaseInput.kind(of: name) {
            case .text?: value = (raw as? String).map(CaseFieldValue.text)
            case .date?: value = RowCodec.date(raw as? String).map(CaseFieldValue.date)
            case .flag?: value = (raw as? Bool).map(CaseFieldValue.flag)
            case .textList?: value = (raw as? [String]).map(CaseFieldValue.textList)
            case nil: value = nil
            }
            guard let value else { throw RowDecodingError.invalid(column: "cases.data.\(name)") }
            _ = input.set(name, to: value)
        }
        return input
    }
}
