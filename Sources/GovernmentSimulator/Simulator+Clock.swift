import AgentCore

/// The simulated clock (POST `simulator/clock`) and the agency work it drives.
extension Simulator {
    /// How far one `advance` may move: about four years of federal work days.
    public static let maximumAdvanceWorkDays = 1000

    static let msPerDay: Int64 = 86_400_000

    /// The simulated date: every rule's "today" in simulation mode.
    public func today() -> CivilDate {
        realToday().adding(days: settings.clockOffsetDays)
    }

    func realToday() -> CivilDate { SimulationTimestamp.date(of: now()) }

    /// The simulated date at the real UTC time of day: what outage windows are
    /// compared with.
    func simulatedInstant() -> Int64 {
        let real = now()
        let timeOfDay = ((real % Self.msPerDay) + Self.msPerDay) % Self.msPerDay
        return Int64(today().dayNumber) * Self.msPerDay + timeOfDay
    }

    /// Sets the simulated date (any date, earlier ones included) and runs every job due
    /// by then before returning. Moving back undoes nothing. Returns the new date.
    @discardableResult
    public func setDate(_ date: CivilDate) async throws -> CivilDate {
        try await serialized {
            var updated = self.settings
            updated.clockOffsetDays = date.dayNumber - realToday().dayNumber
            try await persist(updated)
            try await runDueJobsHoldingGate()
            return today()
        }
    }

    /// Moves the simulated date `workDays` federal work days ahead (CAL-2 counting:
    /// from a Saturday, one work day is the Monday) and runs every job due in the span,
    /// in date order. Read the results with `updatedCases()`. Returns the new date.
    @discardableResult
    public func advance(workDays: Int) async throws -> CivilDate {
        guard (0...Self.maximumAdvanceWorkDays).contains(workDays) else {
            throw ValidationFailure([FieldIssue(field: "advance_work_days", code: FieldIssue.outOfRange,
                                                message: "Between 0 and \(Self.maximumAdvanceWorkDays) federal work days.")])
        }
        return try await serialized {
            let target = calendar.addingFederalWorkDays(workDays, to: today())
            var updated = self.settings
            updated.clockOffsetDays = target.dayNumber - realToday().dayNumber
            try await persist(updated)
            try await runDueJobsHoldingGate()
            return today()
        }
    }

    /// Runs every agency job due on or before the simulated date, earliest first; a job
    /// that schedules another already due runs it too. Returns the updates produced.
    @discardableResult
    public func runDueJobs() async throws -> [GovernmentUpdate] {
        try await serialized { try await runDueJobsHoldingGate() }
    }

    /// `runDueJobs` for a caller that holds the gate. One read, work in memory, one
    /// write: the whole span commits at once or not at all.
    @discardableResult
    func runDueJobsHoldingGate() async throws -> [GovernmentUpdate] {
        let simulatedToday = today()
        var queue = try await store.caseFilesWithJobs(dueThrough: simulatedToday)
        guard !queue.isEmpty else { return [] }
        var touched: [String: SimulatedCase] = [:]
        var produced: [GovernmentUpdate] = []
        let agency = agency
        while let index = Self.earliestJob(in: queue) {
            let file = queue.remove(at: index)
            let (updatedCase, updates) = agency.run(file)
            touched[updatedCase.caseNumber] = updatedCase
            produced += updates
            if let next = updatedCase.pendingJob, next.due <= simulatedToday {
                queue.append(SimulatedCaseFile(simulatedCase: updatedCase, person: file.person))
            }
        }
        let cases = touched.values.sorted { $0.caseNumber < $1.caseNumber }
        try await store.commit(SimulatorChanges(cases: cases, updates: produced))
        return produced
    }

    /// The index of the job to run next: earliest due date, then lowest case number.
    static func earliestJob(in queue: [SimulatedCaseFile]) -> Int? {
        func key(_ file: SimulatedCaseFile) -> (Int, String) {
            (file.simulatedCase.pendingJob?.due.dayNumber ?? Int.max, file.simulatedCase.caseNumber)
        }
        return queue.indices.min { key(queue[$0]) < key(queue[$1]) }
    }
}

/// In simulation mode the simulated date is every rule's "today" (API.md "Clocks").
extension Simulator: ServiceClock {}
