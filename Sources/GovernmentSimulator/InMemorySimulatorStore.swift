import AgentCore

/// A `SimulatorStore` in memory, for tests and throwaway runs: same behaviour as the
/// SQLite one, nothing survives the process.
public actor InMemorySimulatorStore: SimulatorStore {
    private var settings = SimulatorSettings()
    private var peopleBySSN: [String: SimulatedPerson] = [:]
    private var cases: [String: SimulatedCase] = [:]
    private var updates: [SimulatedUpdateRecord] = []
    private var lastSequence: Int64 = 0

    public init() {}

    public func loadSettings() -> SimulatorSettings { settings }

    public func saveSettings(_ settings: SimulatorSettings) { self.settings = settings }

    public func person(ssn: String) -> SimulatedPerson? { peopleBySSN[ssn] }

    public func people() -> [SimulatedPerson] { peopleBySSN.values.sorted { $0.ssn < $1.ssn } }

    public func savePerson(_ person: SimulatedPerson) { peopleBySSN[person.ssn] = person }

    public func insertPeopleIfAbsent(_ people: [SimulatedPerson]) -> Int {
        var inserted = 0
        for person in people where peopleBySSN[person.ssn] == nil {
            peopleBySSN[person.ssn] = person
            inserted += 1
        }
        return inserted
    }

    public func caseFile(caseNumber: String) -> SimulatedCaseFile? {
        cases[caseNumber].map(file)
    }

    public func caseFilesWithJobs(dueThrough date: CivilDate) -> [SimulatedCaseFile] {
        cases.values
            .filter { ($0.pendingJob?.due).map { $0 <= date } ?? false }
            .sorted(by: Self.jobOrder)
            .map(file)
    }

    public func pendingJobs() -> [SimulatedJob] {
        cases.values.filter { $0.pendingJob != nil }.sorted(by: Self.jobOrder).compactMap(\.pendingJob)
    }

    public func commit(_ changes: SimulatorChanges) {
        for simulatedCase in changes.cases { cases[simulatedCase.caseNumber] = simulatedCase }
        for update in changes.updates {
            lastSequence += 1
            updates.append(SimulatedUpdateRecord(sequence: lastSequence, update: update))
        }
    }

    public func pendingUpdates() -> [SimulatedUpdateRecord] { updates }

    public func removeUpdates(caseNumbers: [String], throughSequence sequence: Int64) {
        let numbers = Set(caseNumbers)
        updates.removeAll { numbers.contains($0.update.caseNumber) && $0.sequence <= sequence }
    }

    private func file(_ simulatedCase: SimulatedCase) -> SimulatedCaseFile {
        SimulatedCaseFile(simulatedCase: simulatedCase, person: simulatedCase.personSSN.flatMap { peopleBySSN[$0] })
    }

    /// Due date, then case number: the order the protocol promises.
    private static func jobOrder(_ a: SimulatedCase, _ b: SimulatedCase) -> Bool {
        let left = (a.pendingJob?.due.dayNumber ?? Int.max, a.caseNumber)
        let right = (b.pendingJob?.due.dayNumber ?? Int.max, b.caseNumber)
        return left < right
    }
}
