import AgentCore

/// Every name of the ICA v31 interface the agent uses: paths, JSON field names and
/// status values. They are reconstructed from public ICA v31 clients (the interface
/// itself is not public), so they live here alone: a correction touches this file only.
/// The sandbox serves the same names from this file, so both sides always agree.
public enum ICAFieldMap {
    // MARK: Paths (relative to `ica_base_url`)
    public static let loginPath = "authentication/login"
    public static let refreshPath = "authentication/refresh"
    public static let casesPath = "cases"
    public static let updatedPath = "cases/updated"
    public static let confirmUpdatedPath = "cases/confirm_updated"
    public static func casePath(_ n: String) -> String { "cases/\(n)" }
    public static func submitPath(_ n: String) -> String { "cases/\(n)/submit" }
    public static func confirmDetailsFieldsPath(_ n: String) -> String { "cases/\(n)/confirm_details_fields" }
    public static func confirmDetailsPath(_ n: String) -> String { "cases/\(n)/confirm_details" }
    public static func retrievePhotoPath(_ n: String) -> String { "cases/\(n)/retrieve_photo" }
    public static func photoMatchPath(_ n: String) -> String { "cases/\(n)/photo_match" }
    public static func scanAndUploadPath(_ n: String) -> String { "cases/\(n)/scan_and_upload" }
    public static func furtherActionNoticePath(_ n: String) -> String { "cases/\(n)/further_action_notice" }
    public static func referralDateConfirmationPath(_ n: String) -> String { "cases/\(n)/referral_date_confirmation" }
    public static func referPath(_ n: String) -> String { "cases/\(n)/refer" }
    public static func noActionPath(_ n: String) -> String { "cases/\(n)/no_action" }
    public static func closureReasonsPath(_ n: String) -> String { "cases/\(n)/closure_reasons" }
    public static func closePath(_ n: String) -> String { "cases/\(n)/close" }

    // MARK: Session
    public static let username = "username"
    public static let password = "password"
    public static let accessToken = "access_token"
    public static let expiresIn = "expires_in"
    /// The life of a token: 2 hours; a new login revokes the previous token.
    public static let tokenLifetimeSeconds = 7200

    // MARK: Case fields (the flat case of POST `cases` and POST `confirm_details`)
    public static let caseNumber = "case_number"
    public static let clientCompanyID = "client_company_id"
    public static let firstName = "first_name"
    public static let middleInitial = "middle_initial"
    public static let lastName = "last_name"
    public static let otherLastNames = "other_last_names_used"
    public static let dateOfBirth = "date_of_birth"
    public static let ssn = "ssn"
    public static let citizenshipStatusCode = "citizenship_status_code"
    public static let alienNumber = "alien_number"
    public static let i94Number = "i94_number"
    public static let foreignPassportNumber = "foreign_passport_number"
    public static let countryCode = "country_of_issuance_code"
    public static let usPassportNumber = "us_passport_number"
    public static let i551Number = "i551_number"
    public static let i766Number = "i766_number"
    public static let documentAType = "document_a_type_code"
    public static let documentBType = "document_b_type_code"
    public static let documentCType = "document_c_type_code"
    public static let expirationDate = "expiration_date"
    public static let dateOfHire = "date_of_hire"
    /// Every field the flat case may carry; the sandbox refuses any other.
    public static let caseFields: Set<String> = [
        clientCompanyID, firstName, middleInitial, lastName, otherLastNames, dateOfBirth, ssn, citizenshipStatusCode,
        alienNumber, i94Number, foreignPassportNumber, countryCode, usPassportNumber, i551Number, i766Number,
        documentAType, documentBType, documentCType, expirationDate, dateOfHire,
    ]

    // MARK: Answers
    public static let caseStatus = "case_status"
    public static let tncType = "tnc_type"
    public static let expectedResolutionDate = "expected_resolution_date"
    public static let statusDate = "status_date"
    public static let employeeContacted = "employee_contacted_agency"
    public static let fields = "fields"
    public static let fieldName = "field_name"
    public static let photo = "photo"
    public static let photoMatchAnswer = "photo_match_answer"
    public static let frontPhoto = "front_photo"
    public static let backPhoto = "back_photo"
    public static let referralDate = "referral_date"
    public static let contactByDate = "contact_by_date"
    public static let closureReasonCode = "case_closure_reason_code"
    public static let closureReasons = "closure_reasons"
    public static let cases = "cases"
    public static let caseNumbers = "case_numbers"
    public static let numberOfRecords = "number_of_records"
    public static let language = "language"
    public static let errors = "errors"
    public static let errorCode = "error_code"
    public static let message = "message"

