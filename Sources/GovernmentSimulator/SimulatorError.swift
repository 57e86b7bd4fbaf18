import AgentCore

/// A call the simulated government side refuses because it makes no sense for the
/// case: the agent asked for a step out of order. Never an outage (that is
/// `GovernmentUnavailable`); a correct agent never sees one.
public enum SimulatorError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownCase(String)
    /// `action` is not possible while the case is at `stage`.
    case wrongStage(caseNumber: String, stage: SimulatedCaseStage, action: String)
    /// The call contradicts what the case recorded (e.g. referring a different mismatch).
    case invalidRequest(String)

    public var description: String {
        switch self {
        case .unknownCase(let number): "the simulated government side has no case \(number)"
        case .wrongStage(let number, let stage, let action): "case \(number) is at \(stage.rawValue): \(action) is not possible"
        case .invalidRequest(let message): message
        }
    }
}
