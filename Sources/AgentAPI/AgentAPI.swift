import HTTPCore
/// Routes, DTOs and wiring of the employer agent's HTTP API.
public enum AgentAPIInfo {}
