import Foundation
import AgentCore
import Crypto
import HTTPCore

/// The service's settings, merged from defaults, a file, `AGENT_*` variables and flags.
/// Every key is documented in `Config/README.md`.
public struct AgentConfiguration: Codable, Sendable, Equatable {
    public var host: String
    public var httpPort: Int?
    public var httpsPort: Int?
    public var tlsCert: String?
    public var tlsKey: String?
    public var tls13Ciphersuites: String
    public var tls12CipherList: String
    public var dataDir: String
    public var fieldKeyPath: String?
    public var eventLoops: Int
    public var maxConnections: Int
    public var headerTimeoutSeconds: Int
    public var idleTimeoutSeconds: Int
    public var tlsHandshakeTimeoutSeconds: Int
    public var handlerTimeoutSeconds: Int
    public var drainTimeoutSeconds: Int
    public var maxRequestLineBytes: Int
    public var maxHeaderBytes: Int
    public var maxHeaderFields: Int
    public var maxJsonBodyBytes: Int
    public var maxUploadBodyBytes: Int
    public var logLevel: String
    public var accessLog: Bool
    /// `text`, `json`, or nil to decide by `logFormat(serving:standardOutputIsTerminal:)`.
    public var logFormat: String?
    /// Serve `/metrics` (and count requests for it).
    public var metricsEnabled: Bool
    /// A listener of its own for `/metrics`; nil or the HTTP port: the main listeners serve it.
    public var metricsPort: Int?
    /// Time the writer's statements and export the totals with the metrics.
    public var metricsStatementTimes: Bool
    public var simulate: Bool
    public var tokenLifetimeSeconds: Int
    public var sessionMaxLifetimeSeconds: Int
    public var passwordHashLogN: Int
    public var passwordMaxAgeDays: Int
    public var lockoutFailures: Int
    public var lockoutWindowSeconds: Int
    public var loginFailuresPerAddressPerMinute: Int
    public var totpRequiredForAdmins: Bool
    public var curriculumVersion: String
    public var governmentRetryBaseSeconds: Double
    public var governmentRetryMaxSeconds: Double
    public var governmentPollSeconds: Double
    public var governmentMode: String
    public var icaBaseUrl: String?
    public var icaUsername: String?
    public var icaPasswordFile: String?
    public var icaCaFile: String?
    public var icaTimeoutSeconds: Double
    public var icaMaxConnections: Int
    public var icaFollowSandboxClock: Bool
    public var noticeDhsTelephone: String?
    public var webhookAllowInsecureHttp: Bool
    public var webhookAllowPrivateAddresses: Bool
    public var webhookMaxConcurrent: Int
    public var webhookTimeoutSeconds: Double
    public var webhookRetryBaseSeconds: Double
    public var webhookRetryMaxSeconds: Double
    public var webhookMaxAttempts: Int
    public var webhookSecretRotationOverlapSeconds: Int
    public var webhookCaFile: String?
    /// IMG-7: tips one source address may leave per hour, on all tip lines together.
    public var tipRatePerAddressPerHour: Int

    /// `Config/default.json` as compiled in.
    public static var defaultsJSON: String { ConfigDefaults.json }

    /// The built-in defaults alone.
    public static func defaults() throws -> AgentConfiguration {
        try load(file: nil, environment: [:], overrides: [:])
    }

