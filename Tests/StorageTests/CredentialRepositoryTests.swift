import AgentCore
import Crypto
import Foundation
import Testing
@testable import Storage

/// Issue 7 (credentials) at the storage level: password history, API keys, TOTP secrets.
@Suite struct CredentialRepositoryTests {
    static func event(_ action: String) -> AuditEvent { IdentityRepositoryTests.event(action) }
    static let cipher: FieldCipher? = try? FieldCipher(keys: [1: [UInt8](repeating: 7, count: 32)], currentKeyID: 1)

    /// Every byte the database keeps on disk, main file and write-ahead log.
    static func bytesOnDisk(_ dir: TemporaryDirectory) -> [UInt8] {
        ["id.sqlite", "id.sqlite-wal"].flatMap { name in
            (try? Data(contentsOf: URL(fileURLWithPath: dir.file(name)))).map(Array.init) ?? []
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    @Test("ACC-1: the history keeps the current hash and the 5 before it, no more")
    func test_ACC1_passwordHistory() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let database = try await Database.open(path: dir.file("id.sqlite"))
        let repository = SQLiteIdentityRepository(database: database)
        var new = IdentityRepositoryTests.newUser("clerk", role: .agentUser, client: nil)
        new.passwordHash = "h0"
        let user = try await repository.createUser(new, audit: Self.event("user.create"))
        #expect(try await repository.recentPasswordHashes(user.id) == ["h0"])
        for n in 1...7 {
            _ = try await repository.updateUser(user.id, scope: .allClients, audit: Self.event("user.password_change")) {
                $0.newPasswordHash = "h\(n)"
                $0.expectedPasswordHash = "h\(n - 1)"
            }
        }
        #expect(try await repository.recentPasswordHashes(user.id) == ["h7", "h6", "h5", "h4", "h3", "h2"])
        let kept = try await database.read { try $0.scalar("SELECT count(*) FROM password_history")?.int64Value }
        #expect(kept == 5)
        // A change checked against a hash that is no longer current is refused, and nothing moves.
        await #expect(throws: RepositoryError.self) {
            _ = try await repository.updateUser(user.id, scope: .allClients, audit: Self.event("user.password_change")) {
                $0.newPasswordHash = "h8"
                $0.expectedPasswordHash = "h6"
            }
        }
        #expect(try await repository.recentPasswordHashes(user.id).first == "h7")
        #expect(try await repository.recentPasswordHashes(UserID("nobody")) == [])
        await database.close()
    }

    @Test("ACC-1: an API key acts as its user, is stored only as a hash, and dies with revocation or deactivation")
    func test_ACC1_apiKeys() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let database = try await Database.open(path: dir.file("id.sqlite"))
        let repository = SQLiteIdentityRepository(database: database)
        let acme = try await repository.createClient(IdentityRepositoryTests.profile("Acme", ein: "12-3456789"), audit: Self.event("client.create"))
        let bolt = try await repository.createClient(IdentityRepositoryTests.profile("Bolt", ein: "98-7654321"), audit: Self.event("client.create"))
        let clerk = try await repository.createUser(IdentityRepositoryTests.newUser("clerk", role: .clientUser, client: acme.id),
                                                    audit: Self.event("user.create"))
        let raw = "eak_" + SecureRandom.token()
        let hash = SHA256.hash(raw)
        let key = try await repository.createAPIKey(NewAPIKey(keyHash: hash, name: "payroll", userID: clerk.id, clientID: acme.id,
                                                              createdBy: nil), audit: Self.event("api_key.create"))
        let now = UTCTime.nowMilliseconds()
        let principal = try await repository.principal(tokenHash: hash, nowMs: now, curriculumVersion: "v1")
        #expect(principal?.userID == clerk.id)
        #expect(principal?.apiKeyID == key.id)
        #expect(principal?.clientID == acme.id)

