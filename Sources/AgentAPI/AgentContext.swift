import HTTPCore

/// The per-request context of the agent's API: what the server knows, plus (as the
/// identity work lands) the authenticated principal.
public struct AgentContext: RouterContext {
    public var info: RequestInfo
    public init(info: RequestInfo) { self.info = info }
}
