/// IMG-10: the annual report of an IMAGE member, counted from the year's cases and records.
public struct ImageAnnualReport: Sendable, Equatable {
    /// What the client states for the year (POST `reports/image_annual/{year}`).
    public struct Statement: Sendable, Equatable, Codable {
        public var applicantsDenied: Int
        public var organizationalChanges: String?
        public var contactPerson: String?
        public init(applicantsDenied: Int, organizationalChanges: String?, contactPerson: String?) {
            self.applicantsDenied = applicantsDenied
            self.organizationalChanges = organizationalChanges
            self.contactPerson = contactPerson
        }
        enum CodingKeys: String, CodingKey {
            case applicantsDenied = "applicants_denied_because_of_participation"
            case organizationalChanges = "organizational_changes", contactPerson = "contact_person"
        }
    }

    /// What the report needs of one case: no personal data.
    public struct CaseLine: Sendable, Equatable {
        public var createdOn: CivilDate
        public var status: CaseStatus
        public var eligibility: EligibilityStatement?
        public var closureReason: String?
        public var citizenship: String?
        public init(createdOn: CivilDate, status: CaseStatus, eligibility: EligibilityStatement?, closureReason: String?,
                    citizenship: String?) {
            self.createdOn = createdOn
            self.status = status
            self.eligibility = eligibility
            self.closureReason = closureReason
            self.citizenship = citizenship
        }
    }

    /// The buckets of `cases_by_result`, in the order they are written.
    public static let resultBuckets = EligibilityStatement.allCases.map(\.rawValue) + ["CLOSED_WITHOUT_RESULT", "OPEN"]

    public var year: Int
    public var clientID: ClientID
    public var casesByResult: [String: Int]
    public var casesByCitizenship: [String: Int]
    public var discharged: Int
    public var statement: Statement?
    public var audits: Int
    public var selfReports: Int
    public var noMatchLetters: Int
    public var tips: Int

    /// Counts the cases created in `year`: by final result (a closed case without one is
    /// `CLOSED_WITHOUT_RESULT`, a case still running `OPEN`), by attested status, and those
    /// closed because the employee was let go for an FNC.
    public static func build(year: Int, clientID: ClientID, cases: [CaseLine], statement: Statement?, audits: Int, selfReports: Int,
                             noMatchLetters: Int, tips: Int) -> ImageAnnualReport {
        var byResult = Dictionary(uniqueKeysWithValues: resultBuckets.map { ($0, 0) })
        var byCitizenship: [String: Int] = [:]
        var discharged = 0
        for line in cases where line.createdOn.year == year {
            let bucket = line.eligibility?.rawValue ?? (line.status == .closed ? "CLOSED_WITHOUT_RESULT" : "OPEN")
            byResult[bucket, default: 0] += 1
            byCitizenship[line.citizenship ?? "UNKNOWN", default: 0] += 1
            if line.closureReason == ClosureReason.terminatedForFNC.rawValue { discharged += 1 }
        }
        return ImageAnnualReport(year: year, clientID: clientID, casesByResult: byResult, casesByCitizenship: byCitizenship,
                                 discharged: discharged, statement: statement, audits: audits, selfReports: selfReports,
                                 noMatchLetters: noMatchLetters, tips: tips)
    }
}
