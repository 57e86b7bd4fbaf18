import Foundation
import Glibc

/// Where log lines go: an in-memory buffer that a dedicated thread writes to a file
/// descriptor (standard error by default). Callers, event-loop threads included, only copy
/// bytes under a short lock; no system call, so a request never waits on a paused terminal
/// or a slow disk. The thread writes at least every `flushInterval`, sooner once
/// `flushThreshold` bytes wait, and everything at `shutdown()`. While the output blocks and
/// `capacity` bytes wait, new lines are dropped and counted; a notice with the count is
/// written once the output takes bytes again.
///
/// Thread-safety: every `var` below is read and written only while `condition` is locked,
/// which is why the class can be `@unchecked Sendable`.
public final class LogSink: @unchecked Sendable {
    public struct Limits: Sendable {
        public var flushThreshold = 64 * 1024
        public var capacity = 8 * 1024 * 1024
        public var flushInterval: Double = 1
        public init() {}
    }

    /// How the writer thread reports dropped lines: the line to write for `count` dropped
    /// (with the timestamp's place, as formatted lines carry it).
    public typealias DropNotice = @Sendable (_ count: Int) -> (line: [UInt8], timestampOffset: Int?)

    private let fd: Int32
    private let limits: Limits
    private let dropNotice: DropNotice
    private let condition = NSCondition()
    private var pending: [UInt8] = []
    private var spare: [UInt8] = []
    private var dropped = 0
    private var droppedTotal = 0
    private var timestamp = LogTimestamp()
    private var wakeRequested = false
    private var stopping = false
    /// Writes happen inline, under the lock: before `start()`, after `shutdown()`
    /// finished, or for a sink made synchronous (short commands that exit soon after).
    private var inline = true

    /// A sink on `fileDescriptor`; `buffered: false` writes each line at once (for short
    /// commands, where a lost buffer at exit would cost more than the writes).
    public init(fileDescriptor: Int32 = STDERR_FILENO, limits: Limits = Limits(), buffered: Bool = true,
                dropNotice: @escaping DropNotice = LogSink.plainDropNotice) {
        self.fd = fileDescriptor
        self.limits = limits
        self.dropNotice = dropNotice
        pending.reserveCapacity(limits.flushThreshold * 2)
        spare.reserveCapacity(limits.flushThreshold * 2)
        if buffered {
            inline = false
            let thread = Thread { [self] in runWriter() }
            thread.name = "log-writer"
            thread.start()
        }
    }

    public static let plainDropNotice: DropNotice = { count in
        (Array("log lines dropped while the output was blocked: \(count)\n".utf8), nil)
    }

    /// Lines dropped so far because the output was blocked.
    public var droppedLines: Int {
        condition.lock()
        defer { condition.unlock() }
        return droppedTotal + dropped
    }

    /// Queues one line (it ends with its own newline); the current time is inserted at
    /// `timestampOffset`. Never blocks on the output.
    public func write(_ line: UnsafeRawBufferPointer, timestampOffset: Int?) {
        let size = line.count + (timestampOffset == nil ? 0 : LogTimestamp.byteCount)
        condition.lock()
        defer { condition.unlock() }
        if !inline && pending.count + size > limits.capacity {
            dropped += 1
            return
        }
        Self.append(line, timestampOffset: timestampOffset, stamp: &timestamp, to: &pending)
        if inline {
            Self.writeAll(fd, pending)
            pending.removeAll(keepingCapacity: true)
        } else if pending.count >= limits.flushThreshold && !wakeRequested {
            // One wake-up per threshold crossing: the writer clears the flag when it takes the buffer.
            wakeRequested = true
            condition.signal()
        }
    }

    /// A formatted line from `LogLineBuilder`.
    public func write(_ line: borrowing LogLineBuilder) {
        line.withBytes { write($0, timestampOffset: line.timestampOffset) }
    }

    /// Writes everything queued and stops the writer thread; waits at most `timeout`
    /// seconds (an output blocked for good must not stop the process from exiting). Lines
    /// written afterwards go out at once.
    public func shutdown(timeout: Double = 5) {
        condition.lock()
        defer { condition.unlock() }
        guard !inline else { return }
        stopping = true
        condition.broadcast()
        let deadline = Date(timeIntervalSinceNow: timeout)
        while !inline {
            if !condition.wait(until: deadline) { break }
        }
    }

    private static func append(_ line: UnsafeRawBufferPointer, timestampOffset: Int?, stamp: inout LogTimestamp,
                               to buffer: inout [UInt8]) {
        guard let offset = timestampOffset, (0...line.count).contains(offset) else {
            buffer.append(contentsOf: line)
            return
        }
        buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[..<offset]))
        stamp.appendNow(to: &buffer)
        buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[offset...]))
    }

    /// The writer thread: waits for the interval, the threshold or shutdown, takes the
    /// whole buffer (swapping in the spare one, so callers keep appending meanwhile) and
    /// writes it with the lock released.
    private func runWriter() {
        condition.lock()
        var deadline = Date(timeIntervalSinceNow: limits.flushInterval)
        while true {
            while !stopping && pending.count < limits.flushThreshold {
                if !condition.wait(until: deadline) { break }
            }
            deadline = Date(timeIntervalSinceNow: limits.flushInterval)
            var chunk = spare
            swap(&chunk, &pending)
            wakeRequested = false
            let lost = dropped
            droppedTotal += dropped
            dropped = 0
            var notice: [UInt8] = []
            if lost > 0 {
                let (line, offset) = dropNotice(lost)
                line.withUnsafeBytes { Self.append($0, timestampOffset: offset, stamp: &timestamp, to: &notice) }
            }
            let last = stopping
            condition.unlock()

            Self.writeAll(fd, chunk)
            // The lines kept were queued before the ones dropped, so the notice follows them.
            Self.writeAll(fd, notice)
            // A buffer that grew while the output was blocked is not kept at that size.
            chunk.removeAll(keepingCapacity: chunk.capacity <= limits.flushThreshold * 4)

            condition.lock()
            spare = chunk
            if last && pending.isEmpty && dropped == 0 { break }
        }
        inline = true
        condition.broadcast()
        condition.unlock()
    }

    /// Writes all of `bytes`, retrying after signals and waiting (poll) while a
    /// non-blocking descriptor is full. Other errors drop the rest: there is nowhere left
    /// to report them.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, base + offset, raw.count - offset)
                if n > 0 {
                    offset += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                    var waiting = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&waiting, 1, 1000)
                } else {
                    return
                }
            }
        }
    }
}
