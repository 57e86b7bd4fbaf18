/// A client: an employer the agent serves, with what the rules need to know of it.
public struct ClientCompany: Sendable, Equatable {
    public var id: ClientID
    public var profile: ClientProfile
    public var createdAt: String
    public var updatedAt: String

    public init(id: ClientID, profile: ClientProfile, createdAt: String, updatedAt: String) {
        self.id = id
        self.profile = profile
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// The editable part of a client (API.md `clients` body).
public struct ClientProfile: Sendable, Equatable {
    public var name: String
    /// Employer Identification Number, stored as `NN-NNNNNNN`.
    public var ein: String
    public var naicsCode: String?
    public var address: String?
    public var sites: [String]
    public var mouEffectiveDate: CivilDate
    public var employerBusinessDays: [Weekday]
    public var employerClosedDates: [CivilDate]
    public var federalContractor: Bool
    /// IMG-3: a second person reviews each case before it is submitted.
    public var requireSecondaryReview: Bool
    /// ISO 639-1 codes of the translations offered beside English (TNC-2).
    public var noticeLanguages: [String]

    public init(name: String, ein: String, naicsCode: String? = nil, address: String? = nil, sites: [String] = [],
                mouEffectiveDate: CivilDate, employerBusinessDays: [Weekday] = Weekday.mondayToFriday,
                employerClosedDates: [CivilDate] = [], federalContractor: Bool = false,
                requireSecondaryReview: Bool = false, noticeLanguages: [String] = []) {
        self.name = name
        self.ein = ein
        self.naicsCode = naicsCode
        self.address = address
        self.sites = sites
        self.mouEffectiveDate = mouEffectiveDate
        self.employerBusinessDays = employerBusinessDays
        self.employerClosedDates = employerClosedDates
        self.federalContractor = federalContractor
        self.requireSecondaryReview = requireSecondaryReview
        self.noticeLanguages = noticeLanguages
    }
}
