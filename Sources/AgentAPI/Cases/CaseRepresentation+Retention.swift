import AgentCore

extension CaseRepresentation {
    /// RET-1..3 and REV-1/REV-2 members of the status object: the retention date, the
    /// hold, the purge, and when the employee is reverified.
    static func writeRetention(_ c: StoredCase, into w: inout JSONObjectWriter) {
        let p = c.progress
        w.string("termination_date", p.terminatedOn?.iso)
        w.string("retention_until", p.retentionUntil?.iso)
        w.bool("legal_hold", p.legalHold != nil)
        w.string("legal_hold_reason", p.legalHold?.reason)
        w.string("legal_hold_since", p.legalHold?.since.iso)
        w.bool("purged", p.purge != nil)
        w.string("purged_on", p.purge?.on.iso)
        w.string("reverify_by", p.purge == nil ? ReverificationRules.due(c)?.iso : nil)
        w.string("document_revoked_on", p.revocation?.revokedOn.iso)
        if let b = p.supplementB {
            var r = JSONObjectWriter()
            r.string("completed_on", b.completedOn.iso)
            r.string("document_list", b.documentList.rawValue)
            r.string("document_type_code", b.documentTypeCode)
            r.string("expiration_date", b.expirationDate?.iso)
            r.string("ead_renewal_filed_on", b.eadRenewalFiledOn?.iso)
            r.bool("automatic_extension", b.automaticExtensionUntil != nil)
            r.string("automatic_extension_until", b.automaticExtensionUntil?.iso)
            w.raw("reverification", r.text)
        } else {
            w.raw("reverification", "null")
        }
    }
}
