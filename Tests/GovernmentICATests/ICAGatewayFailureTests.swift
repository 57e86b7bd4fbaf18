import AgentCore
import Foundation
import HTTPCore
import Synchronization
import Testing
@testable import GovernmentICA

/// The gateway's failure mapping against a scripted ICA peer (plain HTTP on loopback):
/// 5xx and refused connections are "unavailable", 4xx carry the government's message,
/// a 401 renews the token once and no more, unknown values are never guessed.
@Suite struct ICAGatewayFailureTests {
    /// What the scripted peer's submit answers.
    enum Script: Sendable { case unknownStatus, refuse, down, always401, redirect }

    final class Peer: Sendable {
        let server: HTTPServer
        let logins = Counter()
        init(_ script: Script) throws {
            var config = HTTPServerConfiguration()
            config.host = "127.0.0.1"
            config.listeners = [.init(port: 0)]
            config.eventLoops = 1
            let router = RouterBuilder<BasicRouterContext>()
            let logins = self.logins
            @Sendable func json(_ text: String, _ status: HTTPStatus = .ok) -> HTTPResponse {
                HTTPResponse(status: status, contentType: "application/json", body: Array(text.utf8))
            }
            router.post("/api/v31/authentication/login", RouteDocumentation("login")) { _, _ in
                let n = logins.count.withLock { $0 += 1; return $0 }
                return json(#"{"access_token":"t\#(n)","expires_in":7200}"#)
            }
            router.post("/api/v31/cases", RouteDocumentation("create")) { _, _ in json(#"{"case_number":"G1"}"#, .created) }
            router.post("/api/v31/cases/G1/submit", RouteDocumentation("submit")) { _, _ in
                switch script {
                case .unknownStatus: return json(#"{"case_number":"G1","case_status":"DHS_SOMETHING_NEW"}"#)
                case .refuse: return json(#"{"errors":[{"error_code":"E17","message":"The SSN is not valid."}]}"#, .unprocessableContent)
                case .down: return json("{}", .serviceUnavailable)
                case .always401: return json(#"{"errors":[{"message":"expired"}]}"#, .unauthorized)
                case .redirect: return HTTPResponse(status: HTTPStatus(302, "Found"), contentType: "text/plain", body: [])
                }
            }
            router.get("/api/v31/cases/updated", RouteDocumentation("updated")) { _, _ in
                json(#"{"cases":[{"case_number":"G1","case_status":"EMPLOYMENT_AUTHORIZED","status_date":"2026-11-17"},"#
                     + #"{"case_number":"G2","case_status":"WHO_KNOWS","status_date":"2026-11-17"}]}"#)
            }
            server = try HTTPServer(configuration: config, responder: router.freeze())
        }
        var port: Int { server.ports[0] }
    }

    final class Counter: Sendable { let count = Mutex(0) }

    actor Numbers: GovernmentCaseNumbers {
        var map: [String: String] = [:]
        func record(agentCaseNumber: String, governmentCaseNumber: String) { map[agentCaseNumber] = governmentCaseNumber }
        func governmentCaseNumber(for agentCaseNumber: String) -> String? { map[agentCaseNumber] }
        func agentCaseNumber(for governmentCaseNumber: String) -> String? { map.first { $0.value == governmentCaseNumber }?.key }
    }

    static func gateway(port: Int, timeout: Double = 5) throws -> ICAGateway {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ica-pass-\(UUID().uuidString)").path
        _ = FileManager.default.createFile(atPath: path, contents: Data("pw".utf8), attributes: [.posixPermissions: 0o600])
        return try ICAGateway(settings: ICASettings(baseURL: "http://127.0.0.1:\(port)/api/v31", username: "u", passwordFile: path,
                                                    caFile: nil, timeoutSeconds: timeout, maxConnections: 2, followSandboxClock: false),
                              numbers: Numbers())
    }

    static let request = GovernmentCaseRequest(
        caseNumber: "A1", firstName: "Ann", middleInitial: nil, lastName: "Lee", otherLastNames: [],
        dateOfBirth: CivilDate(year: 1990, month: 1, day: 2)!, ssn: "123-45-6789", citizenshipStatus: .usCitizen,
        alienNumber: nil, i94Number: nil, foreignPassportNumber: nil, countryCode: nil, usPassportNumber: nil, i551Number: nil,
        i766Number: nil, documentAType: nil, documentBType: "DRIVERS_LICENSE", documentCType: "SOCIAL_SECURITY_CARD",
        documentExpirationDate: nil, dateOfHire: CivilDate(year: 2026, month: 11, day: 16)!)

    @Test func test_GOV1_unknown_status_is_flagged_not_guessed() async throws {
        let peer = try Peer(.unknownStatus)
        let gateway = try Self.gateway(port: peer.port)
        await #expect(throws: GovernmentAnswerUnrecognized.self) { _ = try await gateway.submit(Self.request) }
        #expect(gateway.status.lastError?.contains("DHS_SOMETHING_NEW") == true)
        await peer.server.shutdown()
    }

    @Test func test_GOV1_a_4xx_carries_the_government_message() async throws {
        let peer = try Peer(.refuse)
        let gateway = try Self.gateway(port: peer.port)
        do {
            _ = try await gateway.submit(Self.request)
            Issue.record("accepted")
        } catch let refusal as GovernmentRefusal {
            #expect(refusal == GovernmentRefusal(status: 422, code: "E17", message: "The SSN is not valid."))
        }
        await peer.server.shutdown()
    }

    @Test func test_GOV1_5xx_refused_connections_and_redirects() async throws {
        let peer = try Peer(.down)
        await #expect(throws: GovernmentUnavailable.self) { _ = try await Self.gateway(port: peer.port).submit(Self.request) }
        let redirect = try Peer(.redirect)
        await #expect(throws: GovernmentAnswerUnrecognized.self) { _ = try await Self.gateway(port: redirect.port).submit(Self.request) }
        let closedPort = peer.port
        await peer.server.shutdown()
        await redirect.server.shutdown()
        // Nobody listens any more: refused, so unavailable (the agent queues).
        await #expect(throws: GovernmentUnavailable.self) { _ = try await Self.gateway(port: closedPort).submit(Self.request) }
    }

    @Test func test_ICA_a_401_renews_the_token_once_then_fails() async throws {
        let peer = try Peer(.always401)
        let gateway = try Self.gateway(port: peer.port)
        await #expect(throws: GovernmentUnavailable.self) { _ = try await gateway.submit(Self.request) }
        // The first login, then exactly one renewal: no loop.
        #expect(peer.logins.count.withLock { $0 } == 2)
        await peer.server.shutdown()
    }

    @Test func test_TNC8_updates_with_unknown_values_are_left_for_review() async throws {
        let peer = try Peer(.unknownStatus)
        let numbers = Numbers()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ica-pass-\(UUID().uuidString)").path
        _ = FileManager.default.createFile(atPath: path, contents: Data("pw".utf8), attributes: [.posixPermissions: 0o600])
        let gateway = try ICAGateway(settings: ICASettings(baseURL: "http://127.0.0.1:\(peer.port)/api/v31", username: "u", passwordFile: path,
                                                           caFile: nil, timeoutSeconds: 5, maxConnections: 1, followSandboxClock: false),
                                     numbers: numbers)
        await numbers.record(agentCaseNumber: "A1", governmentCaseNumber: "G1")
        let updates = try await gateway.updatedCases()
        #expect(updates == [GovernmentUpdate(caseNumber: "A1", result: .employmentAuthorized, on: CivilDate(year: 2026, month: 11, day: 17)!)])
        #expect(gateway.status.lastError?.contains("WHO_KNOWS") == true)
        #expect(gateway.updatesLeftForReview().map(\.caseNumber) == ["G2"])
        #expect(gateway.updatesLeftForReview().first?.answer == "case_status WHO_KNOWS")
        #expect(gateway.status.lastPollAt != nil)
        await peer.server.shutdown()
    }
}
