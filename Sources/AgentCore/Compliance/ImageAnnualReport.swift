/// Rule IMG-10: the counts of the IMAGE annual report, from the cases a client created in
/// the year. Kept apart from storage so the counting is tested on its own.
public struct ImageAnnualCounts: Sendable, Equatable {
    public static let resultKeys = ["EMPLOYMENT_AUTHORIZED", "FINAL_NONCONFIRMATION", "NO_ACTION_FNC", "CLOSE_CASE_AND_RESUBMIT", "OPEN",
                                    "CLOSED_WITHOUT_RESULT"]
    public var byResult: [String: Int]
    public var byCitizenship: [String: Int]
    /// Closures "terminated because of a final nonconfirmation".
    public var discharged: Int
    public var total: Int

    public init(year: Int, cases: [StoredCase]) {
        byResult = Dictionary(uniqueKeysWithValues: Self.resultKeys.map { ($0, 0) })
        byCitizenship = Dictionary(uniqueKeysWithValues: CitizenshipStatus.allCases.map { ($0.rawValue, 0) })
        discharged = 0
        total = 0
        for c in cases where c.progress.createdOn.year == year {
            total += 1
            let result: String
            if c.progress.status != .closed { result = "OPEN" } else { result = c.progress.eligibility?.rawValue ?? "CLOSED_WITHOUT_RESULT" }
            byResult[result, default: 0] += 1
            if let code = c.input.citizenshipStatusCode, let status = CitizenshipStatus(code: code) {
                byCitizenship[status.rawValue, default: 0] += 1
            }
            if c.progress.closure?.reason == .terminatedForFNC { discharged += 1 }
        }
    }
}
