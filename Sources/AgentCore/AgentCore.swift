/// The domain of the employer agent: cases, rules, calendar, people. No I/O.
public enum AgentCore {
    /// The release of the rules engine, reported by `/health` and logs.
    public static let version = "0.1.0"
}
