import AgentCore

/// What the simulated agencies do on their own as the clock moves: finish a manual
/// review, hear from the employee after a referral, answer the referral. Pure: each
/// function takes a case and returns it changed, with the updates it produced.
struct AgencyWork {
    let calendar: FederalCalendar

    /// TNC-4: the employee has eight federal work days after the referral to contact
    /// the agency.
    static let contactWorkDays = 8

    /// Who walks into the agency for a case whose SSN SSA never issued: the employee
    /// does, and the agency still cannot confirm them.
    static let unknownPersonBehaviour = SimulatedReferralBehaviour(
        employeeContactsAgency: true, result: .finalNonconfirmation, afterWorkDays: 3, continuanceWorkDays: nil)

    /// The referral record and first job for a case referred on `on` (TNC-3, TNC-4).
    /// With contact: an "employee contacted" step the next work day (skipped when the
    /// result comes that day), then the result `afterWorkDays` work days after `on`.
    /// Without contact: a final nonconfirmation on the first work day after the
    /// contact-by date.
    func referral(of caseNumber: String, kind: MismatchKind, on: CivilDate,
                  behaviour: SimulatedReferralBehaviour) -> (SimulatedReferral, SimulatedJob) {
        let contactBy = calendar.addingFederalWorkDays(Self.contactWorkDays, to: on)
        let referral = SimulatedReferral(kind: kind, referredOn: on, contactBy: contactBy, behaviour: behaviour)
        guard behaviour.employeeContactsAgency else {
            let due = calendar.addingFederalWorkDays(1, to: contactBy)
            return (referral, SimulatedJob(caseNumber: caseNumber, kind: .noContactFinalNonconfirmation, due: due))
        }
        let contactDay = calendar.addingFederalWorkDays(1, to: on)
        let outcomeDay = calendar.addingFederalWorkDays(behaviour.afterWorkDays, to: on)
        let job = contactDay < outcomeDay
            ? SimulatedJob(caseNumber: caseNumber, kind: .employeeContact, due: contactDay)
            : SimulatedJob(caseNumber: caseNumber, kind: .referralOutcome, due: outcomeDay)
        return (referral, job)
    }

    /// Runs the case's pending job (if any) and schedules the next step. A job that no
    /// longer fits the case (a bug or a hand-edited database) is dropped without an update.
    func run(_ file: SimulatedCaseFile) -> (SimulatedCase, [GovernmentUpdate]) {
        var current = file.simulatedCase
        guard let job = current.pendingJob else { return (current, []) }
        current.pendingJob = nil
        let on = job.due
        switch job.kind {
        case .resolveManualReview:
            current.reviewed = true
            // Reviewed, so the matching can no longer ask for more time.
            let answer: GovernmentResult
            switch Matching.decide(current, person: file.person) {
            case .answer(let result): answer = result
            case .needsMoreTime: answer = .employmentAuthorized
            }
            current.record(answer)
            return (current, [GovernmentUpdate(caseNumber: current.caseNumber, result: answer, on: on)])

        case .employeeContact:
            guard var referral = current.referral else { return (current, []) }
            referral.employeeContacted = true
            current.referral = referral
            let outcomeDay = calendar.addingFederalWorkDays(referral.behaviour.afterWorkDays, to: referral.referredOn)
            current.pendingJob = SimulatedJob(caseNumber: current.caseNumber, kind: .referralOutcome, due: max(outcomeDay, on))
            // Still a mismatch; the update only says the employee came forward.
            return (current, [GovernmentUpdate(caseNumber: current.caseNumber, result: .tentativeNonconfirmation(referral.kind),
                                               on: on, employeeContacted: true)])

        case .referralOutcome:
            guard var referral = current.referral else { return (current, []) }
            referral.employeeContacted = true
            current.referral = referral
            let answer: GovernmentResult
            switch referral.behaviour.result {
            case .employmentAuthorized: answer = .employmentAuthorized
            case .finalNonconfirmation: answer = .finalNonconfirmation
            case .caseInContinuance:
                answer = .caseInContinuance
                if let days = referral.behaviour.continuanceWorkDays {
                    let due = calendar.addingFederalWorkDays(days, to: on)
                    current.pendingJob = SimulatedJob(caseNumber: current.caseNumber, kind: .continuanceResolution, due: due)
                }
            }
            current.record(answer)
            return (current, [GovernmentUpdate(caseNumber: current.caseNumber, result: answer, on: on, employeeContacted: true)])

        case .noContactFinalNonconfirmation:
            current.record(.finalNonconfirmation)
            return (current, [GovernmentUpdate(caseNumber: current.caseNumber, result: .finalNonconfirmation, on: on)])

        case .continuanceResolution:
            current.record(.employmentAuthorized)
            return (current, [GovernmentUpdate(caseNumber: current.caseNumber, result: .employmentAuthorized, on: on,
                                               employeeContacted: true)])
        }
    }
}
