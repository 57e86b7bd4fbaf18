import AgentAPI
import ArgumentParser
import Foundation

/// `employer-agent config …`: look at the configuration without starting anything.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Inspect the configuration.",
        subcommands: [ConfigCheck.self])
}

/// Validates the configuration the service would run with (defaults, file, `AGENT_*`
/// variables) and prints every effective value, secrets masked. Exits 1 when invalid.
struct ConfigCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a configuration and print the effective values (secrets masked); exit 1 when invalid.")

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let configuration: AgentConfiguration
        do {
            configuration = try options.load()
        } catch let error as ValidationError {
            FileHandle.standardError.write(Data("config check: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
        var problems: [String] = []
        for (key, path) in [("tls_cert", configuration.tlsCert), ("tls_key", configuration.tlsKey),
                            ("webhook_ca_file", configuration.webhookCaFile)] {
            if let path, !FileManager.default.isReadableFile(atPath: path) { problems.append("\(key): cannot read \(path)") }
        }
        print("# effective configuration (\(options.config.map { "defaults ← \($0)" } ?? "built-in defaults") ← AGENT_* ← flags)")
        for (key, value) in ConfigHelp.values(of: configuration) {
            print("\(key) = \(ConfigHelp.isSecret(key) && value != "null" ? "\"********\"" : value)")
        }
        if !problems.isEmpty {
            for problem in problems { FileHandle.standardError.write(Data("config check: \(problem)\n".utf8)) }
            throw ExitCode.failure
        }
        print("# configuration is valid")
    }
}
