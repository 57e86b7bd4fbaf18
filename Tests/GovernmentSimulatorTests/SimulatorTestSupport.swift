import AgentCore
import Foundation
@testable import GovernmentSimulator
import Synchronization
import Testing

/// A date from ISO text; tests only write valid ones.
func day(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

/// The "real" clock the simulator sees, set by the test.
final class TestClock: Sendable {
    private let milliseconds: Atomic<Int64>

    /// Starts at `iso` (a date) at `time` UTC (`HH:MM`).
    init(_ iso: String, time: String = "12:00") {
        milliseconds = Atomic(SimulationTimestamp.parse("\(iso)T\(time)Z", rangeEnd: false)!)
    }

    var now: @Sendable () -> Int64 { { self.milliseconds.load(ordering: .sequentiallyConsistent) } }

    func set(_ iso: String, time: String = "12:00") {
        milliseconds.store(SimulationTimestamp.parse("\(iso)T\(time)Z", rangeEnd: false)!, ordering: .sequentiallyConsistent)
    }

    func advance(days: Int) {
        milliseconds.add(Int64(days) * 86_400_000, ordering: .sequentiallyConsistent)
    }
}

/// The first test date, 2025-03-03, is a Monday with no federal holiday near it.
let startDate = "2025-03-03"

/// A simulator on a fresh in-memory store with the catalog seeded, its real clock at
/// `start` noon UTC.
func makeSimulator(start: String = startDate, store: any SimulatorStore = InMemorySimulatorStore(),
                   seedCatalog: Bool = true) async throws -> (Simulator, TestClock) {
    let clock = TestClock(start)
    let simulator = try await Simulator.open(store: store, now: clock.now, seedCatalog: seedCatalog)
    return (simulator, clock)
}

/// The catalog person of `scenario`.
func catalogPerson(_ scenario: String) throws -> SimulatedPerson {
    try #require(ScenarioCatalog.scenario(named: scenario)).person
}

/// A case request for `person` as Form I-9 would give it, with the changes a test needs.
func caseRequest(
    _ person: SimulatedPerson, number: String, firstName: String? = nil, lastName: String? = nil,
    dateOfBirth: CivilDate? = nil, ssn: String? = nil, citizenship: CitizenshipStatus? = nil,
    alienNumber: String?? = nil, usPassportNumber: String? = nil, documentA: String? = nil
) -> GovernmentCaseRequest {
    GovernmentCaseRequest(
        caseNumber: number, firstName: firstName ?? person.firstName, middleInitial: nil, lastName: lastName ?? person.lastName,
        otherLastNames: [], dateOfBirth: dateOfBirth ?? person.dateOfBirth, ssn: ssn ?? person.ssn,
        citizenshipStatus: citizenship ?? person.citizenshipStatus, alienNumber: alienNumber ?? person.alienNumber,
        i94Number: nil, foreignPassportNumber: nil, countryCode: nil, usPassportNumber: usPassportNumber,
        i551Number: documentA == "FORM_I551" ? "IOE0123456789" : nil, i766Number: documentA == "FORM_I766" ? "SRC0123456789" : nil,
        documentAType: documentA, documentBType: documentA == nil ? "DRIVERS_LICENSE" : nil,
        documentCType: documentA == nil ? "SOCIAL_SECURITY_CARD" : nil, documentExpirationDate: nil, dateOfHire: day("2025-03-03"))
}

/// Whether `body` throws `GovernmentUnavailable`.
func isUnavailable(_ body: () async throws -> Void) async -> Bool {
    do {
        try await body()
        return false
    } catch is GovernmentUnavailable {
        return true
    } catch {
        return false
    }
}

/// A fresh directory under the system temp dir, removed by `remove()`.
struct ScratchDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("simulator-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
