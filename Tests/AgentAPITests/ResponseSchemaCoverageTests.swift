import AgentCore
import Foundation
import GovernmentSimulator
import HTTPCore
import Logging
import Testing
@testable import AgentAPI

/// The answers of the identity, training, compliance, IMAGE, metrics and ICA sandbox
/// routes are described, not only their statuses: every success answer with a body names
/// its media type and schema, and every object a schema lists is closed and consistent.
@Suite struct ResponseSchemaCoverageTests {
    /// The route groups these schemas cover, by tag (the cases, hires, webhooks… groups
    /// are described elsewhere).
    static let tags: Set<String> = ["authentication", "clients", "users", "api_keys", "training", "compliance", "image"]

    /// Routes that share those tags but belong to the hires, work-queue, reverification and
    /// retention groups.
    static let otherGroups = ["/hires", "/work_queue", "/purge_reports", "/status_change_report"]

    static func agentRoutes() async throws -> [RouteSummary] {
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("agent-schemas-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dataDir) }
        let configuration = try AgentConfiguration.load(file: nil, environment: [:], overrides: [
            "data_dir": dataDir.path, "http_port": 0, "host": "127.0.0.1", "password_hash_log_n": 10, "access_log": false,
        ])
        var logger = Logger(label: "schema-test")
        logger.logLevel = .error
        let service = try await AgentService(configuration: configuration, logger: logger)
        let routes = service.routeTable
        await service.shutdown()
        return routes.filter { route in
            (!tags.isDisjoint(with: route.documentation.tags) || route.path == "/metrics")
                && !otherGroups.contains { route.path.contains($0) }
        }
    }

    static func sandboxRoutes() async throws -> [RouteSummary] {
        let simulator = try await Simulator.open(store: InMemorySimulatorStore(), calendar: FederalCalendar())
        let router = RouterBuilder<AgentContext>()
        let auth = ICASandboxAuth(credentials: ["u": "p"], lifetimeSeconds: 60)
        let cases = ICASandboxCases()
        ICASandboxRoutes(simulator: simulator, auth: auth, cases: cases).register(on: router)
        ICASandboxControls(simulator: simulator, auth: auth, cases: cases).register(on: router)
        return router.routes
    }

    /// What is wrong with the route's documented answers (empty: nothing).
    static func problems(_ route: RouteSummary) -> [String] {
        let name = "\(route.method.rawValue) \(route.path)"
        let doc = route.documentation
        var problems: [String] = []
        if doc.responses.isEmpty { problems.append("\(name): no documented answer") }
        for status in doc.successStatuses where status != "204" {
            let answers = doc.responses.filter { $0.status == status }
            if answers.isEmpty || answers.contains(where: { $0.contentType == nil || $0.schema == nil }) {
                problems.append("\(name) \(status): an answer without media type or schema")
            }
        }
        for answer in doc.responses {
            guard let schema = answer.schema else { continue }
            guard let parsed = try? JSONSerialization.jsonObject(with: Data(schema.utf8)) else {
                problems.append("\(name) \(answer.status): the schema is not JSON")
                continue
            }
            if answer.contentType == "application/json" {
                problems += objectProblems(parsed, at: "\(name) \(answer.status)")
            }
        }
        return problems
    }

    /// Every object that lists properties is closed and requires only what it lists.
    static func objectProblems(_ value: Any, at path: String) -> [String] {
        var problems: [String] = []
        if let object = value as? [String: Any] {
            if let properties = object["properties"] as? [String: Any] {
                if object["additionalProperties"] as? Bool != false { problems.append("\(path): an open object") }
                for name in object["required"] as? [String] ?? [] where properties[name] == nil {
                    problems.append("\(path): requires \(name), which it does not list")
                }
            }
            for (key, member) in object { problems += objectProblems(member, at: path + "/" + key) }
        } else if let array = value as? [Any] {
            for member in array { problems += objectProblems(member, at: path) }
        }
        return problems
    }

    @Test("every operation of these groups documents a schema for each success answer with a body")
    func agentOperationsDocumentTheirAnswers() async throws {
        let routes = try await Self.agentRoutes()
        #expect(routes.count > 60, "the groups were not found: \(routes.count) routes")
        #expect(routes.flatMap(Self.problems) == [])
    }

    @Test("every ICA sandbox operation documents its answers")
    func sandboxOperationsDocumentTheirAnswers() async throws {
        let routes = try await Self.sandboxRoutes()
        #expect(routes.count > 20)
        #expect(routes.flatMap(Self.problems) == [])
    }

    @Test("the checks catch an open object and an undocumented body")
    func checksCanFail() {
        let open = RouteSummary(method: .GET, path: "/x", documentation: RouteDocumentation(
            "x", responses: [.json("200", #"{"type":"object","properties":{"a":{"type":"string"}},"required":["b"]}"#)]))
        #expect(Self.problems(open).count == 2)
        let bare = RouteSummary(method: .POST, path: "/y", documentation: RouteDocumentation("y", success: ["201"]))
        #expect(Self.problems(bare).count == 2)
    }

    @Test("a status answered in two media types lists both in the document")
    func twoMediaTypesForOneStatus() throws {
        let route = RouteSummary(method: .GET, path: "/r", documentation: RouteDocumentation(
            "r", responses: [.json("200", SchemaText.list("items", of: SchemaText.string)), SchemaText.csv(), SchemaText.pdf()]))
        let text = OpenAPIDocument.json(title: "t", version: "1", description: "d", routes: [route])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let get = try #require(((document["paths"] as? [String: Any])?["/r"] as? [String: Any])?["get"] as? [String: Any])
        let ok = try #require((get["responses"] as? [String: Any])?["200"] as? [String: Any])
        let content = try #require(ok["content"] as? [String: Any])
        #expect(Set(content.keys) == ["application/json", "text/csv", "application/pdf"])
    }

    @Test("the simulated person's example is the catalog's dhs-tnc person and passes the SSN pattern")
    func personExampleFromTheCatalog() throws {
        let example = try #require(try JSONSerialization.jsonObject(with: Data(SimulatedPersonSchema.example.utf8)) as? [String: Any])
        let person = try #require(ScenarioCatalog.scenarios.first { $0.name == "dhs-tnc" }?.person)
        #expect(example["ssn"] as? String == person.ssn)
        #expect(example["alien_number"] as? String == person.alienNumber)
        #expect(example["citizenship_status_code"] as? String == person.citizenshipStatus.rawValue)
        let pattern = try NSRegularExpression(pattern: SimulatedPersonSchema.ssnPattern)
        func matches(_ ssn: String) -> Bool { pattern.firstMatch(in: ssn, range: NSRange(ssn.startIndex..., in: ssn)) != nil }
        for person in ScenarioCatalog.people { #expect(matches(person.ssn), "\(person.ssn)") }
        for never in ["000-12-3456", "666-12-3456", "900-12-3456", "123-00-4567", "123-45-0000", "123456789"] {
            #expect(!matches(never), "\(never)")
            #expect(SimulatedPerson.ssnIssue(never) != nil)
        }
        // The schema as a whole is JSON, with the example inside it.
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(SimulatedPersonSchema.request.utf8)) as? [String: Any])
        #expect((schema["examples"] as? [Any])?.count == 1)
    }

    @Test("a request string's pattern refuses exactly the control characters the body reader refuses; secrets keep none")
    func controlCharactersAsTheReaderJudgesThem() throws {
        let converted = try #require(try JSONSerialization.jsonObject(with: Data(RequestSchemaConventions.apply(
            #"{"type":"object","properties":{"name":{"type":"string"},"password":{"type":"string"},"day":{"type":"string","format":"date"}}}"#
        ).utf8)) as? [String: Any])
        let properties = try #require(converted["properties"] as? [String: [String: Any]])
        #expect(properties["password"]?["pattern"] == nil)
        #expect(properties["day"]?["pattern"] as? String == RequestSchemaConventions.supportedDate)
        let pattern = try NSRegularExpression(pattern: try #require(properties["name"]?["pattern"] as? String))
        for value in UInt32(0)...0xA0 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "a" + String(Character(scalar)) + "b"
            var body = RequestBody(item: ["name": .string(text)])
            let accepted = body.string("name") != nil
            let matches = pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            #expect(accepted == matches, "U+\(String(value, radix: 16)): reader \(accepted), schema \(matches)")
        }
    }

