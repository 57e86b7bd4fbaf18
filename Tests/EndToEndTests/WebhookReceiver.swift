import Foundation
import Glibc
import TestSupport

/// `scripts/webhook-receiver.py` as a child process on loopback: it checks every
/// signature with Python's own hmac and base64, and answers as the test tells it.
final class WebhookReceiver: @unchecked Sendable {
    let process = Process()
    let port: Int

    init() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("scripts/webhook-receiver.py").path, "--port", "0"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // The first line names the port; the script flushes it once bound.
        var line = Data()
        let handle = output.fileHandleForReading
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("listening "), let port = Int(text.dropFirst("listening ".count).prefix { $0.isNumber }) else {
            process.terminate()
            throw TestClientError.io("webhook receiver did not start: \(text)")
        }
        self.port = port
    }

    var url: String { "http://127.0.0.1:\(port)/hook" }

    @discardableResult
    func control(_ change: [String: Any]) throws -> TestResponse {
        let client = try TestHTTPClient(port: port)
        return try client.request("POST", "/_control", headers: [("Content-Type", "application/json")],
                                  body: Array(try JSONSerialization.data(withJSONObject: change)))
    }

    /// Every delivery seen so far.
    func log() throws -> [[String: Any]] {
        let response = try TestHTTPClient(port: port).request("GET", "/_log")
        return (try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]]) ?? []
    }

    func delivered() throws -> Int {
        let response = try TestHTTPClient(port: port).request("GET", "/_count")
        return ((try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])?["delivered"] as? Int) ?? 0
    }

    /// Polls the log until `done` holds for it (or `seconds` pass); returns the last log read.
    func waitFor(seconds: Double, _ done: ([[String: Any]]) -> Bool) throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(seconds)
        var entries = try log()
        while !done(entries) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            entries = try log()
        }
        return entries
    }

    func stop() {
        // SIGKILL, not SIGTERM: a child spawned from a runtime thread may inherit a mask
        // that blocks SIGTERM, and a test fixture has nothing to clean up.
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
    }

    deinit { stop() }
}