    /// Merges, each layer overriding the one before: built-in defaults, `file`,
    /// `AGENT_<KEY>` variables of `environment`, then `overrides` (from flags).
    public static func load(file: String?, environment: [String: String], overrides: [String: Any]) throws -> AgentConfiguration {
        var merged = try parseObject(Data(ConfigDefaults.json.utf8), source: "built-in defaults")
        let known = Set(merged.keys)
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ConfigurationError.unreadable(file)
            }
            for (key, value) in try parseObject(data, source: file) {
                guard known.contains(key) else { throw ConfigurationError.unknownKey(key, source: file) }
                merged[key] = value
            }
        }
        for key in known.sorted() {
            guard let raw = environment["AGENT_" + key.uppercased()] else { continue }
            merged[key] = environmentValue(raw, defaultValue: merged[key], key: key)
        }
        for (key, value) in overrides {
            guard known.contains(key) else { throw ConfigurationError.unknownKey(key, source: "command line") }
            merged[key] = value
        }
        let data = try JSONSerialization.data(withJSONObject: merged)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            let config = try decoder.decode(AgentConfiguration.self, from: data)
            try config.validate()
            return config
        } catch let error as DecodingError {
            throw ConfigurationError.invalid(Self.describe(error))
        }
    }

    /// String-typed keys keep the variable's text; others are read as JSON (numbers, booleans, null).
    private static let stringKeys: Set<String> = ["host", "tls_cert", "tls_key", "tls13_ciphersuites", "tls12_cipher_list",
                                                  "data_dir", "field_key_path", "log_level", "log_format", "curriculum_version", "notice_dhs_telephone",
                                                  "webhook_ca_file",
                                                  "government_mode", "ica_base_url", "ica_username", "ica_password_file", "ica_ca_file"]

    private static func environmentValue(_ raw: String, defaultValue: Any?, key: String) -> Any {
        if stringKeys.contains(key) { return raw }
        if let parsed = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed]) { return parsed }
        return raw
    }

    private static func parseObject(_ data: Data, source: String) throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: data), let dictionary = object as? [String: Any] else {
            throw ConfigurationError.invalid("\(source) is not a JSON object")
        }
        return dictionary
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "\(path): \(context.debugDescription)"
        case let .keyNotFound(key, _):
            return "\(key.stringValue) is missing"
        @unknown default:
            return "invalid configuration"
        }
    }

    func validate() throws {
        for (name, port) in [("http_port", httpPort), ("https_port", httpsPort), ("metrics_port", metricsPort)] {
            if let port, !(0...65535).contains(port) { throw ConfigurationError.invalid("\(name) must be 0–65535") }
        }
        if httpPort == nil && httpsPort == nil { throw ConfigurationError.invalid("neither http_port nor https_port is set") }
        if httpsPort != nil && (tlsCert == nil || tlsKey == nil) {
            throw ConfigurationError.invalid("https_port needs tls_cert and tls_key")
        }
        let positive = [("max_connections", maxConnections), ("header_timeout_seconds", headerTimeoutSeconds),
                        ("idle_timeout_seconds", idleTimeoutSeconds), ("tls_handshake_timeout_seconds", tlsHandshakeTimeoutSeconds),
                        ("handler_timeout_seconds", handlerTimeoutSeconds), ("max_request_line_bytes", maxRequestLineBytes),
                        ("max_header_bytes", maxHeaderBytes), ("max_header_fields", maxHeaderFields),
                        ("max_json_body_bytes", maxJsonBodyBytes), ("max_upload_body_bytes", maxUploadBodyBytes),
                        ("token_lifetime_seconds", tokenLifetimeSeconds), ("password_max_age_days", passwordMaxAgeDays),
                        ("lockout_failures", lockoutFailures), ("lockout_window_seconds", lockoutWindowSeconds),
                        ("session_max_lifetime_seconds", sessionMaxLifetimeSeconds),
                        ("login_failures_per_address_per_minute", loginFailuresPerAddressPerMinute)]
        for (name, value) in positive where value <= 0 {
            throw ConfigurationError.invalid("\(name) must be positive")
        }
        if eventLoops < 0 || drainTimeoutSeconds < 0 { throw ConfigurationError.invalid("event_loops and drain_timeout_seconds must not be negative") }
        let logNRange = Self.passwordHashLogNRange(simulate: simulate)
        if !logNRange.contains(passwordHashLogN) {
            throw ConfigurationError.invalid("password_hash_log_n must be \(logNRange.lowerBound)–\(logNRange.upperBound)"
                                             + (simulate ? "" : " (lower costs only with simulate, for tests)"))
        }
        if governmentRetryBaseSeconds <= 0 || governmentRetryMaxSeconds < governmentRetryBaseSeconds || governmentPollSeconds <= 0 {
            throw ConfigurationError.invalid("government_retry_* and government_poll_seconds must be positive, max ≥ base")
        }
        if tipRatePerAddressPerHour < 1 { throw ConfigurationError.invalid("tip_rate_per_address_per_hour must be at least 1") }
        if webhookMaxConcurrent < 1 || webhookMaxConcurrent > 64 || webhookMaxAttempts < 1 || webhookTimeoutSeconds <= 0
            || webhookRetryBaseSeconds <= 0 || webhookRetryMaxSeconds < webhookRetryBaseSeconds || webhookSecretRotationOverlapSeconds < 0 {
            throw ConfigurationError.invalid("webhook_max_concurrent must be 1–64, webhook_max_attempts and webhook_timeout_seconds positive, "
                                             + "webhook_retry_* positive with max ≥ base, webhook_secret_rotation_overlap_seconds not negative")
        }
        try validateGovernmentMode()
        if curriculumVersion.isEmpty { throw ConfigurationError.invalid("curriculum_version must not be empty") }
        let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
        if !levels.contains(logLevel) { throw ConfigurationError.invalid("log_level must be one of \(levels.joined(separator: ", "))") }
        if let logFormat, LogFormat(rawValue: logFormat) == nil {
            throw ConfigurationError.invalid("log_format must be text or json")
        }
    }

    /// The configured log format, or when none is: JSON lines for `serve` when standard
    /// output is not a terminal (a supervisor or container collects it), human lines otherwise.
    public func logFormat(serving: Bool, standardOutputIsTerminal: Bool) -> LogFormat {
        if let logFormat, let format = LogFormat(rawValue: logFormat) { return format }
        return serving && !standardOutputIsTerminal ? .json : .text
    }

    /// The scrypt costs (log2 N) accepted: 2^15 at least for real use, where a stolen
    /// database must not give up passwords cheaply; lower only with `simulate` on, so
    /// tests (which sign in hundreds of times) stay fast.
    static func passwordHashLogNRange(simulate: Bool) -> ClosedRange<Int> { simulate ? 10...20 : 15...20 }

    /// The password hasher at the configured cost (r=8, p=1).
    public func passwordHasher() throws -> PasswordHasher {
        try PasswordHasher(logN: passwordHashLogN, r: 8, p: 1)
    }

    var workerSettings: WorkerSettings {
        WorkerSettings(retryBaseSeconds: governmentRetryBaseSeconds, retryMaxSeconds: governmentRetryMaxSeconds,
                       pollSeconds: governmentPollSeconds)
    }

    var webhookSettings: WebhookSettings {
        WebhookSettings(allowInsecureHTTP: webhookAllowInsecureHttp, allowPrivateAddresses: webhookAllowPrivateAddresses,
                        rotationOverlapSeconds: webhookSecretRotationOverlapSeconds, maxConcurrent: webhookMaxConcurrent,
                        timeoutSeconds: webhookTimeoutSeconds,
                        retry: WebhookRetryPolicy(baseSeconds: webhookRetryBaseSeconds, maxSeconds: webhookRetryMaxSeconds,
                                                  maxAttempts: webhookMaxAttempts),
                        caFile: webhookCaFile)
    }

    var identitySettings: IdentitySettings {
        IdentitySettings(tokenLifetimeSeconds: tokenLifetimeSeconds, sessionMaxLifetimeSeconds: sessionMaxLifetimeSeconds,
                         passwordMaxAgeDays: passwordMaxAgeDays,
                         throttle: LoginThrottle(failuresPerUsername: lockoutFailures, windowSeconds: lockoutWindowSeconds,
                                                 failuresPerAddressPerMinute: loginFailuresPerAddressPerMinute),
                         curriculumVersion: curriculumVersion, totpRequiredForAdmins: totpRequiredForAdmins)
    }

    /// The HTTP server's share of these settings (listeners are added by the caller).
    public var serverConfiguration: HTTPServerConfiguration {
        var server = HTTPServerConfiguration()
        server.host = host
        server.eventLoops = eventLoops
        server.maxConnections = maxConnections
        server.headerTimeoutSeconds = headerTimeoutSeconds
        server.idleTimeoutSeconds = idleTimeoutSeconds
        server.tlsHandshakeTimeoutSeconds = tlsHandshakeTimeoutSeconds
        server.handlerTimeoutSeconds = handlerTimeoutSeconds
        server.drainTimeoutSeconds = drainTimeoutSeconds
        server.parserLimits.maxRequestLineBytes = maxRequestLineBytes
        server.parserLimits.maxHeaderBytes = maxHeaderBytes
        server.parserLimits.maxHeaderFields = maxHeaderFields
        server.parserLimits.maxBodyBytes = max(maxJsonBodyBytes, maxUploadBodyBytes)
        server.recordsRequestMetrics = metricsEnabled
        return server
    }
}

/// Why the configuration could not be used; the CLI prints it and exits non-zero.
public enum ConfigurationError: Error, CustomStringConvertible, Equatable {
    case unreadable(String)
    case unknownKey(String, source: String)
    case invalid(String)

    public var description: String {
        switch self {
        case .unreadable(let path): return "cannot read configuration file \(path)"
        case let .unknownKey(key, source): return "unknown configuration key '\(key)' in \(source)"
        case .invalid(let reason): return "invalid configuration: \(reason)"
        }
    }
}
