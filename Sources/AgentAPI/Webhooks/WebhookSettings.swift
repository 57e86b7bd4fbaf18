import AgentCore
import HTTPCore

/// Settings of webhook registration and delivery, from the configuration.
struct WebhookSettings: Sendable {
    var allowInsecureHTTP: Bool
    var allowPrivateAddresses: Bool
    var rotationOverlapSeconds: Int
    var maxConcurrent: Int
    var timeoutSeconds: Double
    var retry: WebhookRetryPolicy
    /// A PEM file of trusted certificates instead of the system CA store (tests with a
    /// throwaway certificate); nil in production.
    var caFile: String?
}

/// The URL rules of API.md "Webhooks": https (http only when allowed), and no address
/// in a restricted range (loopback, private, link-local, CGNAT, unique-local, metadata…)
/// unless private addresses are allowed. Judged at registration and again, by the
/// delivering client, for every connection.
struct WebhookURLPolicy: Sendable {
    let allowInsecureHTTP: Bool
    let allowPrivateAddresses: Bool

    /// nil when the address may be connected to, else the reason it may not.
    func admit(_ address: IPAddress) -> String? {
        guard !allowPrivateAddresses, let range = address.restrictedRange else { return nil }
        return "a \(range.rawValue) address (\(address))"
    }

    /// The URL's own checks, no resolution: the parsed URL, or the issue.
    func parse(_ text: String) -> Result<ClientURL, FieldIssue> {
        let url: ClientURL
        do {
            url = try ClientURL(text)
        } catch {
            switch error {
            case .scheme: return .failure(issue("url must start with https://" + (allowInsecureHTTP ? " or http://." : ".")))
            case .malformed(let what): return .failure(issue("url is not a usable URL: it has \(what)."))
            }
        }
        if !url.isTLS && !allowInsecureHTTP { return .failure(issue("url must use https://; plain http is not allowed here.")) }
        return .success(url)
    }

    /// The URL checks, then every address its host resolves to. Resolution blocks, so
    /// it runs on `pool`.
    func check(_ text: String, pool: BlockingWorkPool) async throws -> FieldIssue? {
        let url: ClientURL
        switch parse(text) {
        case .failure(let issue): return issue
        case .success(let parsed): url = parsed
        }
        let host = url.host
        let addresses: [IPAddress]
        do {
            addresses = try await pool.run { try OutboundHTTPClient.resolve(host) }
        } catch let error as OutboundError {
            return issue("url's host cannot be resolved (\(error)).")
        } catch {
            throw error
        }
        for address in addresses {
            if let reason = admit(address) { return issue("url's host resolves to \(reason), which webhooks may not reach.") }
        }
        return nil
    }

    private func issue(_ message: String) -> FieldIssue {
        FieldIssue(field: "url", code: "WEBHOOK_URL", message: message)
    }
}
