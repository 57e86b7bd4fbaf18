import AgentCore
import Crypto
import HTTPCore

/// The anonymous tip line (IMG-7): `/tips/{token}` takes a tip without login, rate
/// limited per source address, and answers a follow-up code that shows the reply later.
/// The client's staff read tips (client users too) and its compliance officer, admins or
/// agent staff reply.
struct TipLineRoutes: Sendable {
    let image: any ImageRepository
    let gate: ComplianceGate
    let clock: any ServiceClock
    let ratePerHour: Int
    /// Keys the HMAC of source addresses: the rate limit counts them without storing them.
    let addressKey: [UInt8]

    func register(on router: RouterBuilder<AgentContext>) {
        let tags = ["compliance"]
        router.post("/tips/:token", RouteDocumentation(
            "Send a tip to a client's tip line, without login (IMG-7): {message (1–4,000 characters), contact}; answers a follow-up code. Limited per source address per hour (429).",
            tags: tags, requestSchema: #"{"type":"object","required":["message"],"properties":{"message":{"type":"string","maxLength":4000},"contact":{"type":"string"}}}"#,
            success: ["201"])) { request, context in
            guard let client = try await image.client(forTipToken: context.info.parameters["token"] ?? "") else { throw RepositoryError.notFound }
            var body = try RequestBody(request)
            // Checked before anything is stored: a message over the limit is refused whole (422), never kept.
            let message = body.string("message", required: true, maxLength: ImageRules.maximumTipLength)
            let contact = body.string("contact", maxLength: 200)
            try body.finish()
            guard let message else { throw ValidationFailure([]) }
            let code = SecureRandom.token(byteCount: 16)
            let source = HMAC.sha256(key: addressKey, data: Array("tip-source:\(context.info.remoteAddress ?? "")".utf8))
            let tip = try await image.submitTip(clientID: client, message: message, contact: contact, followUpCode: code, sourceKey: source,
                                                limitPerHour: ratePerHour, receivedOn: IdentityAPI.today())
            var w = JSONObjectWriter()
            w.string("follow_up_code", code)
            w.string("received_at", tip.receivedAt)
            var response = HTTPResponse.json(w.text, status: .created)
            response.headers.set("Cache-Control", "no-store")
            return response
        }
        router.get("/tips/:token/:code", RouteDocumentation("The reply to a tip, if any, by its follow-up code (no login).", tags: tags)) { _, context in
            guard let client = try await image.client(forTipToken: context.info.parameters["token"] ?? ""),
                  let tip = try await image.tip(clientID: client, followUpCode: context.info.parameters["code"] ?? "") else {
                throw RepositoryError.notFound
            }
            var w = JSONObjectWriter()
            w.string("received_at", tip.receivedAt)
            w.string("reply", tip.reply)
            w.string("replied_at", tip.repliedAt)
            return .json(w.text)
        }
        router.get("/api/v1/clients/:id/tips", RouteDocumentation("The client's tips (client users read them too).", tags: tags,
                                                                  query: ["limit", "cursor"])) { request, context in
            let principal = try await gate.auth.principal(request)
            let id = ClientID(context.info.parameters["id"] ?? "")
            guard try await gate.identity.client(id, scope: principal.scope) != nil else { throw RepositoryError.notFound }
            let paging = try IdentityAPI.paging(request)
            let page = try await image.tips(clientID: id, limit: paging.limit, after: paging.cursor)
            return .json(JSONObjectWriter.list("tips", items: page.items.map(Self.json), nextCursor: page.nextCursor))
        }
        router.post("/api/v1/tips/:tid/reply", RouteDocumentation(
            "Answer a tip; settles TIP_UNANSWERED. The client's compliance officer, its admins or agent staff.", tags: tags,
            requestSchema: #"{"type":"object","required":["reply"],"properties":{"reply":{"type":"string","maxLength":4000}}}"#)) { request, context in
            let principal = try await gate.auth.principal(request)
            guard let tip = try await image.tip(context.info.parameters["tid"] ?? "", scope: principal.scope) else { throw RepositoryError.notFound }
            let officer = try await image.settings(clientID: tip.clientID).complianceOfficer
            try Authenticator.require(officer == principal.userID || ComplianceAccess.mayWrite(principal, client: tip.clientID),
                                      "Only the client's compliance officer, its admins or agent staff answer tips.")
            var body = try RequestBody(request)
            let reply = body.string("reply", required: true, maxLength: ImageRules.maximumTipLength)
            try body.finish()
            guard let reply else { throw ValidationFailure([]) }
            if tip.reply != nil { throw RepositoryError.conflict(field: "reply", message: "This tip was answered already.") }
            let answered = try await image.reply(to: tip.id, reply: reply, audit: .by(principal, context, action: "tip.reply", objectType: "tip",
                                                                                         clientID: tip.clientID))
            return .json(Self.json(answered))
        }
    }

    static func json(_ t: Tip) -> String {
        var w = JSONObjectWriter()
        w.string("id", t.id)
        w.string("client_company_id", t.clientID.rawValue)
        w.string("message", t.message)
        w.string("contact", t.contact)
        w.string("received_at", t.receivedAt)
        w.string("reply", t.reply)
        w.string("replied_at", t.repliedAt)
        return w.text
    }
}

extension TipRateLimited: ProblemConvertible {
    public var problem: ProblemDetails {
        ProblemDetails(status: .tooManyRequests, type: "rate-limited", title: "Too many tips",
                       detail: "Too many tips from this address in the last hour; try again later.",
                       headers: HTTPHeaders([("Retry-After", String(retryAfterSeconds))]))
    }
}
