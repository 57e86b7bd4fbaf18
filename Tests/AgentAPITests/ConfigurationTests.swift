import Foundation
import Testing
import HTTPCore
@testable import AgentAPI

@Suite struct ConfigurationTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func compiledDefaultsMatchConfigDefaultJSON() throws {
        let file = try Data(contentsOf: Self.repoRoot.appendingPathComponent("Config/default.json"))
        let onDisk = try JSONSerialization.jsonObject(with: file) as? NSDictionary
        let compiled = try JSONSerialization.jsonObject(with: Data(ConfigDefaults.json.utf8)) as? NSDictionary
        #expect(onDisk != nil)
        #expect(onDisk == compiled)
    }

    @Test func everyKeyIsDocumented() throws {
        let readme = try String(contentsOf: Self.repoRoot.appendingPathComponent("Config/README.md"), encoding: .utf8)
        let defaults = try #require(try JSONSerialization.jsonObject(with: Data(ConfigDefaults.json.utf8)) as? [String: Any])
        for key in defaults.keys {
            #expect(readme.contains("| `\(key)` |"), "Config/README.md does not document \(key)")
        }
    }

    @Test func defaultsDecode() throws {
        let config = try AgentConfiguration.defaults()
        #expect(config.httpPort == 8080)
        #expect(config.httpsPort == nil)
        #expect(config.maxJsonBodyBytes == 1 << 20)
        #expect(config.serverConfiguration.parserLimits.maxBodyBytes == 10 << 20)
    }

    @Test func layersOverrideInOrder() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("agent-config-\(UUID()).json")
        try Data(#"{"http_port": 9000, "data_dir": "/from/file", "access_log": false}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let config = try AgentConfiguration.load(
            file: file.path,
            environment: ["AGENT_DATA_DIR": "/from/env", "AGENT_MAX_CONNECTIONS": "42", "AGENT_LOG_LEVEL": "debug", "UNRELATED": "x"],
            overrides: ["data_dir": "/from/flag"])
        #expect(config.httpPort == 9000)
        #expect(config.accessLog == false)
        #expect(config.maxConnections == 42)
        #expect(config.logLevel == "debug")
        #expect(config.dataDir == "/from/flag")
    }

    @Test func unknownKeyInFileIsRefused() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("agent-config-\(UUID()).json")
        try Data(#"{"http_prot": 9000}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: ConfigurationError.unknownKey("http_prot", source: file.path)) {
            try AgentConfiguration.load(file: file.path, environment: [:], overrides: [:])
        }
    }

    @Test func invalidValuesAreRefused() {
        #expect(throws: ConfigurationError.self) {
            try AgentConfiguration.load(file: nil, environment: ["AGENT_HTTP_PORT": "70000"], overrides: [:])
        }
        #expect(throws: ConfigurationError.self) {
            try AgentConfiguration.load(file: nil, environment: ["AGENT_MAX_CONNECTIONS": "lots"], overrides: [:])
        }
        #expect(throws: ConfigurationError.self) {
            try AgentConfiguration.load(file: nil, environment: [:], overrides: ["https_port": 8443])
        }
        #expect(throws: ConfigurationError.self) {
            try AgentConfiguration.load(file: nil, environment: ["AGENT_LOG_LEVEL": "loud"], overrides: [:])
        }
    }

    @Test func logFormatDefaultsToJSONOnlyForServeWithoutATerminal() throws {
        let defaults = try AgentConfiguration.defaults()
        #expect(defaults.logFormat == nil)
        #expect(defaults.logFormat(serving: true, standardOutputIsTerminal: false) == .json)
        #expect(defaults.logFormat(serving: true, standardOutputIsTerminal: true) == .text)
        #expect(defaults.logFormat(serving: false, standardOutputIsTerminal: false) == .text)
        let chosen = try AgentConfiguration.load(file: nil, environment: ["AGENT_LOG_FORMAT": "text"], overrides: [:])
        #expect(chosen.logFormat(serving: true, standardOutputIsTerminal: false) == .text)
        let json = try AgentConfiguration.load(file: nil, environment: ["AGENT_LOG_FORMAT": "json"], overrides: [:])
        #expect(json.logFormat(serving: false, standardOutputIsTerminal: true) == .json)
        #expect(throws: ConfigurationError.self) {
            try AgentConfiguration.load(file: nil, environment: ["AGENT_LOG_FORMAT": "xml"], overrides: [:])
        }
    }
}
