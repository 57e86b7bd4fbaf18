/// Telephone numbers printed on notices. They come from configuration, not from the
/// translations, because they change without the wording changing.
public struct NoticeContacts: Sendable, Equatable {
    /// The number an employee calls to contact DHS about a referral (TNC-4). The
    /// program prints it on its own letters; until the agent configures it, the
    /// notices print a clearly marked "not configured" placeholder instead of a guess.
    public var dhsTelephone: String?
    /// The Department of Justice line for discrimination complaints (Immigrant and
    /// Employee Rights Section, formerly OSC, whose worker hotline the seed documents give).
    public var ierTelephone: String?

    public init(dhsTelephone: String? = nil, ierTelephone: String? = "1-800-255-7688") {
        self.dhsTelephone = dhsTelephone
        self.ierTelephone = ierTelephone
    }
}
