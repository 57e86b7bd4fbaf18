import Testing
@testable import HTTPCore

/// The match a request's head made (`RouteFacts.matched`) serves its dispatch: the path
/// is walked once per request, and only for the path it was made for.
@Suite struct RouterHeadMatchTests {
    static func router() -> Router<BasicRouterContext> {
        let builder = RouterBuilder<BasicRouterContext>()
        builder.get("/cases/:n", RouteDocumentation("A case.")) { _, context in
            HTTPResponse(status: .ok, contentType: "text/plain", body: Array("case \(context.info.parameters["n"] ?? "-")".utf8))
        }
        builder.get("/clients/:id", RouteDocumentation("A client.")) { _, context in
            HTTPResponse(status: .ok, contentType: "text/plain", body: Array("client \(context.info.parameters["id"] ?? "-")".utf8))
        }
        return builder.freeze()
    }

    static func answer(_ router: Router<BasicRouterContext>, _ target: String, matched: MatchedRoute?) async -> String {
        let info = RequestInfo(requestID: "t-1", remoteAddress: "127.0.0.1", isTLS: false, matched: matched)
        let response = await router.respond(to: HTTPRequest(method: .GET, target: target), info: info)
        return String(decoding: response.body, as: UTF8.self)
    }

    @Test("the head's facts carry the match: its node and its parameters")
    func test_headFactsCarryTheMatch() async {
        let router = Self.router()
        let facts = router.route(method: .GET, path: "/cases/7")
        #expect(facts.matched?.parameters["n"] == "7")
        #expect(router.route(method: .GET, path: "/nowhere").matched == nil)
        #expect(await Self.answer(router, "/cases/7?x=1", matched: facts.matched) == "case 7")
    }

    @Test("the dispatch takes the head's match as it is, without walking the path again")
    func test_theHeadMatchIsUsed() async {
        let router = Self.router()
        // A match made for another route, labelled with this request's path: answered by
        // the route it names, which shows the path was not matched a second time.
        let client = router.route(method: .GET, path: "/clients/9").matched!
        let relabelled = MatchedRoute(node: client.node, root: client.root, parameters: client.parameters, target: "/cases/7")
        #expect(await Self.answer(router, "/cases/7", matched: relabelled) == "client 9")
    }

    @Test("a match made for another target is ignored: the request's own path is matched")
    func test_aMatchForAnotherPathIsIgnored() async {
        let router = Self.router()
        let client = router.route(method: .GET, path: "/clients/9").matched
        #expect(await Self.answer(router, "/cases/7", matched: client) == "case 7")
        #expect(await Self.answer(router, "/cases/7", matched: nil) == "case 7")
    }

    @Test("a match from another router's tree is ignored, even for the same path")
    func test_aMatchFromAnotherRouterIsIgnored() async {
        let other = Self.router().route(method: .GET, path: "/clients/9").matched!
        let foreign = MatchedRoute(node: other.node, root: other.root, parameters: other.parameters, target: "/cases/7")
        #expect(await Self.answer(Self.router(), "/cases/7", matched: foreign) == "case 7")
    }
}
