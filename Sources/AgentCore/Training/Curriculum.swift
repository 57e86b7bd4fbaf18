/// One module of the Web Services user training (the training requirements seed, section B),
/// with the topics a course must teach in it.
public struct CurriculumModule: Sendable, Equatable {
    /// 1 to 4, as the program numbers them; questions are tagged with it.
    public let number: Int
    public let name: String
    public let summary: String
    public let topics: [String]

    public init(number: Int, name: String, summary: String, topics: [String]) {
        self.number = number
        self.name = name
        self.summary = summary
        self.topics = topics
    }
}

/// The curriculum every user is tested on before using verification functions (TRN-1).
///
/// The version that counts is the service's configured `curriculum_version`: a passing
/// record is valid for the version it was taken under, and a new version sends trained
/// users to the refresher quiz (TRN-3). `defaultVersion` is the version this question
/// bank was written for, and the configuration's default.
public enum Curriculum {
    public static let defaultVersion = "2026.1"

    /// Summaries are ours; topic titles follow the program's module outline so an
    /// inspector can match them against it.
    public static let modules: [CurriculumModule] = [
        CurriculumModule(
            number: 1, name: "Privacy, civil rights and the rules of participation",
            summary: "Protecting employee data, treating every employee alike, what participants must and must not do, and where to report breaches and rights violations.",
            topics: ["Privacy and data protections", "Employee civil rights and civil liberties",
                     "Rules and responsibilities overview", "Privacy breaches and rights violations"]),
        CurriculumModule(
            number: 2, name: "From Form I-9 to a case",
            summary: "How verification works, federal contractor differences, Form I-9 and the first day of employment, the data-check and duplicate alerts, and photo matching.",
            topics: ["E-Verify overview", "Federal contractor requirements", "Form I-9 and E-Verify", "First day of employment",
                     "Review case and the \"Are you sure?\" alert", "Duplicate case alert", "Photo matching"]),
        CurriculumModule(
            number: 3, name: "Case results",
            summary: "What each result means: employment authorized, needs more time, mismatch, case in continuance, close case and resubmit, final nonconfirmation.",
            topics: ["Case results"]),
        CurriculumModule(
            number: 4, name: "Mismatches and closing cases",
            summary: "Why mismatches happen, what the employee and employer do while one is open, and closing every case.",
            topics: ["Tentative nonconfirmation (mismatch)", "Close case"]),
    ]

    public static func module(_ number: Int) -> CurriculumModule? { modules.first { $0.number == number } }
}
