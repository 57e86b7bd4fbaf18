import AgentCore

/// The response schemas of the case objects `CaseRepresentation` writes: the status
/// object of every case action, and the flat case object of creation, GET and lists.
extension CaseRepresentation {
    typealias S = ResponseSchema

    /// The agent's case number (`SQLiteCaseRepository`): year, day of year, a 6-digit
    /// daily sequence and 2 letters (no I or O), 15 characters like the program's.
    static let caseNumberSchema = S.string(pattern: "^[0-9]{13}[A-HJ-NP-Z]{2}$")

    /// The status object's members in the order `writeStatus` writes them.
    static let statusProperties: [(String, String)] = [
        ("case_number", caseNumberSchema),
        ("case_status", S.enumeration(CaseStatus.allCases.map(\.rawValue))),
        ("case_status_display", S.string(minLength: 1)),
        ("case_eligibility_statement", S.enumeration(EligibilityStatement.allCases.map(\.rawValue), nullable: true)),
        ("ssa_referral_status", S.enumeration(ReferralStatus.allCases.map(\.rawValue))),
        ("dhs_referral_status", S.enumeration(ReferralStatus.allCases.map(\.rawValue))),
        ("mismatch_type", S.enumeration(MismatchKind.allCases.map(\.rawValue), nullable: true)),
        ("hire_due_date", S.nullableDate),
        ("tnc_decision_due_date", S.nullableDate),
        ("referral_contact_by_date", S.nullableDate),
        ("deadlines", S.array(S.object(["name": S.id, "date": S.date, "rule": S.id]))),
        ("next_actions", S.array(S.enumeration(CaseAction.allCases.map(\.rawValue)))),
        ("review_status", S.enumeration(["APPROVED", "REJECTED", "PENDING", "NOT_REQUIRED"])),
        ("unconfirmed_fields", S.array(S.id)),
        ("further_action_notice_downloaded", S.boolean()),
        ("case_closure_reason_code", S.enumeration(ClosureReason.allCases.map(\.rawValue), nullable: true)),
        ("continuance_flagged_on", S.nullableDate),
        ("government_answer_for_review", S.string(nullable: true)),
        ("created_on", S.date),
        ("submitted_on", S.nullableDate),
    ] + retentionProperties

    /// `writeRetention`'s members (RET-1..3, REV-1/REV-2).
    static let retentionProperties: [(String, String)] = [
        ("termination_date", S.nullableDate),
        ("retention_until", S.nullableDate),
        ("legal_hold", S.boolean()),
        ("legal_hold_reason", S.string(nullable: true)),
        ("legal_hold_since", S.nullableDate),
        ("purged", S.boolean()),
        ("purged_on", S.nullableDate),
        ("reverify_by", S.nullableDate),
        ("document_revoked_on", S.nullableDate),
        ("reverification", S.object([
            "completed_on": S.date,
            // List B never reverifies (REV-2).
            "document_list": S.enumeration([DocumentList.a.rawValue, DocumentList.c.rawValue]),
            "document_type_code": S.id,
            "expiration_date": S.nullableDate,
            "ead_renewal_filed_on": S.nullableDate,
            "automatic_extension": S.boolean(),
            "automatic_extension_until": S.nullableDate,
        ], nullable: true)),
    ]

    /// API.md "Status object": the answer of every case action.
    static let statusSchema = S.object(statusProperties)

    /// The flat case object: the case fields as entered (masked, null when not given),
    /// the client, creator and times, then the status object.
    static let fullSchema: String = {
        var properties: [(String, String)] = []
        for (name, kind) in CaseInput.fields where name != "client_company_id" {
            switch kind {
            case .text: properties.append((name, S.string(nullable: true)))
            case .date: properties.append((name, S.nullableDate))
            case .flag: properties.append((name, S.boolean(nullable: true)))
            case .textList: properties.append((name, S.array(S.string(), nullable: true)))
            }
        }
        properties += [("client_company_id", S.id), ("created_by", S.id), ("created_at", S.dateTime), ("updated_at", S.dateTime)]
        return S.object(properties + statusProperties)
    }()
}
