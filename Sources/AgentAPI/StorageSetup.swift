import Crypto
import Foundation
import Storage

/// Opens what the service keeps on disk: the data directory, the field-encryption key
/// file and the database (applying pending migrations). `serve` and `migrate` share it.
public struct StorageSetup: Sendable {
    public let database: Database
    public let fieldCipher: FieldCipher

    public static func open(_ configuration: AgentConfiguration) async throws -> StorageSetup {
        let directory = try DataDirectory(path: configuration.dataDir)
        // A key kept outside the data directory is the operator's to provide: never invent one.
        let keyPath = configuration.fieldKeyPath ?? directory.fieldKeyPath
        _ = try FieldKeyFile.loadOrCreate(at: keyPath, createIfMissing: configuration.fieldKeyPath == nil)
        let keys = try FieldKeyFile.loadAll(at: keyPath)
        guard let current = keys.last else { throw StorageSetupError.noKey(keyPath) }
        let cipher = try FieldCipher(keys: Dictionary(keys.map { ($0.id, $0.bytes) }, uniquingKeysWith: { $1 }), currentKeyID: current.id)
        let database = try await Database.open(path: directory.databasePath)
        return StorageSetup(database: database, fieldCipher: cipher)
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
