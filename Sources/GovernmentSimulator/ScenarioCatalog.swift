import AgentCore

/// The named synthetic people an integrator uses to walk every path of a case: one per
/// outcome, each with the documents to present and the path to expect. Seeded into
/// every simulator store (missing ones only), documented in the README.
///
/// Identities are invented: SSNs use areas 151–165 with group 20, valid in form and
/// never in SSA's never-issued ranges, and no name belongs to a real person.
public enum ScenarioCatalog {
    /// One catalog entry: the person on record plus how to drive the case.
    public struct Scenario: Sendable, Equatable {
        /// Short stable name, also stored as the person's `scenario`.
        public let name: String
        public let person: SimulatedPerson
        /// What to enter in the case (citizenship, documents, any deliberate typo).
        public let submit: String
        /// The calls and answers to expect, up to the case's final result.
        public let path: String
    }

    /// Every scenario person.
    public static var people: [SimulatedPerson] { scenarios.map(\.person) }

    /// The scenario of this name, if any.
    public static func scenario(named name: String) -> Scenario? {
        scenarios.first { $0.name == name }
    }

    /// Adds the catalog's people that `store` does not have yet (by SSN); people
    /// already there, edited or not, are left alone. Returns how many were added.
    @discardableResult
    public static func seed(into store: any SimulatorStore) async throws -> Int {
        try await store.insertPeopleIfAbsent(people)
    }

    /// A scenario entry: the person gets the scenario's name and one-line description.
    static func entry(_ name: String, _ person: SimulatedPerson, description: String, submit: String, path: String) -> Scenario {
        var person = person
        person.scenario = name
        person.scenarioDescription = description
        return Scenario(name: name, person: person, submit: submit, path: path)
    }

    /// Catalog dates are written by hand and valid; the fallback only keeps the code
    /// free of force-unwraps (a test checks every date parses).
    static func date(_ iso: String) -> CivilDate {
        CivilDate(iso: iso) ?? .referenceDate
    }

    /// Distinct background and figure colours per photo, so two photos never look alike.
    static func photo(_ background: (UInt8, UInt8, UInt8), _ figure: (UInt8, UInt8, UInt8)) -> [UInt8] {
        TinyPNG.portrait(background: background, figure: figure)
    }
}
