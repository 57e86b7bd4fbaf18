import AgentCore
import Foundation
import Testing
@testable import GovernmentICA

/// The ICA names and values in one place: every result goes out and comes back the same,
/// and what is not known is refused rather than guessed.
@Suite struct ICAFieldMapTests {
    static let results: [GovernmentResult] = [
        .employmentAuthorized, .unconfirmedData(fields: ["ssn"]), .photoMatchRequired, .scanAndUploadRequired,
        .manualReview(expectedBy: CivilDate(year: 2026, month: 3, day: 2)!), .tentativeNonconfirmation(.ssa),
        .tentativeNonconfirmation(.dhs), .tentativeNonconfirmation(.dual), .tentativeNonconfirmation(.dhsPhoto),
        .caseInContinuance, .closeCaseAndResubmit, .finalNonconfirmation,
    ]

    @Test func test_GOV1_every_result_round_trips_through_the_ICA_names() {
        for result in Self.results {
            let answer = Dictionary(uniqueKeysWithValues: ICAFieldMap.answer(for: result))
            var fields: [String] = []
            if case .unconfirmedData(let f) = result { fields = f }
            let back = ICAFieldMap.result(status: answer[ICAFieldMap.caseStatus] ?? "", tncType: answer[ICAFieldMap.tncType],
                                          expectedBy: answer[ICAFieldMap.expectedResolutionDate], fields: fields)
            #expect(back == result)
        }
    }

    @Test func test_GOV1_unknown_status_or_tnc_type_is_not_guessed() {
        #expect(ICAFieldMap.result(status: "DHS_SOMETHING_NEW", tncType: nil, expectedBy: nil, fields: []) == nil)
        #expect(ICAFieldMap.result(status: "PENDING_REFERRAL", tncType: "XYZ_TNC", expectedBy: nil, fields: []) == nil)
        #expect(ICAFieldMap.result(status: "PENDING_REFERRAL", tncType: nil, expectedBy: nil, fields: []) == nil)
        #expect(ICAFieldMap.result(status: "MANUAL_REVIEW", tncType: nil, expectedBy: "soon", fields: []) == nil)
        #expect(ICAFieldMap.result(status: "employment_authorized", tncType: nil, expectedBy: nil, fields: []) == nil)
    }

    @Test func test_GOV1_flat_case_uses_only_known_fields_and_omits_absent_ones() {
        let request = GovernmentCaseRequest(
            caseNumber: "A1", firstName: "Ann", middleInitial: nil, lastName: "Lee", otherLastNames: [],
            dateOfBirth: CivilDate(year: 1990, month: 1, day: 2)!, ssn: "123-45-6789", citizenshipStatus: .lawfulPermanentResident,
            alienNumber: "A123456789", i94Number: nil, foreignPassportNumber: nil, countryCode: nil, usPassportNumber: nil,
            i551Number: "ABC1234567890", i766Number: nil, documentAType: "FORM_I551", documentBType: nil, documentCType: nil,
            documentExpirationDate: CivilDate(year: 2030, month: 5, day: 1), dateOfHire: CivilDate(year: 2026, month: 1, day: 5)!)
        let flat = ICAFieldMap.flatCase(request, clientCompanyID: "42")
        #expect(Set(flat.keys).isSubset(of: ICAFieldMap.caseFields))
        #expect(flat[ICAFieldMap.middleInitial] == nil)
        #expect(flat[ICAFieldMap.alienNumber] as? String == "A123456789")
        #expect(flat[ICAFieldMap.dateOfBirth] as? String == "1990-01-02")
        #expect(flat[ICAFieldMap.expirationDate] as? String == "2030-05-01")
        #expect(flat[ICAFieldMap.citizenshipStatusCode] as? String == "LAWFUL_PERMANENT_RESIDENT")
        #expect(flat[ICAFieldMap.clientCompanyID] as? String == "42")
        // Case numbers are the government's: the agent's own never goes out as a field.
        #expect(flat[ICAFieldMap.caseNumber] == nil)
    }

    @Test func test_ICA_password_file_must_be_owner_only() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ica-pass-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = FileManager.default.createFile(atPath: path, contents: Data("s3cret\n".utf8), attributes: [.posixPermissions: 0o644])
        #expect(throws: ICASetupError.self) { try ICAPasswordFile.read(path) }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try ICAPasswordFile.read(path) == "s3cret")
        // The refusal names the file and its mode, never the password.
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        do { _ = try ICAPasswordFile.read(path); Issue.record("accepted mode 0640") } catch {
            #expect(!error.description.contains("s3cret"))
        }
    }
}