        // A key's user must be a user of the key's client.
        await #expect(throws: ValidationFailure.self) {
            _ = try await repository.createAPIKey(NewAPIKey(keyHash: SHA256.hash("other"), name: "x", userID: clerk.id, clientID: bolt.id,
                                                            createdBy: nil), audit: Self.event("api_key.create"))
        }
        // Another client's key does not exist for that client's scope.
        #expect(try await repository.apiKey(key.id, scope: .client(bolt.id)) == nil)
        await #expect(throws: RepositoryError.notFound) {
            _ = try await repository.revokeAPIKey(key.id, scope: .client(bolt.id), audit: Self.event("api_key.revoke"))
        }
        #expect(try await repository.apiKeys(client: acme.id, scope: .client(bolt.id), limit: 10, after: nil).items.isEmpty)
        #expect(try await repository.apiKeys(client: acme.id, scope: .client(acme.id), limit: 10, after: nil).items.map(\.id) == [key.id])

        let revoked = try await repository.revokeAPIKey(key.id, scope: .client(acme.id), audit: Self.event("api_key.revoke"))
        #expect(revoked.revokedAt != nil)
        #expect(try await repository.principal(tokenHash: hash, nowMs: now, curriculumVersion: "v1") == nil)

        // Deactivating the user, or moving them to another client, kills their keys.
        for change in ["deactivate", "move"] {
            let other = SHA256.hash("eak_" + SecureRandom.token())
            let user = try await repository.createUser(IdentityRepositoryTests.newUser("u.\(change)", role: .clientUser, client: acme.id),
                                                       audit: Self.event("user.create"))
            let second = try await repository.createAPIKey(NewAPIKey(keyHash: other, name: change, userID: user.id, clientID: acme.id,
                                                                     createdBy: nil), audit: Self.event("api_key.create"))
            #expect(try await repository.principal(tokenHash: other, nowMs: now, curriculumVersion: "v1")?.apiKeyID == second.id)
            _ = try await repository.updateUser(user.id, scope: .allClients, audit: Self.event("user.update")) {
                if change == "deactivate" { $0.active = false } else { $0.clientID = bolt.id }
            }
            #expect(try await repository.principal(tokenHash: other, nowMs: now, curriculumVersion: "v1") == nil, "\(change)")
            #expect(try await repository.apiKey(second.id, scope: .allClients)?.revokedAt != nil, "\(change)")
        }
        #expect(try await IdentityRepositoryTests.chainIsIntact(database).intact)
        await database.close()
        #expect(!Self.contains(Self.bytesOnDisk(dir), Array(raw.utf8)), "the raw key is on disk")
        #expect(Self.contains(Self.bytesOnDisk(dir), hash), "the key's hash is not where expected")
    }

    @Test("ACC-1, SEC-1: a TOTP secret is sealed at rest, switched on by a confirmed code, and each step is used once")
    func test_ACC1_secondFactor() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let database = try await Database.open(path: dir.file("id.sqlite"))
        let repository = SQLiteIdentityRepository(database: database, cipher: Self.cipher)
        let user = try await repository.createUser(IdentityRepositoryTests.newUser("root", role: .agentAdmin, client: nil),
                                                   audit: Self.event("user.create"))
        let secret = Array("a secret of twenty b".utf8)
        await #expect(throws: SecondFactorError.notEnrolling) {
            _ = try await repository.confirmSecondFactor(user.id, audit: Self.event("user.totp_enable")) { _ in 1 }
        }
        try await repository.beginSecondFactorEnrollment(user.id, secret: secret, audit: Self.event("user.totp_enroll"))
        // Pending is not on: login does not ask for a code yet.
        #expect(try await repository.credentials(username: "root")?.totpSecret == nil)
        #expect(try await repository.confirmSecondFactor(user.id, audit: Self.event("user.totp_enable")) { _ in nil } == false)
        let confirmed = try await repository.confirmSecondFactor(user.id, audit: Self.event("user.totp_enable")) { opened in
            opened == secret ? 1000 : nil
        }
        #expect(confirmed)
        #expect(try await repository.credentials(username: "root")?.totpSecret == secret)
        await #expect(throws: SecondFactorError.alreadyEnabled) {
            try await repository.beginSecondFactorEnrollment(user.id, secret: secret, audit: Self.event("user.totp_enroll"))
        }

        let now = UTCTime.nowMilliseconds()
        func session(_ step: Int64) async throws {
            try await repository.createSession(tokenHash: SHA256.hash("t\(step)"), userID: user.id, usernameKey: "root", nowMs: now,
                                               expiresAtMs: now + 60_000, totpStep: step, audit: nil)
        }
        // The step that confirmed enrollment, or any earlier one, cannot sign in.
        await #expect(throws: SecondFactorError.codeReused) { try await session(1000) }
        await #expect(throws: SecondFactorError.codeReused) { try await session(999) }
        try await session(1001)
        await #expect(throws: SecondFactorError.codeReused) { try await session(1001) }
        #expect(try await repository.principal(tokenHash: SHA256.hash("t1001"), nowMs: now, curriculumVersion: "v1")?.totpEnabled == true)
        #expect(try await repository.principal(tokenHash: SHA256.hash("t1000"), nowMs: now, curriculumVersion: "v1") == nil)
        await database.close()
        #expect(!Self.contains(Self.bytesOnDisk(dir), secret), "the TOTP secret is on disk in the clear")

        // Without a key to seal with, TOTP is unavailable rather than stored in the clear.
        let reopened = try await Database.open(path: dir.file("id.sqlite"))
        let keyless = SQLiteIdentityRepository(database: reopened)
        await #expect(throws: SecondFactorError.unavailable) {
            try await keyless.beginSecondFactorEnrollment(user.id, secret: secret, audit: Self.event("user.totp_enroll"))
        }
        await #expect(throws: SecondFactorError.unavailable) { _ = try await keyless.credentials(username: "root") }
        await reopened.close()
    }
}
