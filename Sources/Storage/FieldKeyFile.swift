import Crypto
import Foundation

/// One field-encryption key and its ID (stored beside each ciphertext so keys can rotate).
public struct FieldKey: Sendable, Equatable {
    public let id: UInt8
    public let bytes: [UInt8]

    public init(id: UInt8, bytes: [UInt8]) {
        self.id = id
        self.bytes = bytes
    }
}

/// Why a field-key file could not be used.
public enum FieldKeyFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No key file, and creating one was not allowed (a configured key path).
    case missing(path: String)
    /// Group or others may read or write the key file.
    case permissionsTooOpen(path: String, mode: UInt16)
    /// A line is not `ID:BASE64` with an ID of 1...255 and a 32-byte key, or IDs repeat.
    case malformed(path: String, line: Int)
    case empty(path: String)
    /// A system call failed (errno).
    case io(path: String, operation: String, errno: Int32)

    public var description: String {
        switch self {
        case .missing(let path):
            return "field-encryption key file \(path) does not exist"
        case .permissionsTooOpen(let path, let mode):
            return "field-encryption key file \(path) has mode \(String(mode, radix: 8)); "
                + "it must not be accessible to group or others (chmod 600 \(path))"
        case .malformed(let path, let line):
            return "field-encryption key file \(path), line \(line): expected ID:BASE64 of a 32-byte key"
        case .empty(let path):
            return "field-encryption key file \(path) holds no key"
        case .io(let path, let operation, let code):
            return "field-encryption key file \(path): \(operation) failed: \(String(cString: strerror(code)))"
        }
    }
}

/// The file holding the AES-256 keys for PII columns: one `ID:BASE64` line per key ID,
/// the last line being the current key (older lines stay to decrypt older rows).
///
/// Created with mode 0600 atomically (written to a temporary file, fsynced, then linked
/// into place, so two processes starting together never clobber each other's key).
/// Loading refuses a file that group or others can access.
public enum FieldKeyFile {
    public static let keyLength = 32

    /// The current key, creating a file with a fresh random key (ID 1) when none exists
    /// and `createIfMissing` allows it.
    public static func loadOrCreate(at path: String, createIfMissing: Bool) throws -> (keyID: UInt8, key: [UInt8]) {
        if !FileManager.default.fileExists(atPath: path) {
            guard createIfMissing else { throw FieldKeyFileError.missing(path: path) }
            try create(at: path)
        }
        let keys = try loadAll(at: path)
        guard let current = keys.last else { throw FieldKeyFileError.empty(path: path) }
        return (current.id, current.bytes)
    }

    /// Every key in file order; the last is current.
    public static func loadAll(at path: String) throws -> [FieldKey] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { throw FieldKeyFileError.missing(path: path) }
            throw FieldKeyFileError.io(path: path, operation: "stat", errno: errno)
        }
        let mode = UInt16(info.st_mode & 0o777)
        guard mode & 0o077 == 0 else { throw FieldKeyFileError.permissionsTooOpen(path: path, mode: mode) }

        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else {
            throw FieldKeyFileError.io(path: path, operation: "read", errno: errno)
        }
        var keys: [FieldKey] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let id = UInt8(parts[0]), id > 0,
                  let bytes = Data(base64Encoded: String(parts[1])), bytes.count == keyLength,
                  !keys.contains(where: { $0.id == id }) else {
                throw FieldKeyFileError.malformed(path: path, line: offset + 1)
            }
            keys.append(FieldKey(id: id, bytes: Array(bytes)))
        }
        guard !keys.isEmpty else { throw FieldKeyFileError.empty(path: path) }
        return keys
    }

    /// Writes a new file holding one random key with ID 1. If another process created the
    /// file meanwhile, that file wins and is left untouched.
    static func create(at path: String) throws {
        let key = try randomBytes(count: keyLength)
        let contents = Array("1:\(Data(key).base64EncodedString())\n".utf8)
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FieldKeyFileError.io(path: temporary, operation: "open", errno: errno) }
        defer { unlink(temporary) }  // after link() succeeds the key lives on under `path`
        do {
            defer { close(fd) }
            // The umask can only remove bits, but be explicit about what the file must be.
            guard fchmod(fd, 0o600) == 0 else { throw FieldKeyFileError.io(path: temporary, operation: "fchmod", errno: errno) }
            try writeAll(fd, contents, path: temporary)
            guard fsync(fd) == 0 else { throw FieldKeyFileError.io(path: temporary, operation: "fsync", errno: errno) }
        }
        // link() fails with EEXIST instead of replacing, unlike rename().
        if link(temporary, path) != 0 {
            if errno == EEXIST { return }
            throw FieldKeyFileError.io(path: path, operation: "link", errno: errno)
        }
        syncDirectory(of: path)
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress.map { $0 + written }, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FieldKeyFileError.io(path: path, operation: "write", errno: errno)
            }
            written += n
        }
    }

    /// Makes the new directory entry durable; without it a crash could lose the key file
    /// after rows were already encrypted with it.
    static func syncDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// Key material from OpenSSL's CSPRNG (seeded by the kernel).
    static func randomBytes(count: Int) throws -> [UInt8] {
        try SecureRandom.checkedBytes(count)
    }
}
