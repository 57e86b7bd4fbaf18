import Crypto
import Foundation
import Storage

/// Opens what the service keeps on disk: the data directory, the field-encryption key
/// file and the database (applying pending migrations). `serve` and `migrate` share it.
public struct StorageSetup: Sendable {
    public let database: Database
    public let fieldCipher: FieldCipher
    /// Keys the SSN blind index. Derived from the first key of the file, which rotation
    /// never removes, so the index stays stable while encryption keys change.
    public let blindIndexKey: [UInt8]
    /// Files of the data directory whose modes were wider than allowed and were narrowed
    /// at this open; the caller logs them.
    public let narrowedModes: [DataDirectory.NarrowedMode]
    /// The field-key file the cipher was loaded from (a key rotation appends to it).
    public var fieldKeyPath: String = ""

    public static func open(_ configuration: AgentConfiguration) async throws -> StorageSetup {
        let directory = try DataDirectory(path: configuration.dataDir)
        // A key kept outside the data directory is the operator's to provide: never invent one.
        let keyPath = configuration.fieldKeyPath ?? directory.fieldKeyPath
        _ = try FieldKeyFile.loadOrCreate(at: keyPath, createIfMissing: configuration.fieldKeyPath == nil)
        let keys = try FieldKeyFile.loadAll(at: keyPath)
        guard let current = keys.last, let first = keys.first else { throw StorageSetupError.noKey(keyPath) }
        let blindIndexKey = HMAC.sha256(key: first.bytes, data: Array("employer-agent ssn blind index v1".utf8))
        let cipher = try FieldCipher(keys: Dictionary(keys.map { ($0.id, $0.bytes) }, uniquingKeysWith: { $1 }), currentKeyID: current.id)
        var narrowed = try directory.secure()
        let database = try await Database.open(path: directory.databasePath)
        // Again once SQLite made its -wal and -shm files, which were perhaps left wide.
        do { narrowed += try directory.secure() } catch {
            await database.close()
            throw error
        }
        var setup = StorageSetup(database: database, fieldCipher: cipher, blindIndexKey: blindIndexKey, narrowedModes: narrowed)
        setup.fieldKeyPath = keyPath
        return setup
    }
}

public enum StorageSetupError: Error, CustomStringConvertible {
    case noKey(String)
    public var description: String {
        switch self {
        case .noKey(let path): return "the key file \(path) holds no key"
        }
    }
}
