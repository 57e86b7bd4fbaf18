import AgentCore

/// The body of each IMAGE record kind, checked field by field (dates real, not in the
/// future, in order), and turned into the record's JSON members.
enum ImageRecordBody {
    struct Read {
        var date: CivilDate
        var resolvedOn: CivilDate?
        var members: String
    }

    static func read(_ kind: ImageRecordKind, _ body: inout RequestBody, today: CivilDate, existing: ImageRecord?) async throws -> Read? {
        var w = JSONObjectWriter()
        var date: CivilDate?
        var resolved: CivilDate?
        func notFuture(_ field: String, _ value: CivilDate?, _ body: inout RequestBody) {
            if let value, value > today { body.note(FieldIssue(field: field, code: FieldIssue.outOfRange, message: "\(field) must not be in the future.")) }
        }
        let creating = existing == nil
        switch kind {
        case .noMatchLetter:
            // A PATCH may give any member; the others keep their stored values.
            let stored = existing.map { JSONValue.parse(Array(("{" + $0.members + "}").utf8)) } ?? nil
            func old(_ key: String) -> JSONValue? { if case .object(let o)? = stored { return o[key] } else { return nil } }
            date = body.date("received_on", required: creating) ?? existing?.recordDate
            let employee = body.string("employee_id", required: creating, maxLength: 50) ?? old("employee_id")?.stringValue
            let type = body.string("letter_type", required: creating, maxLength: 60) ?? old("letter_type")?.stringValue
            var stepsJSON = old("steps").map { $0.canonicalText } ?? "[]"
            if let raw = body.raw("steps") {
                stepsJSON = steps(raw, &body, today: today, after: date)
            }
            let resolution = body.has("resolution") ? body.string("resolution", maxLength: 2000) : old("resolution")?.stringValue
            resolved = body.has("resolved_on") ? body.date("resolved_on") : existing?.resolvedOn
            notFuture("received_on", date, &body)
            notFuture("resolved_on", resolved, &body)
            if let r = resolved, let d = date, r < d {
                body.note(FieldIssue(field: "resolved_on", code: FieldIssue.outOfRange, message: "resolved_on must not be before received_on."))
            }
            if resolved != nil && resolution == nil {
                body.note(FieldIssue(field: "resolution", code: FieldIssue.required, message: "A resolved letter states its resolution."))
            }
            w.string("received_on", date?.iso)
            w.string("employee_id", employee)
            w.string("letter_type", type)
            w.raw("steps", stepsJSON)
            w.string("resolution", resolution)
            w.string("resolved_on", resolved?.iso)
        case .selfReport:
            date = body.date("discovered_on", required: true)
            let description = body.string("description", required: true, maxLength: 4000)
            let action = body.string("corrective_action", maxLength: 4000)
            let reported = body.date("reported_to_ice_on")
            notFuture("discovered_on", date, &body)
            notFuture("reported_to_ice_on", reported, &body)
            if let r = reported, let d = date, r < d {
                body.note(FieldIssue(field: "reported_to_ice_on", code: FieldIssue.outOfRange, message: "reported_to_ice_on must not be before discovered_on."))
            }
            w.string("discovered_on", date?.iso)
            w.string("description", description)
            w.string("corrective_action", action)
            w.string("reported_to_ice_on", reported?.iso)
        case .audit:
            date = body.date("performed_on", required: true)
            let auditor = body.string("auditor_name", required: true, maxLength: 200)
            let independent = body.bool("auditor_independent", required: true)
            let sampled = body.int("forms_sampled", required: true, range: 0...10_000_000)
            let findings = body.string("findings", maxLength: 4000)
            let corrections = body.string("corrections", maxLength: 4000)
            notFuture("performed_on", date, &body)
            // Rule IMG-4: an outsider, or a trained employee not involved in the hiring.
            if independent == false {
                body.note(FieldIssue(field: "auditor_independent", code: "IMG-4", message: "The I-9 audit is done by an independent auditor."))
            }
            w.string("performed_on", date?.iso)
            w.string("auditor_name", auditor)
            w.bool("auditor_independent", independent)
            w.int("forms_sampled", sampled)
            w.string("findings", findings)
            w.string("corrections", corrections)
        case .contractorAssessment:
            let name = body.string("contractor_name", required: true, maxLength: 200)
            date = body.date("assessed_on", required: true)
            let adheres = body.bool("adheres", required: true)
            let notes = body.string("notes", maxLength: 4000)
            notFuture("assessed_on", date, &body)
            w.string("contractor_name", name)
            w.string("assessed_on", date?.iso)
            w.bool("adheres", adheres)
            w.string("notes", notes)
        }
        guard let date, body.issues.isEmpty else { return nil }
        return Read(date: date, resolvedOn: resolved, members: String(w.text.dropFirst().dropLast()))
    }

    /// `steps: [{on, action}]`, each day real, not in the future, not before the letter.
    static func steps(_ raw: JSONValue, _ body: inout RequestBody, today: CivilDate, after received: CivilDate?) -> String {
        guard case .array(let items) = raw, items.count <= 100 else {
            body.note(FieldIssue(field: "steps", code: FieldIssue.invalidFormat, message: "steps is an array of at most 100 {on, action}."))
            return "[]"
        }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            guard case .object(let o) = item, o.keys.allSatisfy({ $0 == "on" || $0 == "action" }),
                  let onText = o["on"]?.stringValue, let on = CivilDate(iso: onText),
                  let action = o["action"]?.stringValue, !action.isEmpty, action.count <= 1000 else {
                body.note(FieldIssue(field: "steps[\(i)]", code: FieldIssue.invalidFormat, message: "Each step is {on: YYYY-MM-DD, action: text}."))
                continue
            }
            if on > today || (received.map { on < $0 } ?? false) {
                body.note(FieldIssue(field: "steps[\(i)].on", code: FieldIssue.outOfRange, message: "A step falls between the letter's receipt and today."))
            }
            var w = JSONObjectWriter()
            w.string("on", on.iso)
            w.string("action", action)
            out.append(w.text)
        }
        return "[" + out.joined(separator: ",") + "]"
    }
}

extension JSONValue {
    var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
}
