import AgentAPI
import AgentCore
import ArgumentParser
import Foundation

struct CreateAdmin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-admin",
        abstract: "Create an agent admin non-interactively (password read from standard input).")

    @OptionGroup var options: ConfigOptions

    @Option(help: "Login name (3–64 letters, digits, . _ - @). (required)")
    var username: String

    @Option(name: .customLong("full-name"), help: "The person's full name. (required)")
    var fullName: String

    @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input (one trailing newline is dropped). (required; default: off)")
    var passwordStdin = false

    @Option(name: .customLong("training-score"), help: "Record this knowledge-test score (percent) on the current curriculum. (default: none recorded)")
    var trainingScore: Int?

    func validate() throws {
        if !passwordStdin { throw ValidationError("--password-stdin is required: passwords are never taken as arguments.") }
    }

    func run() async throws {
        let configuration = try options.load()
        let input = FileHandle.standardInput.readDataToEndOfFile()
        var password = String(decoding: input, as: UTF8.self)
        if password.hasSuffix("\r\n") { password.removeLast(2) } else if password.hasSuffix("\n") { password.removeLast() }
        do {
            let user = try await Bootstrap.createAdmin(configuration: configuration, username: username, fullName: fullName,
                                                      password: password, trainingScore: trainingScore)
            print("created AGENT_ADMIN \(user.username) (id \(user.id.rawValue))")
        } catch let failure as ValidationFailure {
            throw ValidationError(failure.issues.map { "\($0.field): \($0.message)" }.joined(separator: "\n"))
        } catch RepositoryError.conflict(_, let message) {
            throw ValidationError(message)
        }
    }
}
