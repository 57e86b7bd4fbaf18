import GovernmentICA

/// The `government_mode` and `ica_*` keys: which government side the agent talks to.
extension AgentConfiguration {
    /// The modes `government_mode` takes.
    public static let governmentModes = ["simulate", "ica"]

    var usesICA: Bool { governmentMode == "ica" }

    func validateGovernmentMode() throws {
        guard Self.governmentModes.contains(governmentMode) else {
            throw ConfigurationError.invalid("government_mode must be simulate or ica")
        }
        if icaTimeoutSeconds <= 0 || icaMaxConnections < 1 || icaMaxConnections > 64 {
            throw ConfigurationError.invalid("ica_timeout_seconds must be positive and ica_max_connections 1–64")
        }
        guard usesICA else { return }
        for (name, value) in [("ica_base_url", icaBaseUrl), ("ica_username", icaUsername), ("ica_password_file", icaPasswordFile)]
            where value?.isEmpty ?? true {
            throw ConfigurationError.invalid("government_mode ica needs \(name)")
        }
        if let url = icaBaseUrl, !url.lowercased().hasPrefix("https://") {
            throw ConfigurationError.invalid("ica_base_url must be https:// (the credentials and employee data travel on it)")
        }
    }

    /// The ICA settings (only meaningful with `government_mode: ica`).
    var icaSettings: ICASettings {
        ICASettings(baseURL: icaBaseUrl ?? "", username: icaUsername ?? "", passwordFile: icaPasswordFile ?? "", caFile: icaCaFile,
                    timeoutSeconds: icaTimeoutSeconds, maxConnections: icaMaxConnections, followSandboxClock: icaFollowSandboxClock)
    }
}
