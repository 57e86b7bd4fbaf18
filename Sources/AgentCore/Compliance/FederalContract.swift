/// What kind of contractor a client is under FAR 22.18: the FED-3 categories may limit
/// verification to the employees assigned to a contract.
public enum ContractorCategory: String, Sendable, CaseIterable {
    case standard = "STANDARD"
    case higherEducation = "HIGHER_EDUCATION"
    case stateLocalTribal = "STATE_LOCAL_TRIBAL"
    case surety = "SURETY"

    /// Rule FED-3: institutions of higher education, state/local/tribal governments and
    /// sureties may choose to verify only the employees assigned to the contract.
    public var mayVerifyAssignedOnly: Bool { self != .standard }
}

/// Which employees a contract's verification covers (FED-3).
public enum VerifyScope: String, Sendable, CaseIterable {
    case allNewHires = "ALL_NEW_HIRES"
    case assignedOnly = "ASSIGNED_ONLY"
}

/// A client's standing as a federal contractor (API.md PATCH `clients/{id}`).
public struct FederalContractorProfile: Sendable, Equatable {
    /// The day the client enrolled in the program as a federal contractor (FED-1).
    public var enrolledOn: CivilDate?
    public var category: ContractorCategory
    /// The day the client elected to verify its whole existing workforce (FED-4).
    public var workforceElectedOn: CivilDate?

    public init(enrolledOn: CivilDate? = nil, category: ContractorCategory = .standard, workforceElectedOn: CivilDate? = nil) {
        self.enrolledOn = enrolledOn
        self.category = category
        self.workforceElectedOn = workforceElectedOn
    }
}

/// What a PATCH says about the profile; nil: not given, `.some(nil)`: cleared.
public struct FederalContractorProfileInput: Sendable, Equatable {
    public var enrolledOn: CivilDate??
    public var category: ContractorCategory?
    public var workforceElectedOn: CivilDate??
    public init(enrolledOn: CivilDate?? = nil, category: ContractorCategory? = nil, workforceElectedOn: CivilDate?? = nil) {
        self.enrolledOn = enrolledOn
        self.category = category
        self.workforceElectedOn = workforceElectedOn
    }

    public var isEmpty: Bool { enrolledOn == nil && category == nil && workforceElectedOn == nil }

    public func applied(to profile: FederalContractorProfile) -> FederalContractorProfile {
        var p = profile
        if let enrolledOn { p.enrolledOn = enrolledOn }
        if let category { p.category = category }
        if let workforceElectedOn { p.workforceElectedOn = workforceElectedOn }
        return p
    }
}

/// A federal contract of a client (API.md "Federal contractors").
public struct FederalContract: Sendable, Equatable {
    public var id: String
    public var clientID: ClientID
    public var contractNumber: String
    public var awardDate: CivilDate
    public var endDate: CivilDate?
    public var verifyScope: VerifyScope
    public var createdAt: String
    public var createdBy: String?

    public init(id: String, clientID: ClientID, contractNumber: String, awardDate: CivilDate, endDate: CivilDate?,
                verifyScope: VerifyScope, createdAt: String, createdBy: String?) {
        self.id = id
        self.clientID = clientID
        self.contractNumber = contractNumber
        self.awardDate = awardDate
        self.endDate = endDate
        self.verifyScope = verifyScope
        self.createdAt = createdAt
        self.createdBy = createdBy
    }
}

/// A new contract as the API received it, checked by `FederalContractRules.contract`.
public struct FederalContractInput: Sendable, Equatable {
    public var contractNumber: String
    public var awardDate: CivilDate
    public var endDate: CivilDate?
    public var verifyScope: VerifyScope
    public init(contractNumber: String, awardDate: CivilDate, endDate: CivilDate?, verifyScope: VerifyScope) {
        self.contractNumber = contractNumber
        self.awardDate = awardDate
        self.endDate = endDate
        self.verifyScope = verifyScope
    }
}

/// An existing employee assigned to a contract (FED-2). The SSN is held encrypted and
/// shown masked.
public struct ContractEmployee: Sendable, Equatable {
    public var id: String
    public var contractID: String
    public var clientID: ClientID
    public var employeeID: String
    public var firstName: String
    public var lastName: String
    public var assignedOn: CivilDate
    /// Masked (`***-**-1234`): the full number never leaves storage.
    public var maskedSSN: String
    public var createdAt: String
    public var createdBy: String?

    public init(id: String, contractID: String, clientID: ClientID, employeeID: String, firstName: String, lastName: String,
                assignedOn: CivilDate, maskedSSN: String, createdAt: String, createdBy: String?) {
        self.id = id
        self.contractID = contractID
        self.clientID = clientID
        self.employeeID = employeeID
        self.firstName = firstName
        self.lastName = lastName
        self.assignedOn = assignedOn
        self.maskedSSN = maskedSSN
        self.createdAt = createdAt
        self.createdBy = createdBy
    }
}
