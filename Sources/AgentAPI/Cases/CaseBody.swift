import AgentCore

extension RequestBody {
    /// The case fields of API.md's Case body, typed by the field table; unknown fields are
    /// left unread so `finish()` answers 400 for them.
    mutating func caseInput() -> CaseInput {
        var input = CaseInput()
        // Only the fields the body carries (some fifteen of the forty), in the table's
        // order so the issues come in that order: a lookup of each absent name in the body
        // cost a hash of the name for nothing.
        let present = presentFields.compactMap { CaseInput.fieldIndex(of: $0) }.sorted()
        for index in present {
            let (name, kind) = CaseInput.fields[index]
            let value: CaseFieldValue?
            switch kind {
            case .text: value = string(name, maxLength: 1000).map(CaseFieldValue.text)
            case .date: value = date(name).map(CaseFieldValue.date)
            case .flag: value = bool(name).map(CaseFieldValue.flag)
            case .textList: value = strings(name, maxCount: 20, maxLength: 100).map(CaseFieldValue.textList)
            }
            if let value { _ = input.set(fieldAt: index, to: value) }
        }
        return input
    }
}
