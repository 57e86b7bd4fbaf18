import AgentAPI
import Foundation

/// The built-in configuration as text, for help lines ("default: …") and `config check`.
enum ConfigHelp {
    /// Every key of the effective configuration with its value as JSON text, sorted.
    static func values(of configuration: AgentConfiguration) -> [(key: String, value: String)] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(configuration),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
        // Optional keys left nil are not encoded: they are listed as null.
        var all = object
        for key in defaultKeys where all[key] == nil { all[key] = NSNull() }
        return all.keys.sorted().map { key in (key, text(all[key] ?? NSNull())) }
    }

    static func text(_ value: Any) -> String {
        if value is NSNull { return "null" }
        if let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .withoutEscapingSlashes]),
           let text = String(data: data, encoding: .utf8) { return text }
        return "\(value)"
    }

    /// The keys of `Config/default.json` (compiled in).
    static let defaultKeys: [String] = {
        guard let data = AgentConfiguration.defaultsJSON.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
        return object.keys.sorted()
    }()

    private static let defaults: [String: String] = {
        guard let configuration = try? AgentConfiguration.defaults() else { return [:] }
        return Dictionary(values(of: configuration), uniquingKeysWith: { first, _ in first })
    }()

    /// "(config key K; default: V)" for an option that overrides configuration key `key`.
    static func defaultOf(_ key: String) -> String {
        "(config key \(key); default: \(defaults[key] ?? "null"))"
    }

    /// Whether a key's value is a secret to mask: passwords, secrets, tokens, keys given
    /// inline (file paths are not secrets and stay readable).
    static func isSecret(_ key: String) -> Bool {
        if key.hasSuffix("_path") || key.hasSuffix("_file") || key == "tls_key" || key == "tls_cert" { return false }
        return ["password", "secret", "credential", "api_key", "private", "token"].contains { key.contains($0) }
            && !key.hasSuffix("_seconds") && !key.hasSuffix("_days") && !key.hasSuffix("_minute")
    }
}
