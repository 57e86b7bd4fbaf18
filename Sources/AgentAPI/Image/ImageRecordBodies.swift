import AgentCore

/// Reads the body of each IMAGE record kind (POST creates, PATCH merges into the stored
/// one). Field limits here are the ones the OpenAPI schemas state.
enum ImageRecordBodies {
    static let textLimit = 4000

    static let schemas: [ImageRecordKind: String] = [
        .noMatchLetter: """
        {"type":"object","additionalProperties":false,"required":["received_on","employee_id","letter_type"],"properties":{\
        "received_on":{"type":"string","format":"date"},"employee_id":{"type":"string","minLength":1,"maxLength":64},\
        "letter_type":{"type":"string","minLength":1,"maxLength":60},"steps":{"type":"array","maxItems":100,"items":{"type":"object",\
        "additionalProperties":false,"required":["on","action"],"properties":{"on":{"type":"string","format":"date"},\
        "action":{"type":"string","minLength":1,"maxLength":1000}}}},"resolution":{"type":["string","null"],"maxLength":4000},\
        "resolved_on":{"type":["string","null"],"format":"date"}}}
        """,
        .selfReport: """
        {"type":"object","additionalProperties":false,"required":["discovered_on","description"],"properties":{\
        "discovered_on":{"type":"string","format":"date"},"description":{"type":"string","minLength":1,"maxLength":4000},\
        "corrective_action":{"type":["string","null"],"maxLength":4000},"reported_to_ice_on":{"type":["string","null"],"format":"date"}}}
        """,
        .audit: """
        {"type":"object","additionalProperties":false,"required":["performed_on","auditor_name","auditor_independent","forms_sampled"],\
        "properties":{"performed_on":{"type":"string","format":"date"},"auditor_name":{"type":"string","minLength":1,"maxLength":200},\
        "auditor_independent":{"type":"boolean","const":true},"forms_sampled":{"type":"integer","minimum":1,"maximum":1000000},\
        "findings":{"type":["string","null"],"maxLength":4000},"corrections":{"type":["string","null"],"maxLength":4000}}}
        """,
        .contractorAssessment: """
        {"type":"object","additionalProperties":false,"required":["contractor_name","assessed_on","adheres"],"properties":{\
        "contractor_name":{"type":"string","minLength":1,"maxLength":200},"assessed_on":{"type":"string","format":"date"},\
        "adheres":{"type":"boolean"},"notes":{"type":["string","null"],"maxLength":4000}}}
        """,
    ]

    /// The body as given over `base` (nil: a new record, so required fields must be there).
    static func read(_ kind: ImageRecordKind, _ body: inout RequestBody, over base: ImageRecordBody?) -> ImageRecordBody? {
        let creating = base == nil
        func text(_ field: String, max: Int, old: String?) -> String? {
            body.has(field) || creating ? body.string(field, required: creating, maxLength: max) : old
        }
        func optionalText(_ field: String, old: String?) -> String? {
            body.has(field) ? body.string(field, maxLength: textLimit) : old
        }
        func date(_ field: String, old: CivilDate?) -> CivilDate? {
            body.has(field) || creating ? body.date(field, required: creating) : old
        }
        func optionalDate(_ field: String, old: CivilDate?) -> CivilDate? {
            body.has(field) ? body.date(field) : old
        }
        switch kind {
        case .noMatchLetter:
            var old: NoMatchLetter?
            if case .noMatchLetter(let l)? = base { old = l }
            let received = date("received_on", old: old?.receivedOn)
            let employee = text("employee_id", max: 64, old: old?.employeeID)
            let type = text("letter_type", max: 60, old: old?.letterType)
            let steps = readSteps(&body, absent: old?.steps ?? [])
            let resolution = optionalText("resolution", old: old?.resolution)
            let resolved = optionalDate("resolved_on", old: old?.resolvedOn)
            guard let received, let employee, let type, let steps else { return nil }
            return .noMatchLetter(NoMatchLetter(receivedOn: received, employeeID: employee, letterType: type, steps: steps,
                                                resolution: resolution, resolvedOn: resolved))
        case .selfReport:
            var old: SelfReport?
            if case .selfReport(let r)? = base { old = r }
            let discovered = date("discovered_on", old: old?.discoveredOn)
            let description = text("description", max: textLimit, old: old?.description)
            let corrective = optionalText("corrective_action", old: old?.correctiveAction)
            let reported = optionalDate("reported_to_ice_on", old: old?.reportedToIceOn)
            guard let discovered, let description else { return nil }
            return .selfReport(SelfReport(discoveredOn: discovered, description: description, correctiveAction: corrective,
                                          reportedToIceOn: reported))
        case .audit:
            var old: I9Audit?
            if case .audit(let a)? = base { old = a }
            let performed = date("performed_on", old: old?.performedOn)
            let auditor = text("auditor_name", max: 200, old: old?.auditorName)
            let independent = body.has("auditor_independent") || creating ? body.bool("auditor_independent", required: creating)
                : old?.auditorIndependent
            let sampled = body.has("forms_sampled") || creating ? body.int("forms_sampled", required: creating, range: 1...1_000_000)
                : old?.formsSampled
            let findings = optionalText("findings", old: old?.findings)
            let corrections = optionalText("corrections", old: old?.corrections)
            guard let performed, let auditor, let independent, let sampled else { return nil }
            return .audit(I9Audit(performedOn: performed, auditorName: auditor, auditorIndependent: independent, formsSampled: sampled,
                                  findings: findings, corrections: corrections))
        case .contractorAssessment:
            var old: ContractorAssessment?
            if case .contractorAssessment(let c)? = base { old = c }
            let name = text("contractor_name", max: 200, old: old?.contractorName)
            let assessed = date("assessed_on", old: old?.assessedOn)
            let adheres = body.has("adheres") || creating ? body.bool("adheres", required: creating) : old?.adheres
            let notes = optionalText("notes", old: old?.notes)
            guard let name, let assessed, let adheres else { return nil }
            return .contractorAssessment(ContractorAssessment(contractorName: name, assessedOn: assessed, adheres: adheres, notes: notes))
        }
    }

    /// The steps given, or `absent` when the body has none (`null` counts as none, as for
    /// every optional field).
    private static func readSteps(_ body: inout RequestBody, absent: [NoMatchLetter.Step]) -> [NoMatchLetter.Step]? {
        guard let value = body.raw("steps") else { return absent }
        guard case .array(let items) = value else {
            body.note(FieldIssue(field: "steps", code: FieldIssue.invalidFormat, message: "steps is a list of {on, action}."))
            return nil
        }
        guard items.count <= 100 else {
            body.note(FieldIssue(field: "steps", code: FieldIssue.outOfRange, message: "At most 100 steps."))
            return nil
        }
        var steps: [NoMatchLetter.Step] = []
        var valid = true
        for (i, item) in items.enumerated() {
            guard case .object(let object) = item else {
                body.note(FieldIssue(field: "steps[\(i)]", code: FieldIssue.invalidFormat, message: "A step is {on, action}."))
                valid = false
                continue
            }
            var step = RequestBody(element: object, path: "steps[\(i)].")
            let on = step.date("on", required: true)
            let action = step.string("action", required: true, maxLength: 1000)
            body.absorb(step)
            if let on, let action { steps.append(NoMatchLetter.Step(on: on, action: action)) } else { valid = false }
        }
        return valid ? steps : nil
    }
}
