import AgentAPI
import ArgumentParser
import Storage

struct RotateFieldKey: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-field-key",
        abstract: "Add a new field-encryption key and re-seal every sealed value under it (resumable; run with the service stopped).")

    @OptionGroup var options: ConfigOptions

    @Option(name: .customLong("batch-size"), help: "Values re-sealed per transaction.")
    var batchSize: Int = 200

    func run() async throws {
        let configuration = try options.load()
        let logger = Log.make(level: configuration.logLevel,
                              format: configuration.logFormat(serving: false, standardOutputIsTerminal: Log.standardOutputIsTerminal),
                              buffered: false).logger
        do {
            let storage = try await StorageSetup.open(configuration)
            let rotation = FieldKeyRotation(database: storage.database, keyPath: storage.fieldKeyPath, batchSize: max(1, batchSize))
            let outcome = try await rotation.run { logger.info("rotate-field-key: \($0) values re-sealed so far") }
            logger.info("rotate-field-key: key \(outcome.fromKeyID) -> \(outcome.toKeyID), \(outcome.resealed) values re-sealed\(outcome.resumed ? " (an interrupted rotation was finished)" : "")")
            await storage.database.close()
        } catch {
            logger.critical("rotate-field-key failed: \(error)")
            throw ExitCode.failure
        }
    }
}
