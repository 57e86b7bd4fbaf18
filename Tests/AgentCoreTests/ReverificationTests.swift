import Testing
@testable import AgentCore

@Suite("Reverification (REV-1, REV-2)")
struct ReverificationTests {
    func ead(expiring: String, eligibility: EligibilityStatement? = .employmentAuthorized,
             _ change: (inout CaseProgress) -> Void = { _ in }) -> StoredCase {
        var c = workQueueCase(status: .closed) { p in
            p.eligibility = eligibility
            change(&p)
        }
        c.input.citizenshipStatusCode = "NONCITIZEN_AUTHORIZED_TO_WORK"
        c.input.documentATypeCode = "FORM_I766"
        c.input.expirationDate = civil(expiring)
        c.input.alienNumber = "A100001007"
        c.input.i766Number = "IOE1234567890"
        return c
    }

    @Test("REV-1 an EAD or a passport with I-94 is reverified by its expiry; a U.S. passport, a green card or List B+C never")
    func test_REV1_reverifyByFromTemporaryAuthorization() {
        #expect(ReverificationRules.reverifyBy(ead(expiring: "2027-03-01").input) == civil("2027-03-01"))
        var input = CaseInput()
        input.expirationDate = civil("2027-03-01")
        for code in ["FORM_I551", "US_PASSPORT"] {
            input.documentATypeCode = code
            #expect(ReverificationRules.reverifyBy(input) == nil, "\(code)")
        }
        input.documentATypeCode = "FOREIGN_PASSPORT_WITH_I94"
        #expect(ReverificationRules.reverifyBy(input) == civil("2027-03-01"))
        input.documentATypeCode = nil
        input.documentBTypeCode = "DRIVERS_LICENSE"
        input.documentCTypeCode = "SOCIAL_SECURITY_CARD"
        #expect(ReverificationRules.reverifyBy(input) == nil)
        #expect(ReverificationRules.isTemporaryAuthorization("DHS_EMPLOYMENT_AUTHORIZATION"))
    }

    @Test("REV-1 the work queue shows the reverification 90 days ahead, for an authorized employee still employed then")
    func test_REV1_workItemNinetyDaysAhead() throws {
        let item = try #require(ReverificationDue.item(for: ead(expiring: "2027-03-01"), context: workQueueContext()))
        #expect(item.kind == .reverification && item.rule == "REV-1")
        #expect(item.dueDate == civil("2027-03-01") && item.visibleFrom == civil("2026-12-01"))
        #expect(item.action == "POST /api/v1/cases/2024185000001AB/reverification")
        #expect(ReverificationDue.item(for: ead(expiring: "2027-03-01", eligibility: .finalNonconfirmation), context: workQueueContext()) == nil)
        let left = ead(expiring: "2027-03-01") { $0.terminatedOn = civil("2026-06-30") }
        #expect(ReverificationDue.item(for: left, context: workQueueContext()) == nil)
    }

    @Test("REV-1 2025 rule: an EAD renewal filed before 2025-10-30 extends the EAD 540 days; on or after it, no extension")
    func test_REV1_automaticExtensionCutoff() {
        let expiry = civil("2025-12-01")
        #expect(ReverificationRules.automaticExtension(eadExpiresOn: expiry, renewalFiledOn: civil("2025-10-29")) == civil("2027-05-25"))
        #expect(ReverificationRules.automaticExtension(eadExpiresOn: expiry, renewalFiledOn: civil("2025-10-30")) == nil)
        #expect(ReverificationRules.automaticExtension(eadExpiresOn: expiry, renewalFiledOn: nil) == nil)
        // Filed after the EAD expired: not timely, no extension.
        #expect(ReverificationRules.automaticExtension(eadExpiresOn: civil("2025-06-01"), renewalFiledOn: civil("2025-07-01")) == nil)
        // Supplement B with the expired EAD: granted before the cutoff, refused (REV-1) after it.
        let early = ReverificationRules.supplementB(completedOn: civil("2025-12-02"), list: .a, listText: "A", typeCode: "FORM_I766",
                                                    expiration: expiry, renewalFiledOn: civil("2025-10-29"))
        #expect((try? early.get())?.nextReverifyBy == civil("2027-05-25"))
        let late = ReverificationRules.supplementB(completedOn: civil("2025-12-02"), list: .a, listText: "A", typeCode: "FORM_I766",
                                                   expiration: expiry, renewalFiledOn: civil("2025-10-30"))
        guard case .failure(let failure) = late else { Issue.record("accepted"); return }
        #expect(failure.issues.map(\.code) == ["REV-1"])
    }

    @Test("REV-2 Supplement B takes List A or C only; List B is refused with code REV-2")
    func test_REV2_listBRefused() {
        let b = ReverificationRules.supplementB(completedOn: civil("2026-01-02"), list: nil, listText: "B", typeCode: "DRIVERS_LICENSE",
                                                expiration: civil("2030-01-01"), renewalFiledOn: nil)
        guard case .failure(let failure) = b else { Issue.record("accepted"); return }
        #expect(failure.issues.map(\.code).contains("REV-2"))
        let c = ReverificationRules.supplementB(completedOn: civil("2026-01-02"), list: .c, listText: "C", typeCode: "SOCIAL_SECURITY_CARD",
                                                expiration: nil, renewalFiledOn: nil)
        #expect((try? c.get())?.nextReverifyBy == nil)
        let wrongList = ReverificationRules.supplementB(completedOn: civil("2026-01-02"), list: .c, listText: "C", typeCode: "FORM_I766",
                                                        expiration: civil("2030-01-01"), renewalFiledOn: nil)
        #expect((try? wrongList.get()) == nil)
    }

    @Test("REV-2 a revoked document is due at once, matched by A-number or the revoked document's number")
    func test_REV2_revocationDueAtOnce() throws {
        let revoked = ead(expiring: "2030-01-01") { $0.revocation = DocumentRevocation(revokedOn: civil("2026-05-01"), reportedOn: civil("2026-05-04")) }
        let item = try #require(ReverificationDue.item(for: revoked, context: workQueueContext()))
        #expect(item.rule == "REV-2" && item.dueDate == civil("2026-05-04") && item.visibleFrom == nil)
        let input = revoked.input
        #expect(ReverificationRules.mismatch(input, aNumber: "A100001007", documentNumber: nil) == nil)
        #expect(ReverificationRules.mismatch(input, aNumber: nil, documentNumber: "ioe-1234567890") == nil)
        #expect(ReverificationRules.mismatch(input, aNumber: "A999999999", documentNumber: "X1") != nil)
    }
}
