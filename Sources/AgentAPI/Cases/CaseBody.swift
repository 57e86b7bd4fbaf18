import AgentCore

extension RequestBody {
    /// The case fields of API.md's Case body, typed by the field table; unknown fields are
    /// left unread so `finish()` answers 400 for them.
    mutating func caseInput() -> CaseInput {
        var input = CaseInput()
        for (name, kind) in CaseInput.fields {
            let value: CaseFieldValue?
            switch kind {
            case .text: value = string(name, maxLength: 1000).map(CaseFieldValue.text)
            case .date: value = date(name).map(CaseFieldValue.date)
            case .flag: value = bool(name).map(CaseFieldValue.flag)
            case .textList: value = strings(name, maxCount: 20, maxLength: 100).map(CaseFieldValue.textList)
            }
            if let value { _ = input.set(name, to: value) }
        }
        return input
    }
}
