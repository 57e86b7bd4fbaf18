/// The work a federal contract raises (FED-1, FED-2, FED-4, FED-5/AGT-4). Periods are
/// calendar days; every item is settled by the record that answers it.
public enum FederalWorkItems {
    /// Rule FED-1: a contractor not enrolled at award enrolls within 30 days (settled once
    /// `federal_contractor_enrolled_on` is set). Rules AGT-4/FED-5: the agent flags the
    /// client as a federal contractor within 30 days of the award (settled by the flag).
    public static func contractItems(_ contract: FederalContract, profile: FederalContractorProfile, clientFlagged: Bool) -> [WorkItem] {
        var items: [WorkItem] = []
        let subject = WorkSubject(.federalContract, contract.id)
        let start = Deadlines.federalContractorStart(awardDate: contract.awardDate, enrollmentDate: profile.enrolledOn)
        if let due = start.enrollmentDue, profile.enrolledOn == nil {
            items.append(WorkItem(kind: .federalEnrollment, rule: "FED-1", clientID: contract.clientID, subject: subject, dueDate: due.date,
                                  title: "Enroll as a federal contractor for contract \(contract.contractNumber)",
                                  action: "PATCH /api/v1/clients/{id}"))
        }
        if !clientFlagged {
            items.append(WorkItem(kind: .contractorFlag, rule: "AGT-4", clientID: contract.clientID, subject: subject,
                                  dueDate: Deadlines.profileUpdateDeadline(awardDate: contract.awardDate).date,
                                  title: "Flag the client as a federal contractor (contract \(contract.contractNumber))",
                                  action: "PATCH /api/v1/clients/{id}"))
        }
        return items
    }

    /// Rule FED-2: an assigned employee waits for a case until one is created for them
    /// (by employee id or SSN).
    public static func employeeItem(_ employee: ContractEmployee, contract: FederalContract, profile: FederalContractorProfile,
                                    hasCase: Bool) -> WorkItem? {
        guard !hasCase else { return nil }
        return WorkItem(kind: .contractEmployee, rule: "FED-2", clientID: employee.clientID, subject: WorkSubject(.contractEmployee, employee.id),
                        dueDate: FederalContractRules.employeeDueDate(contract, profile: profile, assignedOn: employee.assignedOn),
                        title: "Verify employee \(employee.employeeID) assigned to contract \(contract.contractNumber)",
                        action: "POST /api/v1/cases")
    }

    /// Rule FED-4: after electing to verify the whole workforce, begin within 180 days;
    /// the first existing-employee case created since the election settles it.
    public static func workforceItem(clientID: ClientID, profile: FederalContractorProfile, begunSinceElection: Bool) -> WorkItem? {
        guard let elected = profile.workforceElectedOn, !begunSinceElection else { return nil }
        return WorkItem(kind: .workforceVerification, rule: "FED-4", clientID: clientID, subject: WorkSubject(.client, clientID.rawValue),
                        dueDate: Deadlines.workforceElectionDeadline(electionDate: elected).date,
                        title: "Begin verifying the existing workforce (elected \(elected.iso))", action: "POST /api/v1/cases")
    }
}
