import Foundation
import Glibc

extension FieldKeyFile {
    /// Adds `key` as the new current key (the last line), replacing the file atomically:
    /// the whole new file is written beside it with mode 0600, synced, and renamed over
    /// it, so a crash leaves either the old file or the new one, never half a line.
    public static func append(_ key: FieldKey, at path: String) throws {
        guard let existing = FileManager.default.contents(atPath: path) else {
            throw FieldKeyFileError.io(path: path, operation: "read", errno: errno)
        }
        var contents = Array(existing)
        if let last = contents.last, last != UInt8(ascii: "\n") { contents.append(UInt8(ascii: "\n")) }
        contents += Array("\(key.id):\(Data(key.bytes).base64EncodedString())\n".utf8)
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FieldKeyFileError.io(path: temporary, operation: "open", errno: errno) }
        do {
            defer { close(fd) }
            guard fchmod(fd, 0o600) == 0 else { throw FieldKeyFileError.io(path: temporary, operation: "fchmod", errno: errno) }
            try writeAll(fd, contents, path: temporary)
            guard fsync(fd) == 0 else { throw FieldKeyFileError.io(path: temporary, operation: "fsync", errno: errno) }
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw FieldKeyFileError.io(path: path, operation: "rename", errno: errno)
        }
        syncDirectory(of: path)
    }
}
