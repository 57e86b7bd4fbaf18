import Foundation

/// The agent's data directory: created on first use with mode 0700 (it holds the
/// database and the field key), and the conventional paths inside it.
public struct DataDirectory: Sendable {
    public let path: String

    /// Creates `path` (and missing parents) with mode 0700 when it does not exist. An
    /// existing directory is used as is: its permissions are the operator's choice.
    public init(path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: path])
            }
        } else {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        }
        self.path = path
    }

    /// The SQLite database file.
    public var databasePath: String { (path as NSString).appendingPathComponent("agent.sqlite") }
    /// The default field-encryption key file.
    public var fieldKeyPath: String { (path as NSString).appendingPathComponent("field.key") }
}
