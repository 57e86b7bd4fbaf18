import ArgumentParser

@main
struct EmployerAgent: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "employer-agent", abstract: "E-Verify Web Services employer agent.")
}
