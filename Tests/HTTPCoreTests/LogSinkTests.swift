import Foundation
import Glibc
import Synchronization
import Testing
@testable import HTTPCore

/// A temporary file the sink writes to, read back by the test.
private struct OutputFile {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("log-sink-\(UUID().uuidString)").path
    let fd: Int32

    init() throws {
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw POSIXError(.EIO) }
    }

    var text: String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
    var lines: [Substring] { text.split(separator: "\n") }

    func remove() {
        close(fd)
        unlink(path)
    }
}

private func write(_ text: String, to sink: LogSink) {
    Array(text.utf8).withUnsafeBytes { sink.write($0, timestampOffset: nil) }
}

@Suite("LogSink")
struct LogSinkTests {
    @Test("lines from several threads arrive whole and, per thread, in order")
    func linesArriveInOrder() throws {
        let output = try OutputFile()
        defer { output.remove() }
        var limits = LogSink.Limits()
        limits.flushThreshold = 512
        let sink = LogSink(fileDescriptor: output.fd, limits: limits)
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for n in 0..<500 { write("thread=\(thread) n=\(n)\n", to: sink) }
        }
        sink.shutdown()
        let lines = output.lines
        #expect(lines.count == 2000)
        for thread in 0..<4 {
            let mine = lines.filter { $0.hasPrefix("thread=\(thread) ") }
            #expect(mine == (0..<500).map { "thread=\(thread) n=\($0)"[...] })
        }
        #expect(sink.droppedLines == 0)
    }

    @Test("shutdown writes everything still buffered")
    func shutdownFlushesEverything() async throws {
        let output = try OutputFile()
        defer { output.remove() }
        var limits = LogSink.Limits()
        limits.flushInterval = 3600
        limits.flushThreshold = 1 << 20
        let sink = LogSink(fileDescriptor: output.fd, limits: limits)
        for n in 0..<100 { write("line \(n)\n", to: sink) }
        // Neither the interval nor the threshold has come: nothing is written yet.
        try await Task.sleep(for: .milliseconds(100))
        #expect(output.text.isEmpty)
        sink.shutdown()
        #expect(output.lines == (0..<100).map { "line \($0)"[...] })
        // After shutdown, lines are written at once.
        write("late\n", to: sink)
        #expect(output.lines.last == "late")
    }

    @Test("a line is written within the flush interval without reaching the threshold")
    func flushesOnTheInterval() async throws {
        let output = try OutputFile()
        defer { output.remove() }
        var limits = LogSink.Limits()
        limits.flushInterval = 0.1
        let sink = LogSink(fileDescriptor: output.fd, limits: limits)
        defer { sink.shutdown() }
        write("soon\n", to: sink)
        let deadline = Date().addingTimeInterval(5)
        while output.text.isEmpty && Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(output.text == "soon\n")
    }

    @Test("the timestamp goes where the line marks it")
    func insertsTheTimestamp() throws {
        let output = try OutputFile()
        defer { output.remove() }
        let sink = LogSink(fileDescriptor: output.fd, buffered: false)
        LogLineBuilder.withLine { line in
            line.append("at ")
            line.markTimestamp()
            line.append(" done\n")
            sink.write(line)
        }
        let text = output.text
        #expect(text.hasPrefix("at 20") && text.hasSuffix("Z done\n"))
        #expect(text.utf8.count == "at  done\n".utf8.count + LogTimestamp.byteCount)
    }

    @Test("timestamps are RFC 3339 UTC with milliseconds", arguments: [
        (0, 5, "1970-01-01T00:00:00.005Z"),
        (1_700_000_000, 999, "2023-11-14T22:13:20.999Z"),
        (951_782_400, 120, "2000-02-29T00:00:00.120Z"),
    ])
    func timestampFormat(_ second: Int, _ millisecond: Int, _ expected: String) {
        var stamp = LogTimestamp()
        var out: [UInt8] = []
        stamp.append(epochSecond: second, millisecond: millisecond, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == expected)
        #expect(out.count == LogTimestamp.byteCount)
    }

    @Test("a blocked output drops and counts lines instead of blocking; a notice follows once it drains")
    func blockedOutputDropsAndCounts() async throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let (reader, writer) = (ends[0], ends[1])
        defer { close(reader); close(writer) }
        // The smallest pipe the kernel allows (one page), so it fills at once.
        _ = fcntl(writer, 1031, 4096)  // F_SETPIPE_SZ (Linux), not exported by Glibc
        var limits = LogSink.Limits()
        limits.flushThreshold = 1024
        limits.capacity = 16 * 1024
        limits.flushInterval = 0.05
        let sink = LogSink(fileDescriptor: writer, limits: limits)
        let line = String(repeating: "x", count: 99) + "\n"

        // Nobody reads the pipe: the writes must still all return. They run on their own
        // thread so that a sink that blocked would fail this test instead of hanging it;
        // this test waits by sleeping its task, never by blocking a thread of the pool
        // that the other tests of the process share.
        let done = Atomic<Bool>(false)
        Thread.detachNewThread {
            for _ in 0..<5000 { write(line, to: sink) }
            done.store(true, ordering: .sequentiallyConsistent)
        }
        let writing = ContinuousClock.now
        while !done.load(ordering: .sequentiallyConsistent) && ContinuousClock.now - writing < .seconds(60) {
            try await Task.sleep(for: .milliseconds(5))
        }
        let finished = done.load(ordering: .sequentiallyConsistent)
        #expect(finished, "writing log lines blocked on a full output")
        let dropped = sink.droppedLines
        #expect(dropped > 0)
        #expect(dropped < 5000)

        // Drain the pipe: the kept lines come out, and notices whose counts add up to
        // every dropped line (one per time the output was blocked while lines came).
        _ = fcntl(reader, F_SETFL, fcntl(reader, F_GETFL) | O_NONBLOCK)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        func noticed(_ text: String) -> Int {
            text.split(separator: "\n").filter { $0.contains("log lines dropped while the output was blocked: ") }
                .compactMap { $0.split(separator: " ").last.flatMap { Int($0) } }.reduce(0, +)
        }
        let draining = ContinuousClock.now
        while noticed(String(decoding: received, as: UTF8.self)) < dropped && ContinuousClock.now - draining < .seconds(60) {
            let n = read(reader, &buffer, buffer.count)
            if n > 0 { received.append(contentsOf: buffer[0..<n]) } else { try await Task.sleep(for: .milliseconds(5)) }
        }
        // Lines kept after the last drop may still come: stop the sink (it writes all it
        // holds) while reading on, then read what is left.
        let stoppedSink = Atomic<Bool>(false)
        Thread.detachNewThread {
            sink.shutdown(timeout: 30)
            stoppedSink.store(true, ordering: .sequentiallyConsistent)
        }
        let stopping = ContinuousClock.now
        while ContinuousClock.now - stopping < .seconds(60) {
            let n = read(reader, &buffer, buffer.count)
            if n > 0 {
                received.append(contentsOf: buffer[0..<n])
            } else if stoppedSink.load(ordering: .sequentiallyConsistent) {
                break
            } else {
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        let text = String(decoding: received, as: UTF8.self)
        #expect(noticed(text) == dropped)
        let kept = text.split(separator: "\n").filter { $0.hasPrefix("xxx") }.count
        #expect(kept + dropped == 5000)
    }
}
