import AgentAPI
import ArgumentParser

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the data directory, key file and database if needed, and apply pending migrations.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let configuration = try options.load()
        let logger = Log.make(level: configuration.logLevel,
                              format: configuration.logFormat(serving: false, standardOutputIsTerminal: Log.standardOutputIsTerminal),
                              buffered: false).logger
        do {
            let storage = try await StorageSetup.open(configuration)
            for narrowed in storage.narrowedModes { logger.warning("data directory permissions were too wide, narrowed \(narrowed)") }
            let applied = storage.database.appliedMigrations
            logger.info("migrate: \(applied.isEmpty ? "schema up to date" : "applied " + applied.map { "\($0.version)_\($0.name)" }.joined(separator: ", "))")
            await storage.database.close()
        } catch {
            logger.critical("migrate failed: \(error)")
            throw ExitCode.failure
        }
    }
}
