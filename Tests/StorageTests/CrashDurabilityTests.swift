import Foundation
import Synchronization
import Testing
@testable import Storage

/// Every write acknowledged by the writer survives the process being SIGKILLed.
///
/// The probe (`storage-crash-probe`, built with the tests by `swift build --build-tests`)
/// prints `ACK <id>` after each acknowledged write; the test kills it after enough ACKs
/// and then checks the file. (SIGKILL keeps the OS page cache, so this checks that
/// callers are answered only after COMMIT; synchronous=FULL covers power loss.)
@Suite(.serialized) struct CrashDurabilityTests {
    static let probeName = "storage-crash-probe"
    static let ackTarget = 300

    static func probeCandidates() -> [URL] {
        var directories: [URL] = []
        // The test runner's own directory: .build/<triple>/debug next to the probe.
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        if let selfPath = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            directories.append(URL(fileURLWithPath: selfPath).deletingLastPathComponent())
        }
        directories.append(Bundle.main.bundleURL)
        directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
        let build = repositoryRoot().appendingPathComponent(".build")
        directories.append(build.appendingPathComponent("debug"))
        directories.append(build.appendingPathComponent("release"))
        return directories.map { $0.appendingPathComponent(probeName) }
    }

    static func probeURL() -> URL? {
        probeCandidates().first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct ProbeRun {
        var acked: [Int64] = []
        var reachedTarget = false
        var stderr = ""
    }

    /// Runs the probe until `ackTarget` ACKs, SIGKILLs it, and returns every id it
    /// acknowledged (including lines flushed between the target and the kill). Blocking
    /// pipe reads happen on a thread of their own, not the cooperative pool.
    static func runProbe(_ probe: URL, database: String, writers: Int) async throws -> ProbeRun {
        let process = Process()
        process.executableURL = probe
        process.arguments = [database, String(writers)]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let pid = process.processIdentifier

        return await withCheckedContinuation { (continuation: CheckedContinuation<ProbeRun, Never>) in
            let reader = Thread {
                var run = ProbeRun()
                var pending = Data()
                var killed = false
                let deadline = Date().addingTimeInterval(120)
                let readHandle = output.fileHandleForReading
                while true {
                    let chunk = readHandle.availableData
                    if chunk.isEmpty { break }  // EOF: the probe is gone and its pipe closed
                    pending.append(chunk)
                    while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                        let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                        pending.removeSubrange(pending.startIndex...newline)
                        if line.hasPrefix("ACK "), let id = Int64(line.dropFirst(4)) { run.acked.append(id) }
                    }
                    if !killed && (run.acked.count >= ackTarget || Date() > deadline) {
                        run.reachedTarget = run.acked.count >= ackTarget
                        kill(pid, SIGKILL)
                        killed = true
                        process.waitUntilExit()
                        // Our copy of the write end would keep the pipe open forever.
                        try? output.fileHandleForWriting.close()
                    }
                }
                if !killed { process.waitUntilExit() }
                try? errors.fileHandleForWriting.close()
                run.stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                continuation.resume(returning: run)
            }
            reader.start()
        }
    }

    @Test(arguments: 1...3)
    func everyAcknowledgedWriteSurvivesSIGKILL(round: Int) async throws {
        guard let probe = Self.probeURL() else {
            Issue.record("""
                \(Self.probeName) not found (looked in \(Self.probeCandidates().map(\.path).joined(separator: ", "))); \
                build it with `swift build --build-tests` or `swift build --product \(Self.probeName)`
                """)
            return
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("probe.sqlite")

        let run = try await Self.runProbe(probe, database: path, writers: 8)
        #expect(run.reachedTarget, "probe stopped after \(run.acked.count) ACKs; stderr: \(run.stderr)")
        #expect(Set(run.acked).count == run.acked.count, "an id was acknowledged twice")

        let connection = try Connection(path: path)
        let rows = try connection.query("SELECT id, payload FROM probe") { ($0.int64(at: 0), $0.blob(at: 1) ?? []) }
        let stored = Dictionary(rows, uniquingKeysWith: { first, _ in first })
        let missing = run.acked.filter { stored[$0] == nil }
        #expect(missing.isEmpty, "round \(round): \(missing.count) of \(run.acked.count) acknowledged rows lost, e.g. \(missing.prefix(10))")
        let corrupt = run.acked.filter { id in stored[id].map { $0 != probePayload(for: id) } ?? false }
        #expect(corrupt.isEmpty, "round \(round): payload differs for \(corrupt.prefix(10))")
        #expect(try connection.scalar("PRAGMA integrity_check") == .text("ok"))
    }
}

/// Mirrors the probe's payload function.
func probePayload(for id: Int64) -> [UInt8] {
    (0..<64).map { UInt8(truncatingIfNeeded: id &* 131 &+ Int64($0)) }
}
