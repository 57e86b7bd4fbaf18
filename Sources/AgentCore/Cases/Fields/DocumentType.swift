/// The Form I-9 list a document belongs to: List A proves identity and work
/// authorization alone; List B proves identity and List C work authorization, so
/// they come as a pair.
public enum DocumentList: String, Sendable, CaseIterable, Comparable {
    case a = "A"
    case b = "B"
    case c = "C"

    public static func < (lhs: DocumentList, rhs: DocumentList) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Whether the case must say when the document expires (`expiration_date`, or
/// `no_expiration_date: true` for one printed without a date).
public enum ExpiryRequirement: Sendable, Equatable {
    /// One of the two must be given.
    case required
    /// Either may be given; neither is needed (records such as a school record).
    case optional
    /// The document's expiry is never asked (List C: the case's expiry fields
    /// describe the List A or List B document).
    case notAsked
}

/// One document type of API.md `document_types`: what the case body must carry
/// with it and who may present it.
///
/// DOC-3: the API never asks the employee for a particular document; this catalog
/// only says what a presented document implies, so it holds no "preferred" flag.
public struct DocumentType: Sendable, Equatable, Hashable {
    /// The API code, e.g. `US_PASSPORT`.
    public var code: String { entry.code }
    /// A human name for reference lists.
    public var name: String { entry.name }
    /// The lists the document is on (`TRIBAL_DOCUMENT` is on B and C).
    public var lists: Set<DocumentList> { entry.lists }
    /// DOC-1: whether the document bears a photo of the holder.
    public var bearsPhoto: Bool { entry.bearsPhoto }
    /// DOC-2: whether presenting it leads to photo matching.
    public var photoMatching: Bool { entry.photoMatching }
    /// The sub-type codes `document_sub_type_code` may take; empty when none.
    public var subTypes: [String] { entry.subTypes }
    /// Whether `document_sub_type_code` must be given.
    public var subTypeRequired: Bool { entry.subTypeRequired }
    /// The citizenship statuses whose holders can present it (Form I-9 rules).
    public var presentableBy: Set<CitizenshipStatus> { entry.presentableBy }
    /// Whether the case states its expiry.
    public var expiry: ExpiryRequirement { entry.expiry }
    /// The document-number fields (API names) it requires, e.g. `us_passport_number`.
    public var requiredNumberFields: [String] { entry.requiredNumberFields }
    /// The document-number fields it may carry but need not.
    public var optionalNumberFields: [String] { entry.optionalNumberFields }

    /// The catalog entry's fields, shared: a case check copies its documents dozens of
    /// times, and a copy of eleven fields (seven of them references) cost seven retains.
    private final class Entry: Sendable {
        let code: String, name: String
        let lists: Set<DocumentList>
        let bearsPhoto: Bool, photoMatching: Bool
        let subTypes: [String]
        let subTypeRequired: Bool
        let presentableBy: Set<CitizenshipStatus>
        let expiry: ExpiryRequirement
        let requiredNumberFields: [String], optionalNumberFields: [String]

        init(code: String, name: String, lists: Set<DocumentList>, bearsPhoto: Bool, photoMatching: Bool, subTypes: [String],
             subTypeRequired: Bool, presentableBy: Set<CitizenshipStatus>, expiry: ExpiryRequirement,
             requiredNumberFields: [String], optionalNumberFields: [String]) {
            self.code = code
            self.name = name
            self.lists = lists
            self.bearsPhoto = bearsPhoto
            self.photoMatching = photoMatching
            self.subTypes = subTypes
            self.subTypeRequired = subTypeRequired
            self.presentableBy = presentableBy
            self.expiry = expiry
            self.requiredNumberFields = requiredNumberFields
            self.optionalNumberFields = optionalNumberFields
        }
    }

    private let entry: Entry

    /// Whether the document is on `list`.
    public func isOn(_ list: DocumentList) -> Bool { lists.contains(list) }

    /// Equal when every field is (the same catalog entry, in practice).
    public static func == (lhs: DocumentType, rhs: DocumentType) -> Bool {
        if lhs.entry === rhs.entry { return true }
        return lhs.code == rhs.code && lhs.name == rhs.name && lhs.lists == rhs.lists && lhs.bearsPhoto == rhs.bearsPhoto
            && lhs.photoMatching == rhs.photoMatching && lhs.subTypes == rhs.subTypes
            && lhs.subTypeRequired == rhs.subTypeRequired && lhs.presentableBy == rhs.presentableBy
            && lhs.expiry == rhs.expiry && lhs.requiredNumberFields == rhs.requiredNumberFields
            && lhs.optionalNumberFields == rhs.optionalNumberFields
    }

    /// By code alone: equal documents have equal codes.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// The catalog entry for `code`; nil for a code the API does not know.
    public init?(code: String) {
        guard let position = Self.codeIndex.index(of: code) else { return nil }
        self = Self.all[position]
    }

    /// Positions in `all` by code: every case names up to three documents, several times
    /// per request.
    private static let codeIndex = FieldNameIndex(all.map(\.code))

    init(_ code: String, _ name: String, lists: Set<DocumentList>, photo: Bool = true, photoMatching: Bool = false,
         subTypes: [String] = [], subTypeRequired: Bool = false, by presentableBy: Set<CitizenshipStatus> = Self.anyone,
         expiry: ExpiryRequirement, numbers: [String] = [], optionalNumbers: [String] = []) {
        entry = Entry(code: code, name: name, lists: lists, bearsPhoto: photo, photoMatching: photoMatching, subTypes: subTypes,
                      subTypeRequired: subTypeRequired, presentableBy: presentableBy, expiry: expiry,
                      requiredNumberFields: numbers, optionalNumberFields: optionalNumbers)
    }

    static let anyone = Set(CitizenshipStatus.allCases)
    static let citizensAndNationals: Set<CitizenshipStatus> = [.usCitizen, .noncitizenNational]
    static let permanentResidents: Set<CitizenshipStatus> = [.lawfulPermanentResident]
    static let authorizedNoncitizens: Set<CitizenshipStatus> = [.noncitizenAuthorizedToWork]

    /// Every document type, List A first, in the order API.md lists them.
    public static let all: [DocumentType] = listA + listB + listC

    // A foreign passport is identified by its number and the issuing country, so
    // both come with every passport-based List A document.
    private static let listA: [DocumentType] = [
        DocumentType("US_PASSPORT", "U.S. Passport or U.S. Passport Card", lists: [.a], photoMatching: true,
                     subTypes: ["US_PASSPORT_BOOK", "US_PASSPORT_CARD"], subTypeRequired: true,
                     by: citizensAndNationals, expiry: .required, numbers: ["us_passport_number"]),
        DocumentType("FORM_I551", "Permanent Resident Card (Form I-551)", lists: [.a], photoMatching: true,
                     by: permanentResidents, expiry: .required, numbers: ["i551_number"]),
        DocumentType("FORM_I766", "Employment Authorization Document (Form I-766)", lists: [.a], photoMatching: true,
                     by: authorizedNoncitizens, expiry: .required, numbers: ["i766_number", "alien_number"]),
        DocumentType("FOREIGN_PASSPORT_WITH_I551_STAMP", "Foreign Passport with a temporary I-551 stamp or printed notation",
                     lists: [.a], by: permanentResidents, expiry: .required,
                     numbers: ["foreign_passport_number", "country_code"]),
        DocumentType("FOREIGN_PASSPORT_WITH_I94", "Foreign Passport with Form I-94 or I-94A", lists: [.a],
                     by: authorizedNoncitizens, expiry: .required,
                     numbers: ["i94_number", "foreign_passport_number", "country_code"]),
        DocumentType("FSM_RMI_PASSPORT_WITH_I94", "Passport of the Federated States of Micronesia or the Marshall Islands with Form I-94",
                     lists: [.a], by: authorizedNoncitizens, expiry: .required,
                     numbers: ["i94_number", "foreign_passport_number", "country_code"]),
    ]

    // The number and issuing state of a driver's license or state ID let the
    // government side check the card with the issuing state, so both are required.
    private static let listB: [DocumentType] = [
        DocumentType("DRIVERS_LICENSE", "Driver's License issued by a U.S. state or outlying possession", lists: [.b],
                     subTypes: ["DRIVERS_LICENSE"], expiry: .required, numbers: ["document_bc_number", "us_state_code"]),
        DocumentType("GOVERNMENT_ID_CARD", "ID Card issued by a federal, state or local government agency", lists: [.b],
                     subTypes: ["DRIVERS_LICENSE", "STATE_ID_CARD"], subTypeRequired: true, expiry: .required,
                     numbers: ["document_bc_number", "us_state_code"]),
        DocumentType("SCHOOL_ID_CARD", "School ID Card with a photograph", lists: [.b], expiry: .required,
                     numbers: ["document_bc_number"]),
        DocumentType("VOTER_REGISTRATION_CARD", "Voter's Registration Card", lists: [.b], photo: false,
                     expiry: .required, numbers: ["document_bc_number"]),
        DocumentType("MILITARY_ID_CARD", "U.S. Military Card or Draft Record", lists: [.b], expiry: .required,
                     numbers: ["document_bc_number"]),
        DocumentType("MILITARY_DEPENDENT_ID_CARD", "Military Dependent's ID Card", lists: [.b], expiry: .required,
                     numbers: ["document_bc_number"]),
        DocumentType("MERCHANT_MARINER_CARD", "U.S. Coast Guard Merchant Mariner Card", lists: [.b], expiry: .required,
                     numbers: ["document_bc_number"]),
        DocumentType("TRIBAL_DOCUMENT", "Native American Tribal Document", lists: [.b, .c], expiry: .required,
                     numbers: ["document_bc_number"]),
        DocumentType("CANADIAN_DRIVERS_LICENSE", "Driver's License issued by a Canadian government authority",
                     lists: [.b], expiry: .required, numbers: ["document_bc_number"]),
        // Records for minors carry no photo and often no number or expiry date.
        DocumentType("SCHOOL_RECORD", "School Record or Report Card (minors)", lists: [.b], photo: false, expiry: .optional,
                     optionalNumbers: ["document_bc_number"]),
        DocumentType("CLINIC_OR_HOSPITAL_RECORD", "Clinic, Doctor, or Hospital Record (minors)", lists: [.b], photo: false,
                     expiry: .optional, optionalNumbers: ["document_bc_number"]),
        DocumentType("DAY_CARE_RECORD", "Day-care or Nursery School Record (minors)", lists: [.b], photo: false,
                     expiry: .optional, optionalNumbers: ["document_bc_number"]),
    ]

    // `TRIBAL_DOCUMENT` is declared once (in List B) with both lists; List C adds
    // the documents only it holds.
    private static let listC: [DocumentType] = [
        DocumentType("SOCIAL_SECURITY_CARD", "Social Security Account Number Card (unrestricted)", lists: [.c],
                     photo: false, expiry: .notAsked),
        DocumentType("BIRTH_CERTIFICATE", "Birth Certificate issued in the United States", lists: [.c], photo: false,
                     by: citizensAndNationals, expiry: .notAsked),
        DocumentType("BIRTH_ABROAD_CERTIFICATION", "Certification of Report of Birth Abroad (Forms FS-545, DS-1350, FS-240)",
                     lists: [.c], photo: false, by: citizensAndNationals, expiry: .notAsked),
        DocumentType("US_CITIZEN_ID_CARD", "U.S. Citizen ID Card (Form I-197)", lists: [.c], by: citizensAndNationals,
                     expiry: .notAsked),
        DocumentType("RESIDENT_CITIZEN_ID_CARD", "ID Card for Use of Resident Citizen in the United States (Form I-179)",
                     lists: [.c], by: citizensAndNationals, expiry: .notAsked),
        DocumentType("DHS_EMPLOYMENT_AUTHORIZATION", "Employment authorization document issued by DHS (List C)",
                     lists: [.c], photo: false, by: authorizedNoncitizens, expiry: .notAsked),
    ]

    /// The documents on `list`, in catalog order.
    public static func on(_ list: DocumentList) -> [DocumentType] { all.filter { $0.isOn(list) } }

    /// Human names of the sub-type codes, for the `document_sub_types` reference list.
    public static let subTypeNames: [(code: String, name: String)] = [
        ("US_PASSPORT_BOOK", "U.S. Passport (book)"),
        ("US_PASSPORT_CARD", "U.S. Passport Card"),
        ("DRIVERS_LICENSE", "Driver's License"),
        ("STATE_ID_CARD", "State ID Card"),
    ]
}