    @Test("a request date's pattern spans exactly the years CivilDate reads")
    func datesInSupportedYears() throws {
        let pattern = try NSRegularExpression(pattern: RequestSchemaConventions.supportedDate)
        func matches(_ text: String) -> Bool { pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil }
        for year in [1799, 1800, 1999, 2026, 2199, 2200, 2201, 9999] {
            let text = String(format: "%04d-06-15", year)
            #expect(matches(text) == (CivilDate(iso: text) != nil), "\(text)")
        }
    }

    @Test("the user email pattern judges addresses as UserRules.checkEmail does")
    func userEmailPattern() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(IdentitySchemas.userCreateRequest.utf8)) as? [String: Any])
        let email = try #require((schema["properties"] as? [String: [String: Any]])?["email"]?["pattern"] as? String)
        let pattern = try NSRegularExpression(pattern: email)
        for address in ["a@b.c", "pat@example.com", "a@b", "@b.c", "a@.b", "a@b.", "a b@c.d", "a@b@c.d", "a\u{1}@b.c", "a\t@b.c", "a@b..c"] {
            var issues = IssueCollector()
            UserRules.checkEmail(address, into: &issues)
            var body = RequestBody(item: ["email": .string(address)])
            let accepted = body.string("email") != nil && issues.issues.isEmpty
            let matches = pattern.firstMatch(in: address, range: NSRange(address.startIndex..., in: address)) != nil
            #expect(accepted == matches, "\(address.debugDescription): rules \(accepted), schema \(matches)")
        }
    }
}
