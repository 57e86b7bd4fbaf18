/// What the case rules need besides the body: the client they are judged for, the
/// service's clock, and the government-side outages that stop the HIRE-2 clock.
public struct CaseContext: Sendable {
    /// The client the case is for (MOU date for HIRE-3, business days and closures
    /// for HIRE-2, federal-contractor flag for HIRE-3 and HIRE-6).
    public var profile: ClientProfile
    /// The service's "today" (the simulated date in simulation mode): no I-9 date
    /// may lie after it (HIRE-1).
    public var today: CivilDate
    /// Government-side outages as whole dates (HIRE-2 stops for them). Outages of
    /// the agent's own system must not be passed: they stop no clock.
    public var outages: [ClosedRange<CivilDate>]
    /// The day the case counts as created for HIRE-2 lateness; `today` unless an
    /// edit of an older draft is judged by the day the draft was created.
    public var createdOn: CivilDate

    public init(profile: ClientProfile, today: CivilDate, outages: [ClosedRange<CivilDate>] = [], createdOn: CivilDate? = nil) {
        self.profile = profile
        self.today = today
        self.outages = outages
        self.createdOn = createdOn ?? today
    }
}
