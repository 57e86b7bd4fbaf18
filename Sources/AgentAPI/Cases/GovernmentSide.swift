import AgentCore
import GovernmentICA
import GovernmentSimulator
import Storage

/// The government side the service talks to, chosen by `government_mode`: the
/// in-process simulator (its clock is the service's), or the ICA interface (the real
/// date, or the sandbox's with `ica_follow_sandbox_clock`).
struct GovernmentSide: Sendable {
    let gateway: any GovernmentGateway
    let clock: any ServiceClock
    let simulator: Simulator
    let ica: ICAGateway?

    init(_ configuration: AgentConfiguration, simulator: Simulator, database: Database) throws {
        self.simulator = simulator
        if configuration.usesICA {
            let ica = try ICAGateway(settings: configuration.icaSettings, numbers: SQLiteGovernmentCaseNumbers(database: database))
            self.ica = ica
            gateway = ica
            clock = try ICAClock(settings: configuration.icaSettings)
        } else {
            ica = nil
            gateway = simulator
            clock = simulator
        }
    }

    var isSimulated: Bool { ica == nil }

    /// HIRE-2's outage windows: the simulator's; the program announces its own outages
    /// elsewhere, so in ICA mode none are known here.
    var outages: @Sendable () -> [ClosedRange<CivilDate>] {
        guard isSimulated else { return { [] } }
        let simulator = simulator
        return { simulator.outageWindows().map { $0.dates } }
    }

    func outageWindows() -> [SimulatedOutage] { isSimulated ? simulator.outageWindows() : [] }

    /// What `/ready` and `operations/government` show.
    func status() async -> GovernmentSideStatus {
        if let ica {
            let s = ica.status
            let detail = "ICA " + (s.lastError.map { "last error \($0)" } ?? "no error") + "; last login \(s.lastLoginAt ?? "never")"
                + "; last poll \(s.lastPollAt ?? "never")"
            return GovernmentSideStatus(connection: s, up: s.lastError == nil || (s.lastErrorAt ?? "") < (s.lastPollAt ?? ""), detail: detail)
        }
        let status = await simulator.status()
        return GovernmentSideStatus(connection: GovernmentConnectionStatus(mode: "simulate"), up: status.up, detail: status.detail)
    }
}

struct GovernmentSideStatus: Sendable {
    var connection: GovernmentConnectionStatus
    var up: Bool
    var detail: String

    var readinessDetail: String { "mode \(connection.mode), \(up ? "up" : "failing"): \(detail)" }
}
