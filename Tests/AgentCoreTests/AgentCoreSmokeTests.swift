import Testing
@testable import AgentCore

@Test func versionIsSet() { #expect(!AgentCore.version.isEmpty) }
