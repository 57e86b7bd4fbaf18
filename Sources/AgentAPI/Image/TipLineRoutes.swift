import AgentCore
import Crypto
import HTTPCore
import Storage

/// IMG-7's tip line (API.md "IMAGE records"): anyone holding a client's token may leave a
/// tip without logging in, and later read the reply with the follow-up code they were
/// given; the client's compliance officer reads and answers tips through the API.
struct TipLineRoutes: Sendable {
    let records: any ImageRecordRepository
    let access: ImageAccess
    let clock: any ServiceClock
    let limiter: TipRateLimiter
    /// Keys the follow-up codes' hashes: a stolen database cannot test guesses offline.
    let indexKey: [UInt8]

    static let tipSchema = """
    {"type":"object","additionalProperties":false,"required":["message"],"properties":{\
    "message":{"type":"string","minLength":1,"maxLength":4000},"contact":{"type":["string","null"],"maxLength":500}}}
    """
    static let replySchema = """
    {"type":"object","additionalProperties":false,"required":["reply"],"properties":{"reply":{"type":"string","minLength":1,"maxLength":4000}}}
    """

    func followUpIndex(_ code: String) -> [UInt8] {
        HMAC.sha256(key: indexKey, data: Array("tip-follow-up:\(code)".utf8))
    }

    func register(on router: RouterBuilder<AgentContext>) {
        let tags = ["image"]
        // 64 KiB: room for any 4,000-character message even fully \u-escaped, so an overlong one
        // is judged by its length (422) rather than cut off by size (413).
        router.post("/tips/:token", bodyLimit: 64 * 1024, RouteDocumentation(
            "Leave a tip on a client's tip line (IMG-7). No login; a few per address per hour. Answers the follow-up code.",
            tags: tags, requestSchema: Self.tipSchema,
            responses: [.json("201", ImageSchemas.tipReceipt, "Created")], errors: ["429"])) { request, context in
            if let wait = limiter.admit(context.info.remoteAddress, nowMs: UTCTime.nowMilliseconds()) { throw TipLineLimited(retryAfter: wait) }
            guard let clientID = try await records.tipLine(token: context.info.parameters["token"] ?? "") else { throw RepositoryError.notFound }
            var body = try RequestBody(request)
            let message = body.string("message", required: true, maxLength: TipRules.maxMessageCharacters)
            let contact = body.string("contact", maxLength: TipRules.maxContactCharacters)
            try body.finish()
            guard let message else { throw ValidationFailure([]) }
            let code = SecureRandom.token(byteCount: 16)
            // Anonymous, and deliberately without the source address: the trail must not name the tipster.
            let audit = AuditEvent(actor: .anonymous, clientID: clientID, action: "tip.receive", objectType: "tip", objectID: nil,
                                   sourceIP: nil, requestID: context.info.requestID)
            _ = try await records.addTip(clientID: clientID, message: message, contact: contact, followUpIndex: followUpIndex(code),
                                         receivedOn: try await clock.today(), audit: audit)
            var w = JSONObjectWriter()
            w.string("follow_up_code", code)
            return Self.private(.json(w.text, status: .created))
        }
        router.get("/tips/:token/:code", RouteDocumentation(
            "The reply to a tip, for whoever holds its follow-up code (IMG-7). No login.", tags: tags,
            responses: [.json("200", ImageSchemas.tipFollowUp)])) { _, context in
            guard let clientID = try await records.tipLine(token: context.info.parameters["token"] ?? ""),
                  let tip = try await records.tip(clientID: clientID, followUpIndex: followUpIndex(context.info.parameters["code"] ?? "")) else {
                throw RepositoryError.notFound
            }
            var w = JSONObjectWriter()
            w.string("received_at", tip.receivedAt)
            w.bool("answered", tip.reply != nil)
            w.string("reply", tip.reply)
            w.string("replied_at", tip.repliedAt)
            return Self.private(.json(w.text))
        }
        router.get("/api/v1/clients/:id/tips", RouteDocumentation(
            "The client's tips, with their replies. Agent staff, the client's users and auditors.", tags: tags,
            query: ["limit", "cursor"], responses: [.json("200", SchemaText.list("tips", of: ImageSchemas.tip))])) { request, context in
            let principal = try await access.auth.principal(request)
            let clientID = try await access.client(context, principal, .readTips)
            let paging = try IdentityAPI.paging(request)
            let page = try await records.tips(clientID: clientID, limit: paging.limit, after: paging.cursor)
            return .json(JSONObjectWriter.list("tips", items: page.items.map(Self.json), nextCursor: page.nextCursor))
        }
        router.post("/api/v1/tips/:tid/reply", RouteDocumentation(
            "Answer a tip (IMG-7): the client's compliance officer (its admins when none is named) or agent staff.", tags: tags,
            requestSchema: Self.replySchema, responses: [.json("200", ImageSchemas.tip)])) { request, context in
            let principal = try await access.auth.principal(request)
            let id = context.info.parameters["tid"] ?? ""
            guard let tip = try await records.tip(id, scope: principal.scope) else { throw RepositoryError.notFound }
            try await mayReply(principal, client: tip.clientID)
            var body = try RequestBody(request)
            let reply = body.string("reply", required: true, maxLength: TipRules.maxReplyCharacters)
            try body.finish()
            guard let reply else { throw ValidationFailure([]) }
            let answered = try await records.reply(to: id, scope: principal.scope, reply: reply, by: principal.userID,
                                                   audit: .by(principal, context, action: "tip.reply", objectType: "tip",
                                                              clientID: tip.clientID))
            return .json(Self.json(answered))
        }
        router.post("/api/v1/clients/:id/tip_token/rotate", RouteDocumentation(
            "A new tip-line token; the old one stops at once. Agent staff and the client's admins.", tags: tags,
            responses: [.json("200", ImageSchemas.tipToken)])) { request, context in
            let principal = try await access.auth.principal(request)
            let clientID = try await access.client(context, principal, .write)
            let token = SecureRandom.token(byteCount: 32)
            try await records.rotateTipToken(clientID, token: token, audit: .by(principal, context, action: "client.tip_token_rotate",
                                                                               objectType: "client", clientID: clientID))
            var w = JSONObjectWriter()
            w.string("tip_token", token)
            return .json(w.text)
        }
    }

    /// The compliance officer answers (IMG-7); with none named, the client's admins; agent
    /// staff may act for any client. Auditors and other users may not.
    func mayReply(_ principal: Principal, client: ClientID) async throws {
        if principal.role.isAgentStaff { return }
        let officer = try await records.settings(client).settings.complianceOfficer
        let allowed = officer.map { $0 == principal.userID } ?? (principal.role == .clientAdmin)
        try Authenticator.require(allowed, officer == nil ? "Only the client's admins answer its tips."
                                      : "Only the client's compliance officer answers its tips.")
    }

    /// Public answers are never cached: they carry the reply to somebody's tip.
    static func `private`(_ response: HTTPResponse) -> HTTPResponse {
        var r = response
        r.headers.add("Cache-Control", "no-store")
        return r
    }

    static func json(_ tip: Tip) -> String {
        var w = JSONObjectWriter()
        w.string("id", tip.id)
        w.string("client_company_id", tip.clientID.rawValue)
        w.string("message", tip.message)
        w.string("contact", tip.contact)
        w.string("received_at", tip.receivedAt)
        w.string("received_on", tip.receivedOn.iso)
        w.string("reply", tip.reply)
        w.string("replied_at", tip.repliedAt)
        w.string("replied_by", tip.repliedBy?.rawValue)
        w.string("created_at", tip.receivedAt)
        return w.text
    }
}
