import Foundation
import Glibc
import Testing
import TestSupport

/// The real `employer-agent` binary, started as a child process on free ports, the way
/// an operator runs it. Its log (stderr) is kept for the test to read.
final class AgentProcess: @unchecked Sendable {
    let process = Process()
    let dataDir: URL
    private let output = Pipe()
    private let log = LogBuffer()
    private(set) var httpPort: Int?
    private(set) var httpsPort: Int?
    /// The port serving `/metrics`; nil when metrics are off.
    private(set) var metricsPort: Int?

    /// The binary next to the test runner (`swift build --build-tests` builds both).
    static func binary() throws -> URL {
        var directories: [URL] = []
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        directories.append(root.appendingPathComponent(".build/debug"))
        for directory in directories {
            let candidate = directory.appendingPathComponent("employer-agent")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw TestClientError.io("employer-agent binary not found next to the tests; run `swift build --build-tests` first")
    }

    /// Starts `employer-agent serve` with a fresh data directory and waits for its
    /// `listening` line.
    init(arguments: [String] = ["--http-port", "0"], environment: [String: String] = [:], dataDir: URL? = nil) throws {
        _ = TestProcess.ignoreSigpipe
        self.dataDir = dataDir ?? FileManager.default.temporaryDirectory.appendingPathComponent("agent-e2e-\(UUID().uuidString)")
        process.executableURL = try Self.binary()
        process.arguments = ["serve", "--data-dir", self.dataDir.path] + arguments
        var env = ProcessInfo.processInfo.environment
        env["AGENT_HOST"] = "127.0.0.1"
        // The production scrypt cost (128 MiB, a noticeable fraction of a second per hash)
        // would slow every start; tests that care about the cost set it themselves.
        env["AGENT_PASSWORD_HASH_LOG_N"] = "10"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardError = output
        process.standardOutput = output
        try process.run()
        // A plain thread blocked in read(2) until the child's end closes, rather than a
        // readabilityHandler: that puts the pipe in libdispatch's epoll set, and the test
        // process once crashed inside libdispatch's event loop while servers were stopping.
        // The thread holds the handle, so the descriptor stays open until EOF.
        let log = self.log
        let handle = output.fileHandleForReading
        Thread.detachNewThread {
            while true {
                let data = handle.availableData
                if data.isEmpty { return }
                log.append(data)
            }
        }
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let line = log.text.split(separator: "\n").first(where: { $0.contains("listening http=") }) {
                httpPort = Self.port(named: "http", in: String(line))
                httpsPort = Self.port(named: "https", in: String(line))
                metricsPort = Self.port(named: "metrics", in: String(line))
                return
            }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.terminate()
        throw TestClientError.io("employer-agent did not start:\n\(log.text)")
    }

    private static func port(named name: String, in line: String) -> Int? {
        guard let range = line.range(of: " \(name)=") else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }

    var logText: String { log.text }

    /// Waits (up to `seconds`) for `text` in the log: the server writes its log from a
    /// buffer at least once a second, so a line shows up a little after its event.
    @discardableResult
    func waitForLog(_ text: String, seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !logText.contains(text) {
            if Date() >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return true
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for exit (up to `seconds`) and returns the status, or nil if still running.
    func waitForExit(seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        return process.isRunning ? nil : process.terminationStatus
    }

    func stop() {
        if process.isRunning {
            signal(SIGTERM)
            if waitForExit(seconds: 10) == nil { signal(SIGKILL); _ = waitForExit(seconds: 5) }
        }
    }

    deinit { stop() }
}

/// Log bytes gathered from the child's pipe on another thread.
final class LogBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func append(_ more: Data) { lock.lock(); data.append(more); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: data, as: UTF8.self) }
}
