import Foundation

/// How the agent reaches the government side's Web Services interface.
public struct ICASettings: Sendable {
    /// `https://HOST/api/v31` (no trailing slash needed).
    public var baseURL: String
    public var username: String
    public var passwordFile: String
    /// PEM file of the CAs to trust; nil: the system's CA store.
    public var caFile: String?
    public var timeoutSeconds: Double
    /// At most this many requests (connections) at once.
    public var maxConnections: Int
    /// The sandbox's clock is the agent's clock (tests and integrators, never production).
    public var followSandboxClock: Bool

    public init(baseURL: String, username: String, passwordFile: String, caFile: String?, timeoutSeconds: Double,
                maxConnections: Int, followSandboxClock: Bool) {
        self.baseURL = baseURL
        self.username = username
        self.passwordFile = passwordFile
        self.caFile = caFile
        self.timeoutSeconds = timeoutSeconds
        self.maxConnections = maxConnections
        self.followSandboxClock = followSandboxClock
    }
}

/// Why the ICA connection cannot be set up; the service refuses to start.
public enum ICASetupError: Error, CustomStringConvertible, Equatable {
    case passwordFile(String)
    case baseURL(String)
    case tls(String)

    public var description: String {
        switch self {
        case .passwordFile(let why): return "ica_password_file: \(why)"
        case .baseURL(let why): return "ica_base_url: \(why)"
        case .tls(let why): return "ica TLS: \(why)"
        }
    }
}

/// The password for the ICA login, read from a file only its owner may read or write
/// (mode 0600 or narrower): a password in a world-readable file is refused, not used.
public enum ICAPasswordFile {
    public static func read(_ path: String) throws(ICASetupError) -> String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue else {
            throw .passwordFile("cannot read \(path)")
        }
        guard mode & 0o077 == 0 else {
            throw .passwordFile("\(path) has mode \(String(mode & 0o777, radix: 8)); it must be 0600 (readable by its owner only)")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw .passwordFile("cannot read \(path)") }
        // One line; a trailing newline (as editors write it) is not part of the password.
        var text = String(decoding: data, as: UTF8.self)
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        guard !text.isEmpty else { throw .passwordFile("\(path) is empty") }
        return text
    }
}
