import AgentCore

/// The ICA operations, answered by matching against the simulated records. Every call
/// first passes `admit` (latency, outages, random failures) and then runs serialized.
extension Simulator {
    /// GOV-1: answers at once. A case number already submitted gets its current
    /// answer again, so a retried submission does no harm.
    public func submit(_ request: GovernmentCaseRequest) async throws -> GovernmentResult {
        try await submission(request, attaching: false).result
    }

    /// GOV-1, with the record of a new case left for the agent's case transaction when the
    /// store can be joined so. Until that commits the simulator does not know the case: a
    /// submission the agent drops (its case write refused) never happened here either.
    public func submitAttached(_ request: GovernmentCaseRequest) async throws -> GovernmentSubmission {
        try await submission(request, attaching: true)
    }

    private func submission(_ request: GovernmentCaseRequest, attaching: Bool) async throws -> GovernmentSubmission {
        try await admit("submit")
        return try await serialized(caseNumber: request.caseNumber) {
            let (existing, person) = try await store.submissionFile(caseNumber: request.caseNumber, ssn: request.ssn)
            if let existing { return GovernmentSubmission(result: existing.simulatedCase.result) }
            var simulatedCase = SimulatedCase(
                caseNumber: request.caseNumber, personSSN: person?.ssn, facts: Matching.facts(for: request, person: person),
                stage: .unconfirmedData, result: .unconfirmedData(fields: []), submittedOn: today())
            decideNext(&simulatedCase, person: person)
            let changes = SimulatorChanges(cases: [simulatedCase])
            if attaching, let record = try store.attachable(changes) {
                return GovernmentSubmission(result: simulatedCase.result, record: record)
            }
            try await store.commit(changes)
            return GovernmentSubmission(result: simulatedCase.result)
        }
    }

    /// CASE-4: the data as confirmed or corrected. Matched again (a corrected SSN may
    /// name another record); still not matching is now an SSA mismatch.
    public func confirmDetails(_ request: GovernmentCaseRequest) async throws -> GovernmentResult {
        try await admit("confirm_details")
        return try await serialized(caseNumber: request.caseNumber) {
            var (simulatedCase, person) = try await load(request.caseNumber, expecting: [.unconfirmedData], action: "confirm_details")
            if person?.ssn != request.ssn { person = try await store.person(ssn: request.ssn) }
            simulatedCase.personSSN = person?.ssn
            simulatedCase.facts = Matching.facts(for: request, person: person)
            simulatedCase.dataConfirmed = true
            decideNext(&simulatedCase, person: person)
            try await store.commit(SimulatorChanges(cases: [simulatedCase]))
            return simulatedCase.result
        }
    }

    /// DOC-2: the photo on record when the case presented a photo document; nil otherwise.
    public func retrievePhoto(caseNumber: String) async throws -> [UInt8]? {
        try await admit("retrieve_photo")
        guard let file = try await store.caseFile(caseNumber: caseNumber) else { throw SimulatorError.unknownCase(caseNumber) }
        return file.simulatedCase.facts.photoDocumentPresented ? file.person?.photo : nil
    }

    /// DOC-2: MATCHING continues the checks (employment authorized when nothing else
    /// fails); any other answer asks for the document copies (TNC-6).
    public func photoMatch(caseNumber: String, answer: PhotoMatchAnswer) async throws -> GovernmentResult {
        try await admit("photo_match")
        return try await serialized(caseNumber: caseNumber) {
            var (simulatedCase, person) = try await load(caseNumber, expecting: [.photoMatch], action: "photo_match")
            simulatedCase.photoAnswer = answer
            if answer == .matching {
                decideNext(&simulatedCase, person: person)
            } else {
                simulatedCase.record(.scanAndUploadRequired)
            }
            try await store.commit(SimulatorChanges(cases: [simulatedCase]))
            return simulatedCase.result
        }
    }

    /// TNC-6: DHS compares the copies and answers with a DHS photo mismatch.
    public func scanAndUpload(caseNumber: String, front: [UInt8], back: [UInt8]?) async throws -> GovernmentResult {
        try await admit("scan_and_upload")
        guard !front.isEmpty else { throw SimulatorError.invalidRequest("scan_and_upload needs the front of the document") }
        return try await serialized(caseNumber: caseNumber) {
            var (simulatedCase, _) = try await load(caseNumber, expecting: [.scanAndUpload], action: "scan_and_upload")
            simulatedCase.record(.tentativeNonconfirmation(.dhsPhoto))
            try await store.commit(SimulatorChanges(cases: [simulatedCase]))
            return simulatedCase.result
        }
    }

