/// The employee data the government side matches against its records: what the client
/// entered from Form I-9, with the case number the agent assigned.
public struct GovernmentCaseRequest: Sendable, Equatable {
    public var caseNumber: String
    public var firstName: String
    public var middleInitial: String?
    public var lastName: String
    public var otherLastNames: [String]
    public var dateOfBirth: CivilDate
    /// `###-##-####`.
    public var ssn: String
    public var citizenshipStatus: CitizenshipStatus
    /// `A` followed by 9 digits.
    public var alienNumber: String?
    public var i94Number: String?
    public var foreignPassportNumber: String?
    public var countryCode: String?
    public var usPassportNumber: String?
    public var i551Number: String?
    public var i766Number: String?
    /// The List A document type code, or nil when List B + C were presented.
    public var documentAType: String?
    public var documentBType: String?
    public var documentCType: String?
    public var documentExpirationDate: CivilDate?
    public var dateOfHire: CivilDate
    /// FED-6: a reused Form I-9 skips photo matching.
    public var skipPhotoMatch: Bool = false

    public init(caseNumber: String, firstName: String, middleInitial: String?, lastName: String, otherLastNames: [String],
                dateOfBirth: CivilDate, ssn: String, citizenshipStatus: CitizenshipStatus, alienNumber: String?, i94Number: String?,
                foreignPassportNumber: String?, countryCode: String?, usPassportNumber: String?, i551Number: String?,
                i766Number: String?, documentAType: String?, documentBType: String?, documentCType: String?,
                documentExpirationDate: CivilDate?, dateOfHire: CivilDate) {
        self.caseNumber = caseNumber
        self.firstName = firstName
        self.middleInitial = middleInitial
        self.lastName = lastName
        self.otherLastNames = otherLastNames
        self.dateOfBirth = dateOfBirth
        self.ssn = ssn
        self.citizenshipStatus = citizenshipStatus
        self.alienNumber = alienNumber
        self.i94Number = i94Number
        self.foreignPassportNumber = foreignPassportNumber
        self.countryCode = countryCode
        self.usPassportNumber = usPassportNumber
        self.i551Number = i551Number
        self.i766Number = i766Number
        self.documentAType = documentAType
        self.documentBType = documentBType
        self.documentCType = documentCType
        self.documentExpirationDate = documentExpirationDate
        self.dateOfHire = dateOfHire
    }
}

/// What the government side answers for a case at one step (GOV-1, GOV-2, TNC-1).
public enum GovernmentResult: Sendable, Equatable {
    case employmentAuthorized
    /// CASE-4: the data did not match at first; the user confirms or corrects these fields.
    case unconfirmedData(fields: [String])
    /// DOC-2: compare the photo on record with the document copy.
    case photoMatchRequired
    /// TNC-6: send copies of the document.
    case scanAndUploadRequired
    /// DHS needs more time; it resolves by itself no later than `expectedBy`.
    case manualReview(expectedBy: CivilDate)
    /// A tentative nonconfirmation; the employee decides whether to contest (TNC-3).
    case tentativeNonconfirmation(MismatchKind)
    /// The agency needs more time after a referral (GOV-2).
    case caseInContinuance
    /// The data (e.g. a passport or license number) is wrong: close and create a new case.
    case closeCaseAndResubmit
    case finalNonconfirmation
}

/// The acknowledgement of a referral: by when the employee must contact the agency (TNC-4).
public struct ReferralReceipt: Sendable, Equatable {
    public var referredOn: CivilDate
    public var contactBy: CivilDate
    public init(referredOn: CivilDate, contactBy: CivilDate) {
        self.referredOn = referredOn
        self.contactBy = contactBy
    }
}

/// A result the government side produced later, on its own (manual review, referral outcome).
public struct GovernmentUpdate: Sendable, Equatable {
    public var caseNumber: String
    public var result: GovernmentResult
    public var on: CivilDate
    /// For referral outcomes: the agency reports the employee contacted it.
    public var employeeContacted: Bool
    public init(caseNumber: String, result: GovernmentResult, on: CivilDate, employeeContacted: Bool = false) {
        self.caseNumber = caseNumber
        self.result = result
        self.on = on
        self.employeeContacted = employeeContacted
    }
}

/// The government side is not answering: the caller keeps the work and retries later.
public struct GovernmentUnavailable: Error, Sendable, Equatable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// An initial verification's answer, with the government side's record of it when that
/// record is to commit with the agent's change of the case (`record` not nil: the caller
/// passes it to `CaseRepository.update(attaching:)`; dropping it is as if the call never
/// happened, which is right only when the case is not changed either).
public struct GovernmentSubmission: Sendable {
    public var result: GovernmentResult
    public var record: (any AttachedWrite)?
    public init(result: GovernmentResult, record: (any AttachedWrite)? = nil) {
        self.result = result
        self.record = record
    }
}

/// The ICA operations the agent needs from DHS/SSA. The simulator implements it now; a
/// real connection would implement the same protocol. Every call may throw
/// `GovernmentUnavailable` (an outage), which the agent answers by queueing.
public protocol GovernmentGateway: Sendable {
    /// Initial verification of a submitted case (GOV-1).
    func submit(_ request: GovernmentCaseRequest) async throws -> GovernmentResult
    /// The same, leaving the government side's record (where it shares the agent's store)
    /// for the caller to commit with the case; see `GovernmentSubmission`.
    func submitAttached(_ request: GovernmentCaseRequest) async throws -> GovernmentSubmission
    /// CASE-4: after `unconfirmedData`, the data as confirmed or corrected by the user.
    func confirmDetails(_ request: GovernmentCaseRequest) async throws -> GovernmentResult
    /// DOC-2: the photo on record for the document presented (PNG or JPEG bytes), if any.
    func retrievePhoto(caseNumber: String) async throws -> [UInt8]?
    func photoMatch(caseNumber: String, answer: PhotoMatchAnswer) async throws -> GovernmentResult
    /// TNC-6: document copies (front and back) for DHS to compare.
    func scanAndUpload(caseNumber: String, front: [UInt8], back: [UInt8]?) async throws -> GovernmentResult
    /// TNC-3: the employee contests; the referral starts on `on`.
    func refer(caseNumber: String, kind: MismatchKind, on: CivilDate) async throws -> ReferralReceipt
    /// The employee does not contest.
    func noAction(caseNumber: String) async throws
    func close(caseNumber: String, reasonCode: String) async throws
    /// Results produced since they were last confirmed (TNC-8: check regularly).
    func updatedCases() async throws -> [GovernmentUpdate]
    func confirmUpdates(caseNumbers: [String]) async throws
}

extension GovernmentGateway {
    /// A gateway on another system records the submission itself: nothing to attach.
    public func submitAttached(_ request: GovernmentCaseRequest) async throws -> GovernmentSubmission {
        GovernmentSubmission(result: try await submit(request))
    }
}
