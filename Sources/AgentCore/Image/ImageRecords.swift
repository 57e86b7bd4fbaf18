/// The records an IMAGE member keeps to prove its practices (API.md "IMAGE records"). Each
/// body is sealed at rest as a whole: letters name employees, reports describe people.
public enum ImageRecordKind: String, Sendable, CaseIterable, Codable {
    case noMatchLetter = "no_match_letter"
    case selfReport = "self_report"
    case audit
    case contractorAssessment = "contractor_assessment"
}

/// IMG-6: an SSA no-match letter and the steps taken on it.
public struct NoMatchLetter: Sendable, Equatable, Codable {
    public struct Step: Sendable, Equatable, Codable {
        public var on: CivilDate
        public var action: String
        public init(on: CivilDate, action: String) {
            self.on = on
            self.action = action
        }
    }
    public var receivedOn: CivilDate
    public var employeeID: String
    public var letterType: String
    public var steps: [Step]
    public var resolution: String?
    public var resolvedOn: CivilDate?

    public init(receivedOn: CivilDate, employeeID: String, letterType: String, steps: [Step] = [], resolution: String? = nil,
                resolvedOn: CivilDate? = nil) {
        self.receivedOn = receivedOn
        self.employeeID = employeeID
        self.letterType = letterType
        self.steps = steps
        self.resolution = resolution
        self.resolvedOn = resolvedOn
    }

    enum CodingKeys: String, CodingKey {
        case receivedOn = "received_on", employeeID = "employee_id", letterType = "letter_type", steps, resolution
        case resolvedOn = "resolved_on"
    }
}

/// IMG-5: a violation or deficiency the client found and reported.
public struct SelfReport: Sendable, Equatable, Codable {
    public var discoveredOn: CivilDate
    public var description: String
    public var correctiveAction: String?
    public var reportedToIceOn: CivilDate?

    public init(discoveredOn: CivilDate, description: String, correctiveAction: String? = nil, reportedToIceOn: CivilDate? = nil) {
        self.discoveredOn = discoveredOn
        self.description = description
        self.correctiveAction = correctiveAction
        self.reportedToIceOn = reportedToIceOn
    }

    enum CodingKeys: String, CodingKey {
        case discoveredOn = "discovered_on", description, correctiveAction = "corrective_action", reportedToIceOn = "reported_to_ice_on"
    }
}

/// IMG-4: an I-9 audit by an outsider or an uninvolved trained employee.
public struct I9Audit: Sendable, Equatable, Codable {
    public var performedOn: CivilDate
    public var auditorName: String
    public var auditorIndependent: Bool
    public var formsSampled: Int
    public var findings: String?
    public var corrections: String?

    public init(performedOn: CivilDate, auditorName: String, auditorIndependent: Bool, formsSampled: Int, findings: String? = nil,
                corrections: String? = nil) {
        self.performedOn = performedOn
        self.auditorName = auditorName
        self.auditorIndependent = auditorIndependent
        self.formsSampled = formsSampled
        self.findings = findings
        self.corrections = corrections
    }

    enum CodingKeys: String, CodingKey {
        case performedOn = "performed_on", auditorName = "auditor_name", auditorIndependent = "auditor_independent"
        case formsSampled = "forms_sampled", findings, corrections
    }
}

/// IMG-9: how a contractor or subcontractor was found to follow the practices.
public struct ContractorAssessment: Sendable, Equatable, Codable {
    public var contractorName: String
    public var assessedOn: CivilDate
    public var adheres: Bool
    public var notes: String?

    public init(contractorName: String, assessedOn: CivilDate, adheres: Bool, notes: String? = nil) {
        self.contractorName = contractorName
        self.assessedOn = assessedOn
        self.adheres = adheres
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case contractorName = "contractor_name", assessedOn = "assessed_on", adheres, notes
    }
}

/// One record's content, whichever its kind.
public enum ImageRecordBody: Sendable, Equatable {
    case noMatchLetter(NoMatchLetter)
    case selfReport(SelfReport)
    case audit(I9Audit)
    case contractorAssessment(ContractorAssessment)

    public var kind: ImageRecordKind {
        switch self {
        case .noMatchLetter: .noMatchLetter
        case .selfReport: .selfReport
        case .audit: .audit
        case .contractorAssessment: .contractorAssessment
        }
    }
}

/// A stored IMAGE record.
public struct ImageRecord: Sendable, Equatable {
    public var id: String
    public var clientID: ClientID
    public var body: ImageRecordBody
    public var createdAt: String
    public var createdBy: UserID?
    public var updatedAt: String

    public init(id: String, clientID: ClientID, body: ImageRecordBody, createdAt: String, createdBy: UserID?, updatedAt: String) {
        self.id = id
        self.clientID = clientID
        self.body = body
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.updatedAt = updatedAt
    }
}

/// The order checks of the records' dates (API.md: "dates in order"): nothing is done
/// before it is known, and nothing is dated after `today`.
public enum ImageRecordRules {
    public static func check(_ body: ImageRecordBody, today: CivilDate) throws(ValidationFailure) {
        var issues = IssueCollector()
        func notAfterToday(_ date: CivilDate?, _ field: String) {
            if let date, date > today { issues.add(field, FieldIssue.outOfRange, "\(field) cannot be in the future.") }
        }
        func inOrder(_ first: CivilDate, _ later: CivilDate?, _ field: String, _ firstField: String) {
            if let later, later < first { issues.add(field, FieldIssue.outOfRange, "\(field) cannot be before \(firstField).") }
        }
        switch body {
        case .noMatchLetter(let l):
            notAfterToday(l.receivedOn, "received_on")
            notAfterToday(l.resolvedOn, "resolved_on")
            inOrder(l.receivedOn, l.resolvedOn, "resolved_on", "received_on")
            for (i, step) in l.steps.enumerated() {
                inOrder(l.receivedOn, step.on, "steps[\(i)].on", "received_on")
                notAfterToday(step.on, "steps[\(i)].on")
            }
            if l.resolvedOn != nil && (l.resolution ?? "").isEmpty {
                issues.add("resolution", FieldIssue.required, "A resolved letter says how it was resolved (resolution).")
            }
        case .selfReport(let r):
            notAfterToday(r.discoveredOn, "discovered_on")
            notAfterToday(r.reportedToIceOn, "reported_to_ice_on")
            inOrder(r.discoveredOn, r.reportedToIceOn, "reported_to_ice_on", "discovered_on")
        case .audit(let a):
            notAfterToday(a.performedOn, "performed_on")
            if !a.auditorIndependent {
                issues.add("auditor_independent", "IMG-4",
                           "IMG-4: the audit is made by an outsider or a trained employee not involved in the verifications.")
            }
            if a.formsSampled < 1 { issues.add("forms_sampled", FieldIssue.outOfRange, "forms_sampled must be at least 1.") }
        case .contractorAssessment(let c):
            notAfterToday(c.assessedOn, "assessed_on")
        }
        try issues.check()
    }
}
