import Foundation
import Testing
@testable import Notices

/// Prints render times when NOTICES_TIMING is set (`NOTICES_TIMING=1 swift test
/// --filter RenderTimingTests`); the figures in docs/notices/README.md come from here.
@Suite struct RenderTimingTests {
    @Test func renderTimes() async throws {
        guard ProcessInfo.processInfo.environment["NOTICES_TIMING"] != nil else { return }
        let clock = ContinuousClock()
        var renderer: NoticeRenderer?
        let start = clock.measure { renderer = try? NoticeRenderer() }
        let shared = try #require(renderer)
        print("start-up (fonts, thread): \(start)")
        let first = try await clock.measure { _ = try await shared.render(Fixture.fan(.dual), language: nil, format: .pdf) }
        print("first PDF in the process: \(first)")
        for language in NoticeLanguages.shipped {
            for (name, content) in [("FAN", Fixture.fan(.dual)), ("RDC", Fixture.rdc(.dual)), ("summary", Fixture.summary())] {
                let runs = 10
                var size = 0
                let elapsed = try await clock.measure {
                    for _ in 0..<runs { size = try await shared.render(content, language: language, format: .pdf).count }
                }
                print("\(language) \(name): \(elapsed / runs) per PDF, \(size / 1024) KB")
            }
        }
        let html = try await clock.measure {
            for _ in 0..<100 { _ = try await shared.render(Fixture.fan(.dual), language: "es", format: .html) }
        }
        print("HTML FAN en+es: \(html / 100)")
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        print(status.split(separator: "\n").filter { $0.hasPrefix("VmHWM") || $0.hasPrefix("VmRSS") }.joined(separator: "; "))
    }
}
