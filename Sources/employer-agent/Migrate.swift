import AgentAPI
import ArgumentParser

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create the database if needed and apply pending migrations.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let configuration = try options.load()
        let logger = Log.make(level: configuration.logLevel)
        logger.info("migrate: storage arrives with the storage foundation")
    }
}
