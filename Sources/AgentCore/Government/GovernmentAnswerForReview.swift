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

/// A government side that can report polled updates it did not understand (and so did
/// not pass on or acknowledge), for the agent to flag those cases for review.
public protocol GovernmentUpdatesForReview: Sendable {
    /// The updates left out of the last `updatedCases()`: the agent's case number and what was not understood.
    func updatesLeftForReview() -> [(caseNumber: String, answer: String)]
}
