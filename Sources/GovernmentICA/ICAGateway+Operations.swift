import AgentCore
import Foundation

/// The operations of `GovernmentGateway`, one ICA exchange (or two) each.
extension ICAGateway {
    /// Creates the case on the government side (once: its number is kept) and submits it.
    /// A retried submission of a case the government side no longer knows creates it again.
    public func submit(_ request: GovernmentCaseRequest) async throws -> GovernmentResult {
        if let existing = try await numbers.governmentCaseNumber(for: request.caseNumber) {
            do {
                return try await result(of: try await call("POST", ICAFieldMap.submitPath(existing), json: [:]), number: existing)
            } catch let refusal as GovernmentRefusal where refusal.status == 404 {
                // The draft was lost on the other side (e.g. the sandbox restarted): create it again.
            }
        }
        let created = try await call("POST", ICAFieldMap.casesPath, json: ICAFieldMap.flatCase(request))
        guard let number = created.object?[ICAFieldMap.caseNumber] as? String, !number.isEmpty else {
            throw GovernmentAnswerUnrecognized("no case_number in the answer to POST cases")
        }
        try await numbers.record(agentCaseNumber: request.caseNumber, governmentCaseNumber: number)
        return try await result(of: try await call("POST", ICAFieldMap.submitPath(number), json: [:]), number: number)
    }

    public func confirmDetails(_ request: GovernmentCaseRequest) async throws -> GovernmentResult {
        let number = try await governmentNumber(request.caseNumber)
        return try await result(of: try await call("POST", ICAFieldMap.confirmDetailsPath(number), json: ICAFieldMap.flatCase(request)),
                                number: number)
    }

    public func retrievePhoto(caseNumber: String) async throws -> [UInt8]? {
        let number = try await governmentNumber(caseNumber)
        let reply = try await call("GET", ICAFieldMap.retrievePhotoPath(number))
        guard let text = reply.object?[ICAFieldMap.photo] as? String else { return nil }
        guard let bytes = Data(base64Encoded: text) else { throw GovernmentAnswerUnrecognized("photo is not base64") }
        return Array(bytes)
    }

    public func photoMatch(caseNumber: String, answer: PhotoMatchAnswer) async throws -> GovernmentResult {
        let number = try await governmentNumber(caseNumber)
        return try await result(of: try await call("POST", ICAFieldMap.photoMatchPath(number),
                                                   json: [ICAFieldMap.photoMatchAnswer: answer.rawValue]), number: number)
    }

    /// TNC-6: the copies go as multipart/form-data (`front_photo`, `back_photo`).
    public func scanAndUpload(caseNumber: String, front: [UInt8], back: [UInt8]?) async throws -> GovernmentResult {
        let number = try await governmentNumber(caseNumber)
        var parts = [ICAMultipart.Part(name: ICAFieldMap.frontPhoto, bytes: front)]
        if let back { parts.append(ICAMultipart.Part(name: ICAFieldMap.backPhoto, bytes: back)) }
        return try await result(of: try await call("POST", ICAFieldMap.scanAndUploadPath(number), multipart: ICAMultipart(parts)),
                                number: number)
    }

    /// The government's further action notice (PDF bytes as received). The interface
    /// asks for it to be downloaded before a referral.
    public func furtherActionNotice(caseNumber: String, language: String = "english") async throws -> [UInt8] {
        let number = try await governmentNumber(caseNumber)
        let reply = try await call("GET", ICAFieldMap.furtherActionNoticePath(number) + "?\(ICAFieldMap.language)=\(language)")
        guard reply.body.starts(with: Array("%PDF".utf8)) else { throw GovernmentAnswerUnrecognized("the notice is not a PDF") }
        return reply.body
    }

    /// The referral date confirmation (PDF bytes as received).
    public func referralDateConfirmation(caseNumber: String, language: String = "english") async throws -> [UInt8] {
        let number = try await governmentNumber(caseNumber)
        let reply = try await call("GET", ICAFieldMap.referralDateConfirmationPath(number) + "?\(ICAFieldMap.language)=\(language)")
        guard reply.body.starts(with: Array("%PDF".utf8)) else { throw GovernmentAnswerUnrecognized("the notice is not a PDF") }
        return reply.body
    }

    /// The government decides the mismatch and the referral date; the agent downloads the
    /// notice first, as the interface requires.
    public func refer(caseNumber: String, kind: MismatchKind, on: CivilDate) async throws -> ReferralReceipt {
        _ = try await furtherActionNotice(caseNumber: caseNumber)
        let number = try await governmentNumber(caseNumber)
        let object = try await call("POST", ICAFieldMap.referPath(number), json: [:]).object ?? [:]
        guard let referred = (object[ICAFieldMap.referralDate] as? String).flatMap(CivilDate.init(iso:)),
              let contactBy = (object[ICAFieldMap.contactByDate] as? String).flatMap(CivilDate.init(iso:)) else {
            throw GovernmentAnswerUnrecognized("referral dates missing for case \(number)")
        }
        return ReferralReceipt(referredOn: referred, contactBy: contactBy)
    }

    public func noAction(caseNumber: String) async throws {
        _ = try await call("POST", ICAFieldMap.noActionPath(try await governmentNumber(caseNumber)), json: [:])
    }

    public func close(caseNumber: String, reasonCode: String) async throws {
        _ = try await call("POST", ICAFieldMap.closePath(try await governmentNumber(caseNumber)),
                           json: [ICAFieldMap.closureReasonCode: reasonCode])
    }

    /// TNC-8: the cases the government changed, named by the agent's numbers. An entry
    /// with an unknown status is left out (so never confirmed: it stays for review) and
    /// shows as the last error.
    public func updatedCases() async throws -> [GovernmentUpdate] {
        let reply = try await call("GET", ICAFieldMap.updatedPath + "?\(ICAFieldMap.numberOfRecords)=\(Self.updatesPerPoll)")
        board.polled()
        var updates: [GovernmentUpdate] = []
        for entry in reply.object?[ICAFieldMap.cases] as? [[String: Any]] ?? [] {
            guard let number = entry[ICAFieldMap.caseNumber] as? String else { continue }
            let status = entry[ICAFieldMap.caseStatus] as? String ?? ""
            guard let result = ICAFieldMap.result(status: status, tncType: entry[ICAFieldMap.tncType] as? String,
                                                  expectedBy: entry[ICAFieldMap.expectedResolutionDate] as? String, fields: []),
                  let on = (entry[ICAFieldMap.statusDate] as? String).flatMap(CivilDate.init(iso:)) else {
                board.failed("unrecognized answer: case_status \(status.prefix(40)) for case \(number); left for review")
                continue
            }
            let agentNumber = try await numbers.agentCaseNumber(for: number) ?? number
            updates.append(GovernmentUpdate(caseNumber: agentNumber, result: result, on: on,
                                            employeeContacted: entry[ICAFieldMap.employeeContacted] as? Bool ?? false))
        }
        return updates
    }

    public func confirmUpdates(caseNumbers: [String]) async throws {
        var government: [String] = []
        for number in caseNumbers { government.append(try await numbers.governmentCaseNumber(for: number) ?? number) }
        _ = try await call("POST", ICAFieldMap.confirmUpdatedPath, json: [ICAFieldMap.caseNumbers: government])
    }
}