    /// ICA `case_status` values that carry a result.
    public enum Status: String, Sendable, CaseIterable {
        case employmentAuthorized = "EMPLOYMENT_AUTHORIZED"
        case unconfirmedData = "UNCONFIRMED_DATA"
        case photoMatch = "PHOTO_MATCH"
        case scanAndUpload = "SCAN_AND_UPLOAD"
        case manualReview = "MANUAL_REVIEW"
        /// A tentative nonconfirmation not yet referred; `tnc_type` says which.
        case pendingReferral = "PENDING_REFERRAL"
        case caseInContinuance = "CASE_IN_CONTINUANCE"
        case closeCaseAndResubmit = "CLOSE_CASE_AND_RESUBMIT"
        case finalNonconfirmation = "FINAL_NONCONFIRMATION"
    }

    /// The result an ICA answer carries; nil when the status or the TNC type is not one
    /// of the known values (the caller flags it, never guesses). `fields` are the fields
    /// to confirm after UNCONFIRMED_DATA.
    public static func result(status: String, tncType: String?, expectedBy: String?, fields: [String]) -> GovernmentResult? {
        guard let known = Status(rawValue: status) else { return nil }
        switch known {
        case .employmentAuthorized: return .employmentAuthorized
        case .unconfirmedData: return .unconfirmedData(fields: fields)
        case .photoMatch: return .photoMatchRequired
        case .scanAndUpload: return .scanAndUploadRequired
        case .manualReview:
            guard let expectedBy, let date = CivilDate(iso: expectedBy) else { return nil }
            return .manualReview(expectedBy: date)
        case .pendingReferral:
            guard let tncType, let kind = MismatchKind(rawValue: tncType) else { return nil }
            return .tentativeNonconfirmation(kind)
        case .caseInContinuance: return .caseInContinuance
        case .closeCaseAndResubmit: return .closeCaseAndResubmit
        case .finalNonconfirmation: return .finalNonconfirmation
        }
    }

    /// The ICA answer for `result`: `case_status`, and `tnc_type` / `expected_resolution_date`
    /// where they apply (the sandbox's side of `result(status:…)`).
    public static func answer(for result: GovernmentResult) -> [(String, String)] {
        switch result {
        case .employmentAuthorized: return [(caseStatus, Status.employmentAuthorized.rawValue)]
        case .unconfirmedData: return [(caseStatus, Status.unconfirmedData.rawValue)]
        case .photoMatchRequired: return [(caseStatus, Status.photoMatch.rawValue)]
        case .scanAndUploadRequired: return [(caseStatus, Status.scanAndUpload.rawValue)]
        case .manualReview(let by): return [(caseStatus, Status.manualReview.rawValue), (expectedResolutionDate, by.iso)]
        case .tentativeNonconfirmation(let kind): return [(caseStatus, Status.pendingReferral.rawValue), (tncType, kind.rawValue)]
        case .caseInContinuance: return [(caseStatus, Status.caseInContinuance.rawValue)]
        case .closeCaseAndResubmit: return [(caseStatus, Status.closeCaseAndResubmit.rawValue)]
        case .finalNonconfirmation: return [(caseStatus, Status.finalNonconfirmation.rawValue)]
        }
    }

    /// The flat case of POST `cases` / `confirm_details` for `request`. Absent values are
    /// left out (not sent as null).
    public static func flatCase(_ r: GovernmentCaseRequest, clientCompanyID client: String? = nil) -> [String: Any] {
        var body: [String: Any] = [firstName: r.firstName, lastName: r.lastName, dateOfBirth: r.dateOfBirth.iso, ssn: r.ssn,
                                   citizenshipStatusCode: r.citizenshipStatus.rawValue, dateOfHire: r.dateOfHire.iso]
        if !r.otherLastNames.isEmpty { body[otherLastNames] = r.otherLastNames }
        let optional: [(String, String?)] = [
            (clientCompanyID, client), (middleInitial, r.middleInitial), (alienNumber, r.alienNumber), (i94Number, r.i94Number),
            (foreignPassportNumber, r.foreignPassportNumber), (countryCode, r.countryCode), (usPassportNumber, r.usPassportNumber),
            (i551Number, r.i551Number), (i766Number, r.i766Number), (documentAType, r.documentAType),
            (documentBType, r.documentBType), (documentCType, r.documentCType), (expirationDate, r.documentExpirationDate?.iso),
        ]
        for (key, value) in optional { if let value { body[key] = value } }
        return body
    }
}
