/// A first-come, first-served lock that can be held across `await`. Each simulator
/// step reads the store, decides and writes back; holding the gate for the whole step
/// keeps two steps on one case from interleaving (an actor alone would not: it is
/// re-entered at every suspension).
actor SerialGate {
    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard held else {
            held = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the gate straight to the longest waiter, if any.
    func release() {
        if waiting.isEmpty {
            held = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
