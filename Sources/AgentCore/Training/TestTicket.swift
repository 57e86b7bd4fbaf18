/// What a test id stands for: who drew which questions, when, under which curriculum.
/// The service signs it (the id is the signed ticket), so no drawn test is stored; this
/// type only knows the text form and the rules of validity.
public struct TestTicket: Sendable, Equatable {
    public let kind: TestKind
    public let userID: UserID
    /// Seconds since 1970 on the real clock: a test's lifetime is a security clock
    /// (API.md "Clocks"), not the simulated date.
    public let issuedAt: Int64
    public let curriculumVersion: String
    public let questionIDs: [String]

    /// How long a drawn test may be answered: long enough to read and think, short enough
    /// that an id copied from someone's screen soon stops working.
    public static let lifetimeSeconds: Int64 = 2 * 60 * 60
    /// Issuer and checker clocks are the same machine's; a little slack covers a step.
    static let futureSlackSeconds: Int64 = 60

    public init(kind: TestKind, userID: UserID, issuedAt: Int64, curriculumVersion: String, questionIDs: [String]) {
        self.kind = kind
        self.userID = userID
        self.issuedAt = issuedAt
        self.curriculumVersion = curriculumVersion
        self.questionIDs = questionIDs
    }

    /// `t1|KIND|issuedAt|userID|q1,q2,…|curriculumVersion`. The version comes last and
    /// takes the rest of the text, so a `|` in a configured version cannot shift fields.
    public var payload: [UInt8] {
        Array(["t1", kind.rawValue, String(issuedAt), userID.rawValue, questionIDs.joined(separator: ","), curriculumVersion]
            .joined(separator: "|").utf8)
    }

    /// The ticket a payload describes, or nil when it is not one this type wrote.
    public init?(payload: [UInt8]) {
        let parts = String(decoding: payload, as: UTF8.self).split(separator: "|", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "t1", let kind = TestKind(rawValue: String(parts[1])),
              let issuedAt = Int64(parts[2]), !parts[3].isEmpty, !parts[4].isEmpty else { return nil }
        self.init(kind: kind, userID: UserID(String(parts[3])), issuedAt: issuedAt, curriculumVersion: String(parts[5]),
                  questionIDs: parts[4].split(separator: ",").map(String.init))
    }

    public var expiresAt: Int64 { issuedAt + Self.lifetimeSeconds }

    /// Why this ticket cannot be answered by `user` now, or nil when it can.
    public func refusal(for user: UserID, curriculumVersion current: String, now: Int64) -> String? {
        if userID != user { return "This test was drawn for another user." }
        if curriculumVersion != current {
            return "This test belongs to curriculum \(curriculumVersion); the current one is \(current). Draw a new test."
        }
        if now >= expiresAt { return "This test has expired (tests may be answered for 2 hours). Draw a new test." }
        if issuedAt > now + Self.futureSlackSeconds { return "This test id is not valid." }
        return nil
    }
}
