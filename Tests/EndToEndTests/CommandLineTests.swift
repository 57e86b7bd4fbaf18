import Foundation
import Testing
import TestSupport

/// The command line as an operator meets it: help that gives every default, and
/// `config check` that validates a configuration without starting anything.
@Suite struct CommandLineTests {
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try AgentProcess.binary()
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("AGENT_") { env.removeValue(forKey: key) }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    /// The option entries of a help text's OPTIONS section, continuation lines joined.
    static func options(inHelp help: String) -> [String] {
        guard let start = help.range(of: "OPTIONS:") else { return [] }
        var entries: [String] = []
        for line in help[start.upperBound...].split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            // An entry starts at the first indent; wrapped text (which may start with "--") is deeper.
            if line.hasPrefix("  -") {
                entries.append(trimmed)
            } else if !trimmed.isEmpty, !entries.isEmpty, line.hasPrefix("  ") {
                entries[entries.count - 1] += " " + trimmed
            } else if !line.hasPrefix(" ") {
                break
            }
        }
        return entries
    }

    @Test("--help of the command and of every subcommand gives each option's default")
    func helpListsDefaults() throws {
        let top = try Self.run(["--help"])
        #expect(top.status == 0)
        for name in ["serve", "migrate", "create-admin", "dev-cert", "config"] { #expect(top.output.contains(name), "\(name) missing") }
        for command in [["serve"], ["migrate"], ["create-admin"], ["dev-cert"], ["config", "check"]] {
            let help = try Self.run(command + ["--help"])
            #expect(help.status == 0)
            let entries = Self.options(inHelp: help.output)
            #expect(!entries.isEmpty, "\(command) has no options section")
            for entry in entries where !entry.hasPrefix("-h, --help") && !entry.hasPrefix("--version") {
                #expect(entry.contains("default") || entry.contains("required"), "\(command.joined(separator: " ")): \(entry)")
            }
        }
        let serve = try Self.run(["serve", "--help"]).output
        #expect(serve.contains("http_port; default: 8080"))
        #expect(serve.contains("data_dir; default: \"./data\""))
    }

    @Test("config check prints the effective values and refuses an invalid file")
    func configCheck() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("agent-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("good.json")
        try Data(#"{"http_port": 9090, "log_level": "warning"}"#.utf8).write(to: good)
        let checked = try Self.run(["config", "check", "--config", good.path], environment: ["AGENT_MAX_CONNECTIONS": "123"])
        #expect(checked.status == 0, "\(checked.output)")
        #expect(checked.output.contains("http_port = 9090"))
        #expect(checked.output.contains("log_level = \"warning\""))
        #expect(checked.output.contains("max_connections = 123"))
        #expect(checked.output.contains("metrics_enabled = true"))
        #expect(checked.output.contains("tls_cert = null"))
        #expect(checked.output.contains("configuration is valid"))

        let bad = folder.appendingPathComponent("bad.json")
        try Data(#"{"http_port": 70000}"#.utf8).write(to: bad)
        let refused = try Self.run(["config", "check", "--config", bad.path])
        #expect(refused.status == 1)
        #expect(refused.output.contains("http_port must be 0–65535"))

        let unknown = folder.appendingPathComponent("unknown.json")
        try Data(#"{"http_prot": 8080}"#.utf8).write(to: unknown)
        let typo = try Self.run(["config", "check", "--config", unknown.path])
        #expect(typo.status == 1)
        #expect(typo.output.contains("unknown configuration key 'http_prot'"))

        let missingCert = try Self.run(["config", "check"], environment: ["AGENT_HTTPS_PORT": "8443", "AGENT_TLS_CERT": "/nonexistent/cert.pem",
                                                                          "AGENT_TLS_KEY": "/nonexistent/key.pem"])
        #expect(missingCert.status == 1)
        #expect(missingCert.output.contains("tls_cert: cannot read /nonexistent/cert.pem"))
    }
}
