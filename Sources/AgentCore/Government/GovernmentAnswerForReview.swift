/// The government side answered about a case with a value the agent does not know. The
/// agent never guesses what it means: the case keeps its state and carries this flag
/// until a person reviews it or a known answer arrives.
public struct GovernmentAnswerForReview: Sendable, Equatable, Codable {
    /// What was not understood (e.g. `case_status DHS_SOMETHING_NEW for case …`).
    public var answer: String
    public var on: CivilDate

    public init(answer: String, on: CivilDate) {
        self.answer = answer
        self.on = on
    }
}
