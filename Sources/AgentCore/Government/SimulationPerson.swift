/// One synthetic person as the simulated SSA and DHS know them: the identity they
/// match a case against, and how each agency answers for that person (API.md "The
/// simulated government side"). Keyed by SSN.
public struct SimulatedPerson: Sendable, Equatable {
    /// `###-##-####`; the key of the record.
    public var ssn: String
    public var firstName: String
    public var lastName: String
    public var dateOfBirth: CivilDate
    /// The status on record. The matching decides from the *attested* status of the
    /// case and from `ssa.citizenshipConfirmed`; this one is descriptive.
    public var citizenshipStatus: CitizenshipStatus
    /// `A` followed by 9 digits.
    public var alienNumber: String?
    public var i94Number: String?
    public var usPassportNumber: String?
    /// The photo DHS holds for the person's I-551, I-766 or passport (PNG or JPEG);
    /// without one, no photo matching happens (DOC-2).
    public var photo: [UInt8]?
    public var ssa: SimulatedSSARecord
    public var dhs: SimulatedDHSRecord
    public var onReferral: SimulatedReferralBehaviour
    /// The catalog's name for the path this person walks (`dhs-tnc`), if any.
    public var scenario: String?
    /// One line saying what happens to this person's case.
    public var scenarioDescription: String?

    public init(ssn: String, firstName: String, lastName: String, dateOfBirth: CivilDate,
                citizenshipStatus: CitizenshipStatus, alienNumber: String? = nil, i94Number: String? = nil,
                usPassportNumber: String? = nil, photo: [UInt8]? = nil, ssa: SimulatedSSARecord = SimulatedSSARecord(),
                dhs: SimulatedDHSRecord = SimulatedDHSRecord(), onReferral: SimulatedReferralBehaviour = SimulatedReferralBehaviour(),
                scenario: String? = nil, scenarioDescription: String? = nil) {
        self.ssn = ssn
        self.firstName = firstName
        self.lastName = lastName
        self.dateOfBirth = dateOfBirth
        self.citizenshipStatus = citizenshipStatus
        self.alienNumber = alienNumber
        self.i94Number = i94Number
        self.usPassportNumber = usPassportNumber
        self.photo = photo
        self.ssa = ssa
        self.dhs = dhs
        self.onReferral = onReferral
        self.scenario = scenario
        self.scenarioDescription = scenarioDescription
    }
}

/// What the simulated SSA says about a person beyond name, date of birth and SSN.
public struct SimulatedSSARecord: Sendable, Equatable, Codable {
    /// A death is recorded for the number: always an SSA mismatch.
    public var deceased: Bool
    /// SSA's record confirms U.S. citizenship; when it does not, a citizen's case also
    /// goes to DHS.
    public var citizenshipConfirmed: Bool

    public init(deceased: Bool = false, citizenshipConfirmed: Bool = true) {
        self.deceased = deceased
        self.citizenshipConfirmed = citizenshipConfirmed
    }
}

/// What the simulated DHS says when a case reaches it.
public struct SimulatedDHSRecord: Sendable, Equatable, Codable {
    /// DHS confirms the person may work; false gives a DHS mismatch.
    public var workAuthorized: Bool
    /// More than 0: the case first goes to manual review ("DHS verification in
    /// process"), resolved after this many federal work days.
    public var needsMoreTimeDays: Int
    /// DHS asks the employer to close the case and submit a new one (wrong document data).
    public var closeAndResubmit: Bool

    public init(workAuthorized: Bool = true, needsMoreTimeDays: Int = 0, closeAndResubmit: Bool = false) {
        self.workAuthorized = workAuthorized
        self.needsMoreTimeDays = needsMoreTimeDays
        self.closeAndResubmit = closeAndResubmit
    }
}

/// How a referral of this person's mismatch ends (TNC-4, GOV-2).
public struct SimulatedReferralBehaviour: Sendable, Equatable, Codable {
    /// False: the employee never contacts the agency, so the case becomes a final
    /// nonconfirmation on the first federal work day after the contact-by date.
    public var employeeContactsAgency: Bool
    public var result: SimulatedReferralResult
    /// Federal work days from the referral date to `result`.
    public var afterWorkDays: Int
    /// When `result` is a continuance: federal work days after it until the agency
    /// confirms employment authorization; nil keeps the case in continuance until the
    /// employer closes it (to reach CASE-9's 60-day flag).
    public var continuanceWorkDays: Int?

    public init(employeeContactsAgency: Bool = true, result: SimulatedReferralResult = .employmentAuthorized,
                afterWorkDays: Int = 3, continuanceWorkDays: Int? = 10) {
        self.employeeContactsAgency = employeeContactsAgency
        self.result = result
        self.afterWorkDays = afterWorkDays
        self.continuanceWorkDays = continuanceWorkDays
    }
}

/// The agency's answer at the end of a referral the employee followed up.
public enum SimulatedReferralResult: String, Sendable, Codable, CaseIterable {
    case employmentAuthorized = "EMPLOYMENT_AUTHORIZED"
    case finalNonconfirmation = "FINAL_NONCONFIRMATION"
    case caseInContinuance = "CASE_IN_CONTINUANCE"
}
