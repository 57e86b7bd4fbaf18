/// RET-2: what of a case's data survives a purge. Dates of the hire and of Form I-9 stay
/// (the retention date and the case's history are computed from them); every name,
/// number, document detail, free text and the email address go.
public enum CasePurgeRules {
    /// The fields kept after a purge.
    public static let keptFields: Set<String> = ["date_of_hire", "offer_accepted_date", "i9_section1_date", "i9_section2_date",
                                                 "existing_employee"]

    /// The case data after the purge, and the names of the fields deleted.
    public static func purged(_ input: CaseInput) -> (kept: CaseInput, deleted: [String]) {
        var kept = CaseInput()
        var deleted: [String] = []
        for name in input.presentFieldNames {
            guard let value = input[field: name] else { continue }
            if keptFields.contains(name) { _ = kept.set(name, to: value) } else { deleted.append(name) }
        }
        return (kept, deleted)
    }

    /// The refusal of any change to a purged case (409).
    public static func refusal(_ p: CaseProgress, action: CaseAction) -> CaseStateConflict {
        CaseStateConflict(action: action, status: p.status, allowed: [], rule: "RET-2",
                          message: "The case's personal data was purged on \(p.purge?.on.iso ?? "its retention date"); a purged case takes no action.")
    }
}
