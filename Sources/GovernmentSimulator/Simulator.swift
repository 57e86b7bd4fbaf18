import AgentCore
import Foundation
import Synchronization

/// The simulated SSA and DHS behind `GovernmentGateway`: synthetic records matched as
/// the real agencies would (see `Matching`), agency work that happens as the simulated
/// clock moves, outages and seeded random failures. Everything it knows lives in a
/// `SimulatorStore`, so a restart loses nothing.
///
/// **Clock.** The simulated date is the real UTC date plus a stored offset: it starts
/// at the real date, `setDate` / `advance` move it, and between moves it keeps pace
/// with the real calendar. Moving it forward runs every agency job due in the span, in
/// date order, before returning; moving it back undoes nothing. Jobs that fall due
/// because real days passed run at the next `updatedCases()` or `runDueJobs()`.
///
/// **Outages** follow the simulated clock: a call is refused when the simulated
/// date-time (the simulated date at the real UTC time of day) lies in a window. So a
/// window set on simulated dates is what HIRE-2's shift sees, and advancing past it
/// ends it. With the clock never moved this is the real clock.
///
/// **Random failures** come from SplitMix64 seeded by `setFaults`: one draw per
/// gateway call not refused by an outage, so one seed fails the same calls in the
/// same sequence. The draw position is not persisted: a restart starts the sequence
/// again from the seed.
///
/// One `Simulator` per store: its steps are serialized in memory, not in the store:
/// per case for the case operations, as a whole for the clock, updates and settings.
public final class Simulator: GovernmentGateway {
    public let store: any SimulatorStore
    public let calendar: FederalCalendar
    /// Milliseconds since the epoch (UTC), injected so tests control the real date.
    let now: @Sendable () -> Int64
    let gate = SerialGate()
    let memory: Mutex<Memory>
    var agency: AgencyWork { AgencyWork(calendar: calendar) }

    /// What the simulator keeps in memory: its settings (written through to the store),
    /// the fault generator, and how far updates were handed out.
    struct Memory: Sendable {
        var settings: SimulatorSettings
        var generator: SplitMix64
        /// The highest update sequence `updatedCases()` returned: `confirmUpdates` removes
        /// no update the agent has not seen.
        var deliveredThrough: Int64 = 0
    }

    init(store: any SimulatorStore, calendar: FederalCalendar, now: @escaping @Sendable () -> Int64, settings: SimulatorSettings) {
        self.store = store
        self.calendar = calendar
        self.now = now
        self.memory = Mutex(Memory(settings: settings, generator: SplitMix64(seed: settings.faults.seed)))
    }

    /// Opens the simulator on `store`: loads its settings and, unless told otherwise,
    /// adds the scenario catalog's people that are missing (people edited through
    /// `addPerson` are kept).
    public static func open(
        store: any SimulatorStore,
        calendar: FederalCalendar = FederalCalendar(),
        now: @escaping @Sendable () -> Int64 = Simulator.systemMilliseconds,
        seedCatalog: Bool = true
    ) async throws -> Simulator {
        let settings = try await store.loadSettings()
        if seedCatalog { try await ScenarioCatalog.seed(into: store) }
        return Simulator(store: store, calendar: calendar, now: now, settings: settings)
    }

    /// The real clock: milliseconds since 1970-01-01T00:00:00Z.
    public static let systemMilliseconds: @Sendable () -> Int64 = {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }

    var settings: SimulatorSettings { memory.withLock { $0.settings } }

    /// Runs `body` with the gate held: for `caseNumber` alone (steps on other cases go
    /// on beside it), or, without one, for the whole simulator (nothing interleaves).
    func serialized<T>(caseNumber: String? = nil, _ body: () async throws -> T) async throws -> T {
        await gate.acquire(caseNumber)
        do {
            let value = try await body()
            await gate.release(caseNumber)
            return value
        } catch {
            await gate.release(caseNumber)
            throw error
        }
    }

    /// Writes `settings` to the store, then to memory (only once stored, so memory never
    /// claims what a restart would lose). Call inside `serialized`.
    func persist(_ settings: SimulatorSettings, resetGenerator: Bool = false) async throws {
        try await store.saveSettings(settings)
        memory.withLock {
            $0.settings = settings
            if resetGenerator { $0.generator = SplitMix64(seed: settings.faults.seed) }
        }
    }

    // MARK: People

    /// Adds a person for POST `simulator/people`, replacing one with the same SSN.
    /// Throws `ValidationFailure` listing every problem.
    public func addPerson(_ person: SimulatedPerson) async throws {
        let issues = person.validationIssues(today: today())
        if !issues.isEmpty { throw ValidationFailure(issues) }
        try await serialized(caseNumber: "person " + person.ssn) { try await store.savePerson(person) }
    }

    public func person(ssn: String) async throws -> SimulatedPerson? {
        try await store.person(ssn: ssn)
    }

    /// Every simulated person, by SSN (the catalog's and those added).
    public func people() async throws -> [SimulatedPerson] {
        try await store.people()
    }

    /// The simulator's memory of a case (for inspection and tests), nil when unknown.
    public func simulatedCase(caseNumber: String) async throws -> SimulatedCase? {
        try await store.caseFile(caseNumber: caseNumber)?.simulatedCase
    }

    /// Every pending agency job, soonest first.
    public func pendingJobs() async throws -> [SimulatedJob] {
        try await store.pendingJobs()
    }
}
