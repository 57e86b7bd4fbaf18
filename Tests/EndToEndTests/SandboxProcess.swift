import Foundation
import Glibc
import Synchronization
import Testing
import TestSupport

/// `employer-agent ica-sandbox` as a child process over HTTPS with a throwaway
/// certificate: the government side of the ICA end-to-end tests. It can be killed and
/// started again on the same port and data directory.
final class SandboxProcess: @unchecked Sendable {
    private(set) var process = Process()
    let dataDir: URL
    let certificate: (directory: String, cert: String, key: String)
    private let log = LogBuffer()
    private(set) var port = 0

    init(arguments: [String] = []) throws {
        certificate = try TestCertificates.makeTemporary()
        dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-e2e-\(UUID().uuidString)")
        try start(port: 0, arguments: arguments)
    }

    /// Starts the sandbox (again) and waits for its `listening` line.
    func start(port requested: Int, arguments: [String] = []) throws {
        _ = TestProcess.ignoreSigpipe
        process = Process()
        process.executableURL = try AgentProcess.binary()
        process.arguments = ["ica-sandbox", "--port", String(requested), "--tls-cert", certificate.cert, "--tls-key", certificate.key,
                             "--data-dir", dataDir.path] + arguments
        let output = Pipe()
        process.standardError = output
        process.standardOutput = output
        try process.run()
        let log = self.log
        let handle = output.fileHandleForReading
        Thread.detachNewThread {
            while true {
                let data = handle.availableData
                if data.isEmpty { return }
                log.append(data)
            }
        }
        let marker = "ica-sandbox listening port="
        let before = log.text.components(separatedBy: marker).count
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let parts = log.text.components(separatedBy: marker)
            if parts.count > before, let last = parts.last, let value = Int(last.prefix { $0.isNumber }) {
                port = value
                return
            }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.terminate()
        throw TestClientError.io("ica-sandbox did not start:\n\(log.text)")
    }

    var baseURL: String { "https://127.0.0.1:\(port)/api/v31" }
    var logText: String { log.text }

    /// One HTTPS call to the sandbox, trusting its certificate; the JSON object answered.
    @discardableResult
    func call(_ method: String, _ path: String, _ body: [String: Any]? = nil,
              headers: [(String, String)] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> (status: Int, json: [String: Any]) {
        let client = TestHTTPClient(stream: try TLSTestClient(port: port, caFile: certificate.cert))
        defer { client.stream.close() }
        var all = headers
        var bytes: [UInt8]?
        if let body {
            bytes = Array(try JSONSerialization.data(withJSONObject: body))
            all.append(("Content-Type", "application/json"))
        }
        let response = try client.request(method, path, headers: all + [("Connection", "close")], body: bytes ?? (method == "POST" ? [] : nil))
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        // Every answer is checked against the sandbox's own /openapi.json, as APIClient does for the agent.
        let found = try document().mismatches(method: method, path: path, status: response.status,
                                              contentType: response.header("Content-Type"), body: response.body)
        if !found.isEmpty {
            Issue.record(Comment(rawValue: "sandbox answer outside its /openapi.json: \(method) \(path) → \(response.status)\n  "
                                 + found.prefix(8).joined(separator: "\n  ")), sourceLocation: sourceLocation)
        }
        return (response.status, json)
    }

    private let cachedDocument = Mutex<OpenAPIResponses?>(nil)

    /// The sandbox's document, read once over HTTPS.
    private func document() throws -> OpenAPIResponses {
        if let cached = cachedDocument.withLock({ $0 }) { return cached }
        let client = TestHTTPClient(stream: try TLSTestClient(port: port, caFile: certificate.cert))
        defer { client.stream.close() }
        let response = try client.request("GET", "/openapi.json", headers: [("Connection", "close")])
        let document = OpenAPIResponses(document: try JSONTree.parse(response.body))
        cachedDocument.withLock { $0 = document }
        return document
    }

    func kill() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: dataDir)
        try? FileManager.default.removeItem(atPath: certificate.directory)
    }
}
