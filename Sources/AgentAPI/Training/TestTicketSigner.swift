import AgentCore
import Crypto
import Synchronization

/// Turns a `TestTicket` into the opaque, tamper-proof `test_id` and back (TRN-1): the
/// payload in base64url, a dot, and its HMAC-SHA256. Nothing about a drawn test is stored,
/// so drawing a test costs no write and a restart loses no test in progress.
struct TestTicketSigner: Sendable {
    private let key: [UInt8]

    /// `keyMaterial` is a long-lived server secret; a key for this one purpose is derived
    /// from it, so a test id can never be mistaken for any other MAC the service makes.
    init(keyMaterial: [UInt8]) {
        key = HMAC.sha256(key: keyMaterial, data: Array("employer-agent training test id v1".utf8))
    }

    func testID(for ticket: TestTicket) -> String {
        let payload = ticket.payload
        return Base64.encode(payload, alphabet: .url, padding: false) + "."
            + Base64.encode(HMAC.sha256(key: key, data: payload), alphabet: .url, padding: false)
    }

    /// The ticket behind `testID`, or nil when it is not one this key signed unchanged.
    func ticket(_ testID: String) -> TestTicket? {
        let parts = testID.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Base64.decode(String(parts[0]), alphabet: .url),
              let mac = Base64.decode(String(parts[1]), alphabet: .url),
              HMAC.isValid(mac, for: payload, key: key, using: .sha256) else { return nil }
        return TestTicket(payload: payload)
    }

    /// A short stable name of a drawn test, kept in its training record's note so that the
    /// test is answered once. It is taken from the decoded ticket, not the id's text: one
    /// ticket has several texts (padding `=` is accepted, say), and each must be the same test.
    static func fingerprint(_ ticket: TestTicket) -> String {
        Hex.encode(Array(SHA256.hash(ticket.payload).prefix(16)))
    }
}

/// Test ids whose attempt is being graded right now. The durable guard against a replay
/// is the training record (its note names the test id); this closes the window between
/// looking for that record and writing it when the same id arrives twice at once.
final class AttemptsInProgress: Sendable {
    private let fingerprints = Mutex<Set<String>>([])

    func claim(_ fingerprint: String) -> Bool { fingerprints.withLock { $0.insert(fingerprint).inserted } }
    func release(_ fingerprint: String) { _ = fingerprints.withLock { $0.remove(fingerprint) } }
}
