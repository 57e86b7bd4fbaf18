import AgentCore
import Foundation
import GovernmentICA
import HTTPCore
import Synchronization

/// What the sandbox keeps beside the simulator: cases created but not yet submitted
/// (the simulator knows a case from its submission on) and which cases had their
/// further action notice downloaded (the interface refuses a referral before).
/// In memory: after a restart an unsubmitted draft is gone, as the agent expects (404,
/// it creates the case again).
final class ICASandboxCases: Sendable {
    private struct State {
        var drafts: [String: GovernmentCaseRequest] = [:]
        var noticeDownloaded: Set<String> = []
    }
    private let state = Mutex(State())

    func addDraft(_ request: GovernmentCaseRequest) { state.withLock { $0.drafts[request.caseNumber] = request } }
    func draft(_ number: String) -> GovernmentCaseRequest? { state.withLock { $0.drafts[number] } }
    func submitted(_ number: String) { state.withLock { _ = $0.drafts.removeValue(forKey: number) } }
    func noticeDownloaded(_ number: String) { state.withLock { _ = $0.noticeDownloaded.insert(number) } }
    func hasNotice(_ number: String) -> Bool { state.withLock { $0.noticeDownloaded.contains(number) } }

    /// A government case number: the year, the day of the year and 8 random digits, then
    /// two letters (the shape of real ones; random so a restart never reuses one).
    static func newNumber(today: CivilDate) -> String {
        let dayOfYear = today.dayNumber - (CivilDate(year: today.year, month: 1, day: 1)?.dayNumber ?? today.dayNumber) + 1
        let digits = (0..<8).map { _ in String(Int.random(in: 0...9)) }.joined()
        let letters = (0..<2).map { _ in String(UnicodeScalar(UInt8.random(in: 65...90))) }.joined()
        return String(today.year) + String(format: "%03d", dayOfYear) + digits + letters
    }

    /// The flat case of POST `cases` / `confirm_details`, read strictly (unknown fields: 400).
    static func flatCase(_ request: HTTPRequest, caseNumber: String) throws -> GovernmentCaseRequest {
        var body = try RequestBody(request)
        typealias F = ICAFieldMap
        _ = body.string(F.clientCompanyID, maxLength: 40)
        let first = body.string(F.firstName, required: true, maxLength: 40)
        let middle = body.string(F.middleInitial, maxLength: 1)
        let last = body.string(F.lastName, required: true, maxLength: 40)
        let others = body.strings(F.otherLastNames, maxCount: 10, maxLength: 40) ?? []
        let dob = body.date(F.dateOfBirth, required: true)
        let ssn = body.string(F.ssn, required: true, maxLength: 11)
        let citizenshipText = body.string(F.citizenshipStatusCode, required: true, maxLength: 40)
        let citizenship = citizenshipText.flatMap(CitizenshipStatus.init(code:))
        if citizenshipText != nil && citizenship == nil {
            body.note(FieldIssue(field: F.citizenshipStatusCode, code: FieldIssue.invalidValue, message: "Unknown citizenship status."))
        }
        let alien = body.string(F.alienNumber, maxLength: 10)
        let i94 = body.string(F.i94Number, maxLength: 11)
        let foreignPassport = body.string(F.foreignPassportNumber, maxLength: 12)
        let country = body.string(F.countryCode, maxLength: 3)
        let usPassport = body.string(F.usPassportNumber, maxLength: 12)
        let i551 = body.string(F.i551Number, maxLength: 13)
        let i766 = body.string(F.i766Number, maxLength: 13)
        let a = body.string(F.documentAType, maxLength: 60)
        let b = body.string(F.documentBType, maxLength: 60)
        let c = body.string(F.documentCType, maxLength: 60)
        let expiration = body.date(F.expirationDate)
        let hire = body.date(F.dateOfHire, required: true)
        try body.finish()
        guard let first, let last, let dob, let ssn, let citizenship, let hire else { throw ValidationFailure([]) }
        return GovernmentCaseRequest(caseNumber: caseNumber, firstName: first, middleInitial: middle, lastName: last,
                                     otherLastNames: others, dateOfBirth: dob, ssn: ssn, citizenshipStatus: citizenship,
                                     alienNumber: alien, i94Number: i94, foreignPassportNumber: foreignPassport, countryCode: country,
                                     usPassportNumber: usPassport, i551Number: i551, i766Number: i766, documentAType: a,
                                     documentBType: b, documentCType: c, documentExpirationDate: expiration, dateOfHire: hire)
    }

    /// A one-page PDF saying what the notice is (the sandbox's stand-in for the
    /// government's own notices, which the agent passes through as bytes).
    static func pdf(_ line: String) -> [UInt8] {
        let text = line.replacingOccurrences(of: "(", with: "[").replacingOccurrences(of: ")", with: "]")
        let stream = "BT /F1 14 Tf 72 720 Td (\(text)) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { out += String(format: "%010d 00000 n \n", offset) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(out.utf8)
    }
}
