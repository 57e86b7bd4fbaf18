import Foundation
import Synchronization

/// One dedicated thread that owns the `PDFEngine` and runs render jobs in order.
///
/// cairo and pango objects are not thread-safe and pango's caches live with its
/// font map, so all drawing happens here; callers suspend instead of blocking
/// the cooperative pool. One thread also pays pango's warm-up (about 0.1–0.2 s,
/// 40–60 MB) once instead of per thread.
final class RenderThread: Sendable {
    typealias Job = @Sendable (PDFEngine) -> Void

    private let mailbox = Mailbox()

    /// Starts the thread and waits until its engine is ready, so missing fonts fail here.
    init(fontDirectories: [String]) throws(NoticeError) {
        let mailbox = mailbox
        let thread = Thread {
            let setup = Result { () throws(NoticeError) -> PDFEngine in try PDFEngine(fontDirectories: fontDirectories) }
            mailbox.finishSetup(setup.map { _ in () })
            guard case .success(let engine) = setup else { return }
            while let job = mailbox.next() { job(engine) }
        }
        thread.name = "notice-render"
        thread.start()
        try mailbox.waitForSetup().get()
    }

    deinit { mailbox.close() }

    /// Runs `work` on the render thread and returns its result.
    func run<T: Sendable>(_ work: @escaping @Sendable (PDFEngine) throws(NoticeError) -> T) async throws(NoticeError) -> T {
        let result: Result<T, NoticeError> = await withCheckedContinuation { continuation in
            let posted = mailbox.post { engine in
                continuation.resume(returning: Result { () throws(NoticeError) -> T in try work(engine) })
            }
            if !posted { continuation.resume(returning: .failure(.rendererStopped)) }
        }
        return try result.get()
    }
}

/// The jobs waiting for the render thread, and the outcome of its start-up.
/// A `Mutex` guards the state; semaphores let the thread sleep while idle.
private final class Mailbox: Sendable {
    private struct State {
        var jobs: [RenderThread.Job] = []
        var closed = false
        var setup: Result<Void, NoticeError>?
    }

    private let state = Mutex(State())
    /// Signalled once per posted job and once on close.
    private let available = DispatchSemaphore(value: 0)
    private let setupDone = DispatchSemaphore(value: 0)

    /// Queues a job; false once closed.
    func post(_ job: @escaping RenderThread.Job) -> Bool {
        let accepted = state.withLock { state in
            guard !state.closed else { return false }
            state.jobs.append(job)
            return true
        }
        if accepted { available.signal() }
        return accepted
    }

    /// The next job in order, waiting for one; nil when closed and drained.
    func next() -> RenderThread.Job? {
        available.wait()
        return state.withLock { state in state.jobs.isEmpty ? nil : state.jobs.removeFirst() }
    }

    /// Ends the thread after the jobs already queued.
    func close() {
        let wasOpen = state.withLock { state in
            defer { state.closed = true }
            return !state.closed
        }
        if wasOpen { available.signal() }
    }

    func finishSetup(_ result: Result<Void, NoticeError>) {
        state.withLock { $0.setup = result }
        setupDone.signal()
    }

    func waitForSetup() -> Result<Void, NoticeError> {
        setupDone.wait()
        return state.withLock { $0.setup } ?? .failure(.rendererStopped)
    }
}
