import ArgumentParser

/// The `employer-agent` command. Only the entry point lives here: callbacks handed to C
/// must be defined elsewhere (a closure written at top level is MainActor-isolated).
@main
struct EmployerAgent: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "employer-agent",
        abstract: "Web Services E-Verify employer agent: an HTTP/JSON service for client employers.",
        subcommands: [Serve.self, Migrate.self, CreateAdmin.self, DevCert.self, ICASandbox.self, RotateFieldKey.self, ConfigCommand.self])
}
