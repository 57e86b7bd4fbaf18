import AgentCore

/// Whether the simulated government side is answering, for readiness and the admin API.
public struct SimulatorStatus: Sendable, Equatable {
    /// False during an outage window or when the simulator's store fails.
    public var up: Bool
    /// One line for people: the simulated date, the outage or fault settings in force.
    public var detail: String

    public init(up: Bool, detail: String) {
        self.up = up
        self.detail = detail
    }
}

/// Outages and random failures (POST `simulator/outages`).
extension Simulator {
    /// Adds an outage window (`from`/`to` as `SimulationTimestamp.parse` reads them,
    /// inclusive). Throws `ValidationFailure` for unreadable or reversed timestamps.
    @discardableResult
    public func setOutage(from: String, to: String) async throws -> SimulatedOutage {
        let outage = try SimulatedOutage(from: from, to: to)
        try await serialized {
            var updated = self.settings
            updated.outages.append(outage)
            try await persist(updated)
        }
        return outage
    }

    /// Removes every outage window (past ones too, so HIRE-2 no longer sees them).
    public func clearOutages() async throws {
        try await serialized {
            var updated = self.settings
            updated.outages = []
            try await persist(updated)
        }
    }

    /// The recorded outage windows, past and future, in the order they were set: the
    /// spans HIRE-2 due dates move by (`SimulatedOutage.dates`).
    public func outageWindows() -> [SimulatedOutage] { settings.outages }

    /// Sets the random failure rate, its seed and the latency of every gateway call,
    /// and restarts the failure sequence from `seed`. `errorRate` 0 turns failures off.
    public func setFaults(errorRate: Double, seed: UInt64, latencyMs: Int) async throws {
        let faults = SimulatedFaults(errorRate: errorRate, seed: seed, latencyMs: latencyMs)
        let issues = faults.validationIssues
        if !issues.isEmpty { throw ValidationFailure(issues) }
        try await serialized {
            var updated = self.settings
            updated.faults = faults
            try await persist(updated, resetGenerator: true)
        }
    }

    /// The random failure settings in force.
    public var faults: SimulatedFaults { settings.faults }

    /// The outage window the simulated clock is in now, if any.
    public func currentOutage() -> SimulatedOutage? {
        let instant = simulatedInstant()
        return settings.outages.first { $0.contains(instant) }
    }

    /// Readiness of the simulated side: down in an outage or when its store fails.
    public func status() async -> SimulatorStatus {
        do {
            _ = try await store.loadSettings()
        } catch {
            return SimulatorStatus(up: false, detail: "simulated DHS/SSA store unavailable: \(error)")
        }
        let date = today().iso
        if let outage = currentOutage() {
            return SimulatorStatus(up: false, detail: "simulated DHS/SSA outage \(outage.fromISO) to \(outage.toISO); simulated date \(date)")
        }
        let active = faults
        let extra = active.errorRate > 0 || active.latencyMs > 0
            ? "; error rate \(active.errorRate), seed \(active.seed), latency \(active.latencyMs) ms" : ""
        return SimulatorStatus(up: true, detail: "simulated DHS/SSA up; simulated date \(date)\(extra)")
    }

    /// The gate every gateway call passes first: the configured latency, then the
    /// outage windows, then one draw of the failure generator. Throws
    /// `GovernmentUnavailable` before anything changes, so a retry starts clean.
    func admit(_ operation: String) async throws {
        let active = faults
        if active.latencyMs > 0 {
            try await Task.sleep(for: .milliseconds(active.latencyMs))
        }
        if let outage = currentOutage() {
            throw GovernmentUnavailable("simulated outage \(outage.fromISO) to \(outage.toISO) (\(operation))")
        }
        guard active.errorRate > 0 else { return }
        let draw = memory.withLock { $0.generator.nextUnit() }
        if draw < active.errorRate {
            throw GovernmentUnavailable("simulated failure at error rate \(active.errorRate) (\(operation))")
        }
    }
}
