import Foundation
import Testing
import TestSupport

/// A JSON caller of the running service, for end-to-end tests (one connection, blocking).
/// Every reply it receives is checked against the server's `/openapi.json`
/// (`ResponseSchemaCheck`): an answer outside its documented schema fails the test.
final class APIClient: @unchecked Sendable {
    let http: TestHTTPClient
    let port: Int
    var token: String?

    init(port: Int, token: String? = nil) throws {
        http = try TestHTTPClient(port: port)
        self.port = port
        self.token = token
    }

    struct Reply {
        let status: Int
        let json: Any?
        let response: TestResponse
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        subscript(key: String) -> Any? { object[key] }
        /// The `code`s of a problem's `errors`.
        var errorCodes: [String] { (object["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }
        var errorFields: [String] { (object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String } }
    }

    func call(_ method: String, _ path: String, _ body: [String: Any]? = nil, token: String? = nil,
              headers: [(String, String)] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> Reply {
        var all = headers
        if let bearer = token ?? self.token { all.append(("Authorization", "Bearer \(bearer)")) }
        var bytes: [UInt8]?
        if let body {
            all.append(("Content-Type", "application/json"))
            bytes = Array(try JSONSerialization.data(withJSONObject: body))
        }
        let response = try http.request(method, path, headers: all, body: bytes)
        ResponseSchemaCheck.check(port: port, method: method, path: path, response: response, sourceLocation: sourceLocation)
        let json = response.body.isEmpty ? nil : try? JSONSerialization.jsonObject(with: Data(response.body))
        return Reply(status: response.status, json: json, response: response)
    }

    /// Sends `text` as the body with its own content type (CSV uploads).
    func send(_ method: String, _ path: String, text: String, contentType: String,
              sourceLocation: SourceLocation = #_sourceLocation) throws -> Reply {
        var all = [("Content-Type", contentType)]
        if let token { all.append(("Authorization", "Bearer \(token)")) }
        let response = try http.request(method, path, headers: all, body: Array(text.utf8))
        ResponseSchemaCheck.check(port: port, method: method, path: path, response: response, sourceLocation: sourceLocation)
        let json = response.body.isEmpty ? nil : try? JSONSerialization.jsonObject(with: Data(response.body))
        return Reply(status: response.status, json: json, response: response)
    }

    /// Logs in and keeps the token; returns the login reply.
    @discardableResult
    func login(_ username: String, _ password: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Reply {
        let reply = try call("POST", "/api/v1/authentication/login", ["username": username, "password": password], token: "",
                             sourceLocation: sourceLocation)
        if reply.status == 200 { token = reply["access_token"] as? String }
        return reply
    }
}

extension AgentProcess {
    /// Runs `employer-agent create-admin` on `dataDir` with the password on stdin.
    static func createAdmin(dataDir: URL, username: String, password: String, trainingScore: Int? = 90,
                            environment: [String: String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try binary()
        var arguments = ["create-admin", "--data-dir", dataDir.path, "--username", username, "--full-name", "Agent Admin", "--password-stdin"]
        if let trainingScore { arguments += ["--training-score", String(trainingScore)] }
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data((password + "\n").utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
