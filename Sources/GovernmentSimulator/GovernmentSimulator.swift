import AgentCore

/// The simulated SSA and DHS side behind `GovernmentGateway` (grows with the case lifecycle).
public enum GovernmentSimulator {
    public static let name = "simulated DHS/SSA"
}
