import AgentCore
import Foundation
import HTTPCore
import Logging
import Storage

/// Pushes case events and new work-queue items to webhooks: announces the items that
/// now show (one write per batch), moves outbox events into deliveries (one write per
/// batch), then sends due deliveries, at most `maxConcurrent` at once on threads of their
/// own, in order per case, retrying with backoff until delivered or FAILED. Wakes every
/// 100 ms and whenever a send finishes, so a change goes out well within a second.
actor WebhookWorker {
    private let webhooks: any WebhookRepository
    private let outbox: any CaseEventOutbox
    private let workQueue: any WorkQueueRepository
    private let clock: any ServiceClock
    private let renderer: WebhookEventRenderer
    private let client: OutboundHTTPClient
    private let senders: BlockingWorkPool
    private let settings: WebhookSettings
    private let policy: WebhookURLPolicy
    private let logger: Logger
    private let metrics: WebhookDeliveryMetrics?
    private var inFlight: Set<String> = []
    private var generator = SystemRandomNumberGenerator()
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private var tasks: [Task<Void, Never>] = []
    private var lastFailureLogMs: Int64 = 0
    static let outboxBatch = 500

    init(webhooks: any WebhookRepository, outbox: any CaseEventOutbox, workQueue: any WorkQueueRepository, clock: any ServiceClock,
         renderer: WebhookEventRenderer, client: OutboundHTTPClient, settings: WebhookSettings, logger: Logger,
         metrics: WebhookDeliveryMetrics? = nil) {
        self.metrics = metrics
        self.webhooks = webhooks
        self.outbox = outbox
        self.workQueue = workQueue
        self.clock = clock
        self.renderer = renderer
        self.client = client
        self.settings = settings
        self.policy = WebhookURLPolicy(allowInsecureHTTP: settings.allowInsecureHTTP, allowPrivateAddresses: settings.allowPrivateAddresses)
        self.logger = logger
        // One thread per concurrent delivery: a send blocks its thread up to the timeout.
        senders = BlockingWorkPool(threads: settings.maxConcurrent, maxQueued: settings.maxConcurrent * 2, name: "webhook-send")
        // Wake-ups coalesce: one pending is enough, the pass looks at everything.
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func start() {
        guard tasks.isEmpty else { return }
        let wake = self.wake, stream = wakeups
        tasks.append(Task { [weak self] in
            for await _ in stream {
                guard let self, !Task.isCancelled else { return }
                await self.pass()
            }
        })
        tasks.append(Task {
            while !Task.isCancelled {
                wake.yield()
                try? await Task.sleep(for: .milliseconds(100))
            }
        })
    }

    func stop() {
        for task in tasks { task.cancel() }
        tasks = []
        wake.finish()
        senders.shutdown()
    }

    /// One pass: the work items that now show become events, then the outbox, then the queue.
    func pass() async {
        do {
            let serviceToday = try await clock.today(), realToday = IdentityAPI.today()
            let webhooks = self.webhooks
            var looked = Self.outboxBatch
            while looked == Self.outboxBatch {
                looked = try await workQueue.announceShown(serviceToday: serviceToday, realToday: realToday,
                                                           notifying: { try await webhooks.clientsWithEnabledWebhooks() },
                                                           limit: Self.outboxBatch)
            }
            var moved = Self.outboxBatch
            while moved == Self.outboxBatch {
                // One set decides both which payloads are decoded and which events are rendered.
                let subscribed = try await webhooks.clientsWithEnabledWebhooks()
                let events = try await outbox.pending(limit: Self.outboxBatch, payloadsFor: subscribed)
                moved = events.count
                if !events.isEmpty {
                    _ = try await webhooks.fanOut(try await renderer.render(events, subscribed: subscribed))
                }
            }
            try await fill()
        } catch {
            let now = UTCTime.nowMilliseconds()
            if now - lastFailureLogMs >= 60_000 {
                lastFailureLogMs = now
                logger.error("webhook pass failed", metadata: ["error_type": .string(String(describing: type(of: error)))])
            }
        }
    }

    private func fill() async throws {
        let free = settings.maxConcurrent - inFlight.count
        guard free > 0 else { return }
        let due = try await webhooks.due(nowMs: UTCTime.nowMilliseconds(), limit: free, excluding: inFlight)
        for delivery in due where !inFlight.contains(delivery.id) && inFlight.count < settings.maxConcurrent {
            inFlight.insert(delivery.id)
            Task { await self.deliver(delivery) }
        }
    }

    private func deliver(_ delivery: DueDelivery) async {
        let outcome = await attempt(delivery)
        metrics?.record(outcome)
        do {
            try await webhooks.record(delivery.id, outcome: outcome, atMs: UTCTime.nowMilliseconds())
        } catch {
            // Left PENDING: it is sent again (the same webhook-id, so receivers can drop the repeat).
            logger.error("webhook delivery not recorded", metadata: ["delivery_id": .string(delivery.id)])
        }
        inFlight.remove(delivery.id)
        wake.yield()
    }

    /// Sends once; the outcome says what happens next (the next attempt's time, or FAILED).
    private func attempt(_ delivery: DueDelivery) async -> DeliveryOutcome {
        let timestamp = UTCTime.nowMilliseconds() / 1000
        let body = Array(delivery.body.utf8)
        let failure = { (status: Int?, reason: String) -> DeliveryOutcome in
            let attempts = delivery.attempts + 1
            let delay = self.settings.retry.delaySeconds(afterAttempts: attempts, unit: Double.random(in: 0..<1))
            return .failed(statusCode: status, error: reason, nextAttemptAtMs: delay.map { UTCTime.nowMilliseconds() + Int64($0 * 1000) })
        }
        let url: ClientURL
        switch policy.parse(delivery.url) {
        case .success(let parsed): url = parsed
        case .failure(let issue): return failure(nil, issue.message)
        }
        let request = OutboundRequest(method: "POST", url: url, headers: [
            ("Content-Type", "application/json"),
            ("User-Agent", "employer-agent-webhooks/\(AgentService.version)"),
            ("webhook-id", delivery.eventID),
            ("webhook-timestamp", String(timestamp)),
            ("webhook-signature", WebhookSignature.header(id: delivery.eventID, timestamp: timestamp, body: body, secrets: delivery.secrets)),
        ], body: body)
        let client = self.client, policy = self.policy, timeout = settings.timeoutSeconds
        do {
            let response = try await senders.run { try client.send(request, timeoutSeconds: timeout, admit: policy.admit) }
            if (200...299).contains(response.status) { return .delivered(statusCode: response.status) }
            return failure(response.status, "HTTP \(response.status)" + ((300...399).contains(response.status) ? " (redirects are not followed)" : ""))
        } catch let error as OutboundError {
            return failure(nil, error.description)
        } catch {
            return failure(nil, "no sender free")
        }
    }
}
