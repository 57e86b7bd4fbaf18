import AgentCore
import Foundation
import HTTPCore

/// `GovernmentGateway` over the program's Web Services interface (ICA v31 REST): one
/// shared token, the names of `ICAFieldMap`, and the failure mapping of API.md: refused
/// connections, timeouts and 5xx are `GovernmentUnavailable` (the agent queues and
/// retries), other 4xx are `GovernmentRefusal` with the government's message, anything
/// else is `GovernmentAnswerUnrecognized` (never guessed).
public final class ICAGateway: GovernmentGateway {
    let transport: ICATransport
    let session: ICASession
    let numbers: any GovernmentCaseNumbers
    let board = ICAStatusBoard()
    /// How many updates one poll asks for.
    public static let updatesPerPoll = 100

    public init(settings: ICASettings, numbers: any GovernmentCaseNumbers) throws(ICASetupError) {
        let password = try ICAPasswordFile.read(settings.passwordFile)
        transport = try ICATransport(settings: settings)
        session = ICASession(transport: transport, username: settings.username, password: password, board: board)
        self.numbers = numbers
    }

    /// Mode, last login, last poll and last error, for `/ready` and `operations/government`.
    public var status: GovernmentConnectionStatus { board.status }
    /// Logins since the start (tests: a revoked token renews once).
    public var loginCount: Int { board.logins }

    // MARK: Transport with the token

    /// One call with the token; on 401 the token is renewed once and the call repeated.
    func call(_ method: String, _ path: String, json: [String: Any]? = nil, multipart: ICAMultipart? = nil,
              accept: [Int] = [200, 201]) async throws -> ICAReply {
        do {
            var body: [UInt8] = []
            var headers: [(name: String, value: String)] = [("Accept", "application/json")]
            if let json {
                body = Array(try JSONSerialization.data(withJSONObject: json))
                headers.append(("Content-Type", "application/json"))
            } else if let multipart {
                body = multipart.body
                headers.append(("Content-Type", multipart.contentType))
            }
            let url = transport.url(path)
            var token = try await session.current()
            var reply = try await transport.send(method, url, headers: headers + [("Authorization", "Bearer " + token)], body: body)
            if reply.status == 401 {
                token = try await session.renewAfterRefusal(of: token)
                reply = try await transport.send(method, url, headers: headers + [("Authorization", "Bearer " + token)], body: body)
                if reply.status == 401 { throw GovernmentUnavailable("\(path.split(separator: "/").last ?? ""): token refused after renewal") }
            }
            if accept.contains(reply.status) { return reply }
            switch reply.status {
            case 500...599: throw GovernmentUnavailable("HTTP \(reply.status)")
            case 400...499:
                let (code, message) = reply.governmentError
                throw GovernmentRefusal(status: reply.status, code: code, message: message)
            default: throw GovernmentAnswerUnrecognized("HTTP status \(reply.status)")
            }
        } catch let error as GovernmentUnavailable {
            board.failed(error.reason)
            throw error
        } catch let error as GovernmentRefusal {
            board.failed("refused (HTTP \(error.status)): \(error.message)")
            throw error
        } catch let error as GovernmentAnswerUnrecognized {
            board.failed("unrecognized answer: \(error.what)")
            throw error
        }
    }

    /// The government's number for the agent's case; a step on a case never created there is refused.
    func governmentNumber(_ agentNumber: String) async throws -> String {
        guard let number = try await numbers.governmentCaseNumber(for: agentNumber) else {
            throw GovernmentRefusal(status: 404, code: nil, message: "The case was never submitted to the government side.")
        }
        return number
    }

    /// The result of an answer carrying `case_status`; after UNCONFIRMED_DATA, the fields to confirm.
    func result(of reply: ICAReply, number: String) async throws -> GovernmentResult {
        let object = reply.object ?? [:]
        let status = object[ICAFieldMap.caseStatus] as? String ?? ""
        var fields: [String] = []
        if status == ICAFieldMap.Status.unconfirmedData.rawValue {
            let listed = try await call("GET", ICAFieldMap.confirmDetailsFieldsPath(number)).object
            fields = (listed?[ICAFieldMap.fields] as? [Any] ?? []).compactMap { item in
                (item as? [String: Any])?[ICAFieldMap.fieldName] as? String ?? item as? String
            }
        }
        guard let result = ICAFieldMap.result(status: status, tncType: object[ICAFieldMap.tncType] as? String,
                                              expectedBy: object[ICAFieldMap.expectedResolutionDate] as? String, fields: fields) else {
            let error = GovernmentAnswerUnrecognized("case_status \(status.prefix(40)) for case \(number)")
            board.failed("unrecognized answer: \(error.what)")
            throw error
        }
        return result
    }
}
