import AgentCore
import Storage

/// Creates the first agent admin from the command line (no HTTP, no login yet).
public enum Bootstrap {
    /// Creates an AGENT_ADMIN who is not forced to change the password, and optionally
    /// records their knowledge-test score (TRN-1) on the current curriculum.
    public static func createAdmin(configuration: AgentConfiguration, username: String, fullName: String, password: String,
                                   trainingScore: Int?) async throws -> User {
        var issues = IssueCollector()
        UserRules.checkUsername(username, into: &issues)
        UserRules.checkFullName(fullName, into: &issues)
        UserRules.checkPassword(password, username: username, into: &issues)
        if let trainingScore, !(0...100).contains(trainingScore) {
            issues.add("training_score", FieldIssue.outOfRange, "The training score is a percentage, 0 to 100.")
        }
        try issues.check()
        let storage = try await StorageSetup.open(configuration)
        do {
            let repository = SQLiteIdentityRepository(database: storage.database, cipher: storage.fieldCipher)
            let hash = try configuration.passwordHasher().hash(password)
            let audit = AuditEvent(actor: .system, clientID: nil, action: "user.create", objectType: "user", objectID: nil,
                                   sourceIP: nil, requestID: "create-admin")
            let user = try await repository.createUser(
                NewUser(username: username, fullName: fullName, email: nil, role: .agentAdmin, clientID: nil, passwordHash: hash,
                        mustChangePassword: false), audit: audit)
            if let trainingScore {
                let record = NewTrainingRecord(userID: user.id, takenOn: IdentityAPI.today(), scorePercent: trainingScore,
                                               passed: TrainingRules.passes(scorePercent: trainingScore),
                                               curriculumVersion: configuration.curriculumVersion, source: .external,
                                               note: "recorded by create-admin", recordedBy: nil)
                _ = try await repository.addTrainingRecord(record, scope: .allClients,
                                                           audit: AuditEvent(actor: .system, clientID: nil, action: "training.record",
                                                                             objectType: "training_record", objectID: nil,
                                                                             sourceIP: nil, requestID: "create-admin"))
            }
            await storage.database.close()
            return user
        } catch {
            await storage.database.close()
            throw error
        }
    }
}
