import Foundation
import Glibc

/// The agent's data directory: created on first use with mode 0700 (it holds the
/// database and, by default, the field key), and the conventional paths inside it.
public struct DataDirectory: Sendable {
    public let path: String

    /// Creates `path` (and missing parents) with mode 0700 when it does not exist.
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
    /// The database and the files SQLite keeps beside it (write-ahead log, shared memory).
    public var databaseFiles: [String] { [databasePath, databasePath + "-wal", databasePath + "-shm"] }

    /// A mode found wider than allowed and narrowed, for the start-up log (a path and two
    /// modes: nothing personal).
    public struct NarrowedMode: Sendable, CustomStringConvertible {
        public let path: String
        public let from: mode_t
        public let to: mode_t
        public var description: String { "\(path): \(String(from, radix: 8)) -> \(String(to, radix: 8))" }
    }

    /// Holds the directory to 0700 and the database files to 0600: they hold personal data
    /// (sealed, but with the key beside them unless `field_key_path` is set), so no other
    /// local user may read them. Wider modes (a restored backup, a hand-made directory)
    /// are narrowed and returned. Creates the database file 0600 when it is missing, since
    /// SQLite gives its -wal and -shm files the database file's mode.
    public func secure() throws -> [NarrowedMode] {
        let fd = open(databasePath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 { close(fd) } else if errno != EEXIST { throw DataDirectoryError.io(path: databasePath, operation: "create", errno: errno) }
        var narrowed: [NarrowedMode] = []
        for (file, allowed) in [(path, mode_t(0o700))] + databaseFiles.map({ ($0, mode_t(0o600)) }) {
            var info = stat()
            guard stat(file, &info) == 0 else {
                if errno == ENOENT { continue }
                throw DataDirectoryError.io(path: file, operation: "stat", errno: errno)
            }
            let mode = info.st_mode & 0o777
            guard mode & ~allowed != 0 else { continue }
            let target = mode & allowed
            guard chmod(file, target) == 0 else { throw DataDirectoryError.io(path: file, operation: "chmod", errno: errno) }
            narrowed.append(NarrowedMode(path: file, from: mode, to: target))
        }
        return narrowed
    }
}

/// A file-system call on the data directory failed.
public enum DataDirectoryError: Error, CustomStringConvertible {
    case io(path: String, operation: String, errno: Int32)

    public var description: String {
        switch self {
        case let .io(path, operation, code): return "\(operation) \(path) failed: \(String(cString: strerror(code)))"
        }
    }
}
