/// A first-come, first-served lock that can be held across `await`, in two strengths:
/// a step on one case holds that case's key, so steps on *different* cases run side
/// by side while two steps on one case never interleave (each reads the store, decides
/// and writes back); a step on the whole simulator (the clock, updates, settings)
/// holds everything. An actor alone would not do: it is re-entered at every suspension.
///
/// Fairness: waiters are granted in arrival order, except that a keyed waiter may pass
/// one whose key is busy; nobody passes a waiting whole-simulator step, so a stream of
/// case steps cannot starve a clock move.
actor SerialGate {
    /// What a step holds: one key, or everything (`nil`).
    typealias Claim = String?

    private var wholeHeld = false
    private var heldKeys: Set<String> = []
    private var waiting: [(claim: Claim, continuation: CheckedContinuation<Void, Never>)] = []

    /// Waits until `claim` can be held, then holds it. `nil` claims the whole simulator.
    func acquire(_ claim: Claim = nil) async {
        if waiting.isEmpty && canGrant(claim) {
            hold(claim)
            return
        }
        await withCheckedContinuation { waiting.append((claim, $0)) }
    }

    /// Gives `claim` back and grants every waiter that may go now.
    func release(_ claim: Claim = nil) {
        if let key = claim { heldKeys.remove(key) } else { wholeHeld = false }
        var passedKeys: Set<String> = []
        var index = 0
        while index < waiting.count {
            let claim = waiting[index].claim
            if let key = claim, passedKeys.contains(key) {
                index += 1
                continue
            }
            if canGrant(claim) {
                hold(claim)
                waiting.remove(at: index).continuation.resume()
                continue
            }
            // A whole-simulator step that must wait blocks everyone behind it.
            guard let key = claim else { return }
            // Later steps on the same case keep their order behind this one.
            passedKeys.insert(key)
            index += 1
        }
    }

    private func canGrant(_ claim: Claim) -> Bool {
        if wholeHeld { return false }
        guard let key = claim else { return heldKeys.isEmpty }
        return !heldKeys.contains(key)
    }

    private func hold(_ claim: Claim) {
        if let key = claim { heldKeys.insert(key) } else { wholeHeld = true }
    }
}
