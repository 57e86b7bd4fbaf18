import Foundation
import Glibc
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

    init() throws {
        certificate = try TestCertificates.makeTemporary()
        dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-e2e-\(UUID().uuidString)")
        try start(port: 0)
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
              headers: [(String, String)] = []) throws -> (status: Int, json: [String: Any]) {
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
        return (response.status, json)
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
