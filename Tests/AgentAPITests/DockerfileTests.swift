import Foundation
import Testing

/// The Dockerfile's shape, checked without a Docker engine (CI has none): two stages,
/// a slim runtime holding what the build stage collected, a non-root user, a health check.
@Suite struct DockerfileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Instructions with continuation lines joined and comments dropped.
    static func instructions() throws -> [(keyword: String, rest: String)] {
        let text = try String(contentsOf: root.appendingPathComponent("Dockerfile"), encoding: .utf8)
        var joined: [String] = []
        var current = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current.isEmpty && (trimmed.isEmpty || trimmed.hasPrefix("#")) { continue }
            if trimmed.hasSuffix("\\") {
                current += trimmed.dropLast() + " "
            } else {
                joined.append(current + trimmed)
                current = ""
            }
        }
        return joined.map { line in
            let keyword = line.prefix { !$0.isWhitespace }
            return (String(keyword).uppercased(), line.dropFirst(keyword.count).trimmingCharacters(in: .whitespaces))
        }
    }

    @Test func buildsOnTheSwiftImageAndRunsOnSlimBookworm() throws {
        let all = try Self.instructions()
        let stages = all.filter { $0.keyword == "FROM" }.map(\.rest)
        #expect(stages.count == 2)
        #expect(stages.first?.hasPrefix("swift:6.3-bookworm AS build") == true)
        #expect(stages.last?.hasPrefix("debian:bookworm-slim") == true)
        let buildStage = all.prefix { $0.rest != stages.last }
        #expect(buildStage.contains { $0.keyword == "RUN" && $0.rest.contains("scripts/runtime-check.sh") && $0.rest.contains("--into /runtime") })
        #expect(buildStage.contains { $0.keyword == "RUN" && $0.rest.contains("swift build -c release") })
    }

    @Test func runtimeStageIsSmallUnprivilegedAndChecked() throws {
        let all = try Self.instructions()
        let lastFrom = try #require(all.lastIndex { $0.keyword == "FROM" })
        let runtime = Array(all[lastFrom...])
        #expect(runtime.contains { $0.keyword == "COPY" && $0.rest.hasPrefix("--from=build /runtime/") })
        // Nothing of the toolchain: only certificates and fonts are installed.
        let installs = runtime.filter { $0.keyword == "RUN" }.map(\.rest).joined(separator: " ")
        #expect(installs.contains("fonts-noto-core"))
        #expect(!installs.contains("-dev"))
        let user = try #require(runtime.last { $0.keyword == "USER" })
        #expect(user.rest != "root" && user.rest != "0")
        let userIndex = try #require(runtime.lastIndex { $0.keyword == "USER" })
        let entry = try #require(runtime.lastIndex { $0.keyword == "ENTRYPOINT" })
        #expect(userIndex < entry, "USER must come before the entry point")
        #expect(runtime.contains { $0.keyword == "VOLUME" && $0.rest.contains("/data") })
        #expect(runtime.contains { $0.keyword == "EXPOSE" && $0.rest.contains("8080") })
        let health = try #require(runtime.first { $0.keyword == "HEALTHCHECK" })
        #expect(health.rest.contains("/health"))
        #expect(health.rest.contains("CMD"))
    }

    @Test func runtimeCheckScriptExists() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.root.appendingPathComponent("scripts/runtime-check.sh").path))
    }
}
