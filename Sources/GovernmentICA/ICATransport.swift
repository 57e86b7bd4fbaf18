import AgentCore
import Foundation
import HTTPCore

/// One ICA answer, decoded as far as the transport can: status, content type and body.
struct ICAReply: Sendable {
    var status: Int
    var contentType: String?
    var body: [UInt8]

    /// The JSON object of the body; nil when there is none.
    var object: [String: Any]? {
        guard !body.isEmpty else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }

    /// The government's message from `{errors: [{error_code?, message}]}` (first error).
    var governmentError: (code: String?, message: String) {
        let first = (object?[ICAFieldMap.errors] as? [[String: Any]])?.first
        let message = first?[ICAFieldMap.message] as? String
        return (first?[ICAFieldMap.errorCode] as? String, message ?? "The government side refused the request (HTTP \(status)).")
    }
}

/// Blocking HTTPS exchanges run on threads of their own (never on the cooperative pool),
/// at most `maxConnections` at once; a refused connection, a timeout or a broken answer
/// becomes `GovernmentUnavailable`. Texts never carry request content.
final class ICATransport: Sendable {
    let base: ClientURL
    let client: OutboundHTTPClient
    let timeoutSeconds: Double
    let slots: ICASlots

    init(settings: ICASettings) throws(ICASetupError) {
        var text = settings.baseURL
        while text.hasSuffix("/") { text.removeLast() }
        do { base = try ClientURL(text) } catch { throw .baseURL("\(error)") }
        do {
            client = try OutboundHTTPClient(trust: settings.caFile.map(OutboundTrust.caFile) ?? .system)
        } catch {
            throw .tls(error.description)
        }
        timeoutSeconds = settings.timeoutSeconds
        slots = ICASlots(limit: max(1, settings.maxConnections))
    }

    /// `path` relative to the base URL (query included); `absolute` paths start at the host.
    func url(_ path: String, absolute: Bool = false) -> ClientURL {
        var url = base
        url.target = absolute ? path : (base.target == "/" ? "" : base.target) + "/" + path
        return url
    }

    func send(_ method: String, _ url: ClientURL, headers: [(name: String, value: String)], body: [UInt8]) async throws -> ICAReply {
        let request = OutboundRequest(method: method, url: url, headers: headers, body: body)
        let client = self.client
        let timeout = timeoutSeconds
        await slots.acquire()
        let result: Result<OutboundAnswer, OutboundError> = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                do throws(OutboundError) {
                    continuation.resume(returning: .success(try client.exchange(request, timeoutSeconds: timeout)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        await slots.release()
        switch result {
        case .success(let answer):
            return ICAReply(status: answer.status, contentType: answer.headers["Content-Type"], body: answer.body)
        case .failure(let error):
            throw GovernmentUnavailable(error.description)
        }
    }
}

/// A counting semaphore for async callers: the bound on connections at once.
actor ICASlots {
    private let limit: Int
    private var inUse = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    func acquire() async {
        if inUse < limit { inUse += 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { inUse -= 1 } else { waiting.removeFirst().resume() }
    }
}
