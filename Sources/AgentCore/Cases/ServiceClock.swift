/// "Today" for every rule, deadline and job (API.md "Clocks"): the real date, or the
/// simulated date in simulation mode. Security clocks do not use it.
public protocol ServiceClock: Sendable {
    func today() async throws -> CivilDate
}
