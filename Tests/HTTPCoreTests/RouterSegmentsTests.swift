import Testing
@testable import HTTPCore

/// The router's split of a path on bytes gives what the split on characters gives.
@Suite struct RouterSegmentsTests {
    static let paths: [Substring] = [
        "", "/", "//", "/api/v1/cases", "/api/v1/cases/", "//api//v1///cases/2026338000001AB/submit",
        "api/v1", "/a%2Fb/c", "/x", "/é/cases", "/a/\u{301}b", "/cases/e\u{301}/x",
    ]

    @Test(arguments: paths)
    func agreesWithTheCharacterSplit(_ path: Substring) {
        #expect(Router<BasicRouterContext>.segments(of: path) == path.split(separator: "/", omittingEmptySubsequences: true))
    }

    @Test func aSubstringOfALongerTargetKeepsItsBounds() {
        let target = "/api/v1/cases/123/submit?x=/y"
        let path = HTTPRequest.path(of: target)
        #expect(Router<BasicRouterContext>.segments(of: path) == ["api", "v1", "cases", "123", "submit"])
    }
}
