import AgentCore
import Foundation
import HTTPCore

/// The agent's clock in ICA mode. Production: the real UTC date. With
/// `ica_follow_sandbox_clock`, the sandbox's date (GET `/sandbox/clock` on the host of
/// `ica_base_url`), asked at most once a second; while the sandbox does not answer, the
/// last known offset from the real date is kept.
public final class ICAClock: ServiceClock {
    private let transport: ICATransport?
    private let cache = ICAClockCache()

    public init(settings: ICASettings) throws(ICASetupError) {
        transport = settings.followSandboxClock ? try ICATransport(settings: settings) : nil
    }

    public func today() async throws -> CivilDate {
        let real = Self.realToday()
        guard let transport else { return real }
        if let cached = await cache.fresh() { return cached }
        do {
            let reply = try await transport.send("GET", transport.url("/sandbox/clock", absolute: true),
                                                 headers: [("Accept", "application/json")], body: [])
            if reply.status == 200, let text = reply.object?["today"] as? String, let date = CivilDate(iso: text) {
                await cache.store(date, offsetDays: date.dayNumber - real.dayNumber)
                return date
            }
        } catch is GovernmentUnavailable {
            // The sandbox is down for a moment: keep its last offset.
        }
        return real.adding(days: await cache.offsetDays)
    }

    static func realToday() -> CivilDate {
        SimulationTimestamp.date(of: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }
}

/// The last date asked of the sandbox, kept one second.
actor ICAClockCache {
    private var date: CivilDate?
    private var at: Double = 0
    private(set) var offsetDays = 0

    func fresh() -> CivilDate? {
        guard let date, ProcessInfo.processInfo.systemUptime - at < 1 else { return nil }
        return date
    }

    func store(_ date: CivilDate, offsetDays: Int) {
        self.date = date
        self.offsetDays = offsetDays
        at = ProcessInfo.processInfo.systemUptime
    }
}