    /// TNC-3/TNC-4: the employee contests; contact by 8 federal work days after `on`.
    /// The agency's answer follows from the person's referral behaviour as the clock
    /// moves. Referring again with the same kind and date returns the same receipt.
    public func refer(caseNumber: String, kind: MismatchKind, on: CivilDate) async throws -> ReferralReceipt {
        try await admit("refer")
        return try await serialized(caseNumber: caseNumber) {
            var (simulatedCase, person) = try await load(caseNumber, expecting: [.tentativeNonconfirmation, .referred], action: "refer")
            if let existing = simulatedCase.referral {
                guard simulatedCase.stage == .referred, existing.kind == kind, existing.referredOn == on else {
                    throw SimulatorError.wrongStage(caseNumber: caseNumber, stage: simulatedCase.stage, action: "refer")
                }
                return ReferralReceipt(referredOn: existing.referredOn, contactBy: existing.contactBy)
            }
            guard simulatedCase.mismatch == kind else {
                throw SimulatorError.invalidRequest(
                    "case \(caseNumber) has a \(simulatedCase.mismatch?.rawValue ?? "no") mismatch, not \(kind.rawValue)")
            }
            let behaviour = person?.onReferral ?? AgencyWork.unknownPersonBehaviour
            let (referral, job) = agency.referral(of: caseNumber, kind: kind, on: on, behaviour: behaviour)
            simulatedCase.referral = referral
            simulatedCase.stage = .referred
            simulatedCase.pendingJob = job
            try await store.commit(SimulatorChanges(cases: [simulatedCase]))
            return ReferralReceipt(referredOn: referral.referredOn, contactBy: referral.contactBy)
        }
    }

    /// The employee does not contest: recorded; the employer then closes the case.
    public func noAction(caseNumber: String) async throws {
        try await admit("no_action")
        try await serialized(caseNumber: caseNumber) {
            var (simulatedCase, _) = try await load(caseNumber, expecting: [.tentativeNonconfirmation, .noAction], action: "no_action")
            guard simulatedCase.stage != .noAction else { return }
            simulatedCase.stage = .noAction
            try await store.commit(SimulatorChanges(cases: [simulatedCase]))
        }
    }

    /// Closes the case at any stage; pending agency work is dropped. Closing again
    /// keeps the first reason.
    public func close(caseNumber: String, reasonCode: String) async throws {
        try await admit("close")
        try await serialized(caseNumber: caseNumber) {
            var (simulatedCase, _) = try await load(caseNumber, expecting: Set(SimulatedCaseStage.allCases), action: "close")
            guard simulatedCase.stage != .closed else { return }
            simulatedCase.stage = .closed
            simulatedCase.closureReason = reasonCode
            simulatedCase.pendingJob = nil
            try await store.commit(SimulatorChanges(cases: [simulatedCase]))
        }
    }

    /// TNC-8: the updates produced and not yet confirmed, oldest first (a case may
    /// appear more than once: process them in order). Runs the jobs that fell due as
    /// real days passed first.
    public func updatedCases() async throws -> [GovernmentUpdate] {
        try await admit("updated_cases")
        return try await serialized {
            try await runDueJobsHoldingGate()
            let records = try await store.pendingUpdates()
            if let last = records.last?.sequence {
                memory.withLock { $0.deliveredThrough = max($0.deliveredThrough, last) }
            }
            return records.map(\.update)
        }
    }

    /// Removes the updates of these cases that `updatedCases()` has returned; one
    /// produced since stays until it has been returned too (delivery is at least once:
    /// after a restart nothing counts as returned, so it comes again).
    public func confirmUpdates(caseNumbers: [String]) async throws {
        try await admit("confirm_updates")
        try await serialized {
            let through = memory.withLock { $0.deliveredThrough }
            guard through > 0, !caseNumbers.isEmpty else { return }
            try await store.removeUpdates(caseNumbers: caseNumbers, throughSequence: through)
        }
    }

    // MARK: Steps

    /// The case and its person, refusing an unknown case or one at another stage.
    func load(_ caseNumber: String, expecting stages: Set<SimulatedCaseStage>,
              action: String) async throws -> (SimulatedCase, SimulatedPerson?) {
        guard let file = try await store.caseFile(caseNumber: caseNumber) else { throw SimulatorError.unknownCase(caseNumber) }
        guard stages.contains(file.simulatedCase.stage) else {
            throw SimulatorError.wrongStage(caseNumber: caseNumber, stage: file.simulatedCase.stage, action: action)
        }
        return (file.simulatedCase, file.person)
    }

    /// Applies the matching to the case: records the answer, or starts a manual review
    /// that resolves `needsMoreTimeDays` federal work days from today.
    func decideNext(_ simulatedCase: inout SimulatedCase, person: SimulatedPerson?) {
        switch Matching.decide(simulatedCase, person: person) {
        case .answer(let result):
            simulatedCase.record(result)
            simulatedCase.pendingJob = nil
        case .needsMoreTime(let workDays):
            let expectedBy = calendar.addingFederalWorkDays(workDays, to: today())
            simulatedCase.record(.manualReview(expectedBy: expectedBy))
            simulatedCase.pendingJob = SimulatedJob(caseNumber: simulatedCase.caseNumber, kind: .resolveManualReview, due: expectedBy)
        }
    }
}
