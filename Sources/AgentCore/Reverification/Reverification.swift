/// The lists a reverification may use (REV-2: never List B).
public enum ReverificationList: String, Sendable, Codable {
    case a = "A", c = "C"
}

/// REV-2: the program's Status Change Report named this case's document as revoked.
/// Only dates are kept here (the progress JSON is not sealed); the matched numbers stay
/// in the report the client sent.
public struct DocumentRevocation: Sendable, Equatable, Codable {
    public var revokedOn: CivilDate
    /// The service-clock day the report was imported: the reverification is due then.
    public var reportedOn: CivilDate

    public init(revokedOn: CivilDate, reportedOn: CivilDate) {
        self.revokedOn = revokedOn
        self.reportedOn = reportedOn
    }
}

/// A completed Form I-9 Supplement B (no E-Verify case is created for it, REV-1).
public struct SupplementB: Sendable, Equatable, Codable {
    public var completedOn: CivilDate
    public var documentList: ReverificationList
    public var documentTypeCode: String
    public var expirationDate: CivilDate?
    /// The day the employee filed to renew an EAD (Form I-765), when they did.
    public var eadRenewalFiledOn: CivilDate?
    /// The automatic EAD extension's end, when the 2025 rule still grants one.
    public var automaticExtensionUntil: CivilDate?
    /// The next reverification date this document brings (nil: none needed).
    public var nextReverifyBy: CivilDate?

    public init(completedOn: CivilDate, documentList: ReverificationList, documentTypeCode: String, expirationDate: CivilDate?,
                eadRenewalFiledOn: CivilDate?, automaticExtensionUntil: CivilDate?, nextReverifyBy: CivilDate?) {
        self.completedOn = completedOn
        self.documentList = documentList
        self.documentTypeCode = documentTypeCode
        self.expirationDate = expirationDate
        self.eadRenewalFiledOn = eadRenewalFiledOn
        self.automaticExtensionUntil = automaticExtensionUntil
        self.nextReverifyBy = nextReverifyBy
    }
}
