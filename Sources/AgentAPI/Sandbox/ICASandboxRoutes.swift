import AgentCore
import Foundation
import GovernmentICA
import GovernmentSimulator
import HTTPCore

/// The ICA v31 paths under `/api/v31`, answered by the simulator with the names of
/// `ICAFieldMap`. What the real interface enforces is enforced: a live, unrevoked token
/// on every call but login, unknown fields refused, the notice downloaded before a referral.
struct ICASandboxRoutes: Sendable {
    let simulator: Simulator
    let auth: ICASandboxAuth
    let cases: ICASandboxCases
    static let base = "/api/v31/"
    typealias F = ICAFieldMap

    func register(on router: RouterBuilder<AgentContext>) {
        let tags = ["ica"]
        router.post(Self.base + F.loginPath, RouteDocumentation("Log in: a 2-hour token; the user's previous token is revoked.", tags: tags,
                                                                  requestSchema: ICASandboxSchemas.login, responses: [.json("200", ICASandboxSchemas.token)])) { request, _ in
            var body = try RequestBody(request)
            let username = body.string(F.username, required: true, maxLength: 100)
            let password = body.string(F.password, required: true, maxLength: 200)
            try body.finish()
            guard let username, let password, let issued = auth.login(username: username, password: password) else {
                throw ICASandboxUnauthorized(message: "Invalid username or password.")
            }
            return Self.json([F.accessToken: issued.token, F.expiresIn: issued.expiresIn, "token_type": "Bearer"])
        }
        router.post(Self.base + F.refreshPath, RouteDocumentation("A new token for a live one (the old one is revoked).", tags: tags,
                                                                    responses: [.json("200", ICASandboxSchemas.token)])) { request, _ in
            guard let issued = auth.refresh(Self.bearer(request) ?? "") else { throw ICASandboxUnauthorized(message: "The token is not valid.") }
            return Self.json([F.accessToken: issued.token, F.expiresIn: issued.expiresIn, "token_type": "Bearer"])
        }
        typealias X = ICASandboxSchemas
        func on(_ method: HTTPMethod, _ path: String, _ summary: String, request: String? = nil, requestType: String = "application/json",
                query: [String] = [], _ responses: [ResponseDocumentation],
                _ run: @escaping @Sendable (HTTPRequest, String) async throws -> HTTPResponse) {
            router.on(method, Self.base + path, bodyLimit: 12 << 20, RouteDocumentation(
                summary, tags: tags, requestSchema: request, query: query, responses: responses, requestContentType: requestType)) { request, context in
                guard let token = Self.bearer(request), auth.user(of: token) != nil else {
                    throw ICASandboxUnauthorized(message: "The token is missing, expired or revoked.")
                }
                return try await run(request, context.info.parameters["n"] ?? "")
            }
        }
        on(.POST, F.casesPath, "Create a case (flat fields); answers with its case number.", request: X.flatCase,
           [.json("201", X.created, "Created")]) { request, _ in
            var number = ICASandboxCases.newNumber(today: simulator.today())
            // Random numbers: one already given out is drawn again.
            while try await simulator.simulatedCase(caseNumber: number) != nil || cases.draft(number) != nil {
                number = ICASandboxCases.newNumber(today: simulator.today())
            }
            cases.addDraft(try ICASandboxCases.flatCase(request, caseNumber: number))
            return Self.json([F.caseNumber: number], status: .created)
        }
        on(.POST, F.submitPath(":n"), "Submit a created case: the initial result.", [.json("200", X.result)]) { request, number in
            try Self.emptyBody(request)
            if let draft = cases.draft(number) {
                let result = try await simulator.submit(draft)
                cases.submitted(number)
                if let forced = cases.takeNextSubmitStatus() { return Self.json([F.caseNumber: number, F.caseStatus: forced]) }
                return Self.result(result, number)
            }
            guard let known = try await simulator.simulatedCase(caseNumber: number) else { throw SimulatorError.unknownCase(number) }
            return Self.result(known.result, number)
        }
        on(.GET, F.casePath(":n"), "The case's current result.", [.json("200", X.result)]) { _, number in
            guard let known = try await simulator.simulatedCase(caseNumber: number) else { throw SimulatorError.unknownCase(number) }
            return Self.result(known.result, number, extra: ["stage": known.stage.rawValue])
        }
        on(.GET, F.confirmDetailsFieldsPath(":n"), "The fields to confirm or correct after UNCONFIRMED_DATA.",
           [.json("200", X.fieldsToConfirm)]) { _, number in
            guard let known = try await simulator.simulatedCase(caseNumber: number) else { throw SimulatorError.unknownCase(number) }
            var fields = known.facts.mismatchedFields
            if case .unconfirmedData(let listed) = known.result, !listed.isEmpty { fields = listed }
            return Self.json([F.fields: fields.map { [F.fieldName: $0] }])
        }
        on(.POST, F.confirmDetailsPath(":n"), "The flat case, confirmed or corrected.", request: X.flatCase,
           [.json("200", X.result)]) { request, number in
            Self.result(try await simulator.confirmDetails(try ICASandboxCases.flatCase(request, caseNumber: number)), number)
        }
        on(.GET, F.retrievePhotoPath(":n"), "The photo on record for the document presented.", [.json("200", X.photo)]) { _, number in
            let photo = try await simulator.retrievePhoto(caseNumber: number)
            return Self.json([F.photo: photo.map { Data($0).base64EncodedString() } ?? NSNull()])
        }
        on(.POST, F.photoMatchPath(":n"), "Whether the photos match.", request: X.photoMatch, [.json("200", X.result)]) { request, number in
            var body = try RequestBody(request)
            let text = body.string(F.photoMatchAnswer, required: true, maxLength: 40)
            let answer = text.flatMap(PhotoMatchAnswer.init(rawValue:))
            if text != nil && answer == nil {
                body.note(FieldIssue(field: F.photoMatchAnswer, code: FieldIssue.invalidValue, message: "Unknown photo match answer."))
            }
            try body.finish()
            guard let answer else { throw ValidationFailure([]) }
            return Self.result(try await simulator.photoMatch(caseNumber: number, answer: answer), number)
        }
        on(.POST, F.scanAndUploadPath(":n"), "The document copies, multipart front_photo and back_photo.", request: X.multipart,
           requestType: "multipart/form-data", [.json("200", X.result)]) { request, number in
            guard let type = request.headers["Content-Type"], MultipartFormData.boundary(fromContentType: type) != nil else {
                throw ProblemDetails(status: .unsupportedMediaType, type: "unsupported-media-type", title: "Unsupported media type",
                                     detail: "Send the copies as multipart/form-data.")
            }
            let (front, back) = try CaseAPI.documents(request)
            return Self.result(try await simulator.scanAndUpload(caseNumber: number, front: front, back: back), number)
        }
        on(.GET, F.furtherActionNoticePath(":n"), "The further action notice (PDF); required before a referral.", [SchemaText.pdf()]) { _, number in
            guard let known = try await simulator.simulatedCase(caseNumber: number) else { throw SimulatorError.unknownCase(number) }
            guard [.tentativeNonconfirmation, .referred].contains(known.stage) else {
                throw SimulatorError.wrongStage(caseNumber: number, stage: known.stage, action: "further_action_notice")
            }
            cases.noticeDownloaded(number)
            return HTTPResponse(status: .ok, contentType: "application/pdf",
                                body: ICASandboxCases.pdf("Further Action Notice, case \(number)"))
        }
        on(.GET, F.referralDateConfirmationPath(":n"), "The referral date confirmation (PDF).", [SchemaText.pdf()]) { _, number in
            guard let known = try await simulator.simulatedCase(caseNumber: number) else { throw SimulatorError.unknownCase(number) }
            guard let referral = known.referral else {
                throw SimulatorError.wrongStage(caseNumber: number, stage: known.stage, action: "referral_date_confirmation")
            }
            return HTTPResponse(status: .ok, contentType: "application/pdf",
                                body: ICASandboxCases.pdf("Referral Date Confirmation, case \(number), contact by \(referral.contactBy.iso)"))
        }
        on(.POST, F.referPath(":n"), "The employee contests: refer the case (after the notice was downloaded).",
           [.json("200", X.referred)]) { request, number in
            try Self.emptyBody(request)
            guard let known = try await simulator.simulatedCase(caseNumber: number) else { throw SimulatorError.unknownCase(number) }
            guard cases.hasNotice(number) else {
                throw SimulatorError.invalidRequest("download the further action notice of case \(number) before referring it")
            }
            guard let kind = known.mismatch else { throw SimulatorError.wrongStage(caseNumber: number, stage: known.stage, action: "refer") }
            let receipt = try await simulator.refer(caseNumber: number, kind: kind, on: known.referral?.referredOn ?? simulator.today())
            return Self.json([F.caseNumber: number, F.caseStatus: "REFERRED", F.referralDate: receipt.referredOn.iso,
                              F.contactByDate: receipt.contactBy.iso])
        }
        on(.POST, F.noActionPath(":n"), "The employee does not contest.", [.json("200", X.settled("NO_ACTION"))]) { request, number in
            try Self.emptyBody(request)
            try await simulator.noAction(caseNumber: number)
            return Self.json([F.caseNumber: number, F.caseStatus: "NO_ACTION"])
        }
        on(.GET, F.closureReasonsPath(":n"), "The closure reasons.", [.json("200", X.closureReasons)]) { _, number in
            guard try await simulator.simulatedCase(caseNumber: number) != nil || cases.draft(number) != nil else {
                throw SimulatorError.unknownCase(number)
            }
            return Self.json([F.closureReasons: ClosureReason.allCases.map { [F.closureReasonCode: $0.rawValue] }])
        }
        on(.POST, F.closePath(":n"), "Close the case.", request: X.close, [.json("200", X.settled("CLOSED"))]) { request, number in
            var body = try RequestBody(request)
            let reason = body.string(F.closureReasonCode, required: true, maxLength: 80)
            _ = body.bool("currently_employed")
            try body.finish()
            guard let reason else { throw ValidationFailure([]) }
            try await simulator.close(caseNumber: number, reasonCode: reason)
            return Self.json([F.caseNumber: number, F.caseStatus: "CLOSED"])
        }
        on(.GET, F.updatedPath, "Results produced since last confirmed, oldest first.", query: [F.numberOfRecords],
           [.json("200", X.updated)]) { request, _ in
            let limit = request.queryParameter(F.numberOfRecords).flatMap(Int.init).map { min(max($0, 1), 500) } ?? 100
            let updates = try await simulator.updatedCases().prefix(limit)
            return Self.json([F.cases: updates.map { update -> [String: Any] in
                var entry: [String: Any] = [F.caseNumber: update.caseNumber, F.statusDate: update.on.iso,
                                            F.employeeContacted: update.employeeContacted]
                for (key, value) in F.answer(for: update.result) { entry[key] = value }
                return entry
            }])
        }
        on(.POST, F.confirmUpdatedPath, "Acknowledge updates once stored.", request: X.caseNumbersRequest,
           [.json("200", X.caseNumbers)]) { request, _ in
            var body = try RequestBody(request)
            let numbers = body.strings(F.caseNumbers, maxCount: 500, maxLength: 40)
            try body.finish()
            try await simulator.confirmUpdates(caseNumbers: numbers ?? [])
            return Self.json([F.caseNumbers: numbers ?? []])
        }
    }

    static func bearer(_ request: HTTPRequest) -> String? {
        guard let value = request.headers["Authorization"], value.lowercased().hasPrefix("bearer ") else { return nil }
        return String(value.dropFirst(7))
    }

    /// A body of `{}` or nothing: these calls take no fields.
    static func emptyBody(_ request: HTTPRequest) throws {
        if !request.body.isEmpty { try RequestBody(request).finish() }
    }

    static func result(_ result: GovernmentResult, _ number: String, extra: [String: Any] = [:]) -> HTTPResponse {
        var object: [String: Any] = [F.caseNumber: number]
        for (key, value) in F.answer(for: result) { object[key] = value }
        if case .unconfirmedData(let fields) = result { object[F.fields] = fields }
        for (key, value) in extra { object[key] = value }
        return json(object)
    }

    static func json(_ object: [String: Any], status: HTTPStatus = .ok) -> HTTPResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return HTTPResponse(status: status, contentType: "application/json", body: Array(data))
    }
}

/// 401 in the interface's error shape.
struct ICASandboxUnauthorized: Error {
    let message: String
}
