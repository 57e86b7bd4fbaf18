import AgentCore

extension CaseRepresentation {
    /// RET-1..3 members of the status object: the retention date, the hold, the purge.
    static func writeRetention(_ p: CaseProgress, into w: inout JSONObjectWriter) {
        w.string("termination_date", p.terminatedOn?.iso)
        w.string("retention_until", p.retentionUntil?.iso)
        w.bool("legal_hold", p.legalHold != nil)
        w.string("legal_hold_reason", p.legalHold?.reason)
        w.string("legal_hold_since", p.legalHold?.since.iso)
        w.bool("purged", p.purge != nil)
        w.string("purged_on", p.purge?.on.iso)
    }
}
