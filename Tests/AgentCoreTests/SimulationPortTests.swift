import Testing
@testable import AgentCore

/// The pure parts of the simulator port: timestamps of outage windows, the stored form
/// of results, the stage a result leads to.
@Suite struct SimulationPortTests {
    static func ms(_ text: String, end: Bool = false) -> Int64? { SimulationTimestamp.parse(text, rangeEnd: end) }

    static let dayMs: Int64 = 86_400_000
    /// 2025-03-03T00:00:00Z.
    static let march3 = Int64(CivilDate(iso: "2025-03-03")!.dayNumber) * dayMs

    @Test func datesCoverTheWholeDayAsARangeEnd() {
        #expect(Self.ms("2025-03-03") == Self.march3)
        #expect(Self.ms("2025-03-03", end: true) == Self.march3 + Self.dayMs - 1)
    }

    @Test func dateTimesWithZonesAndPrecisions() {
        let noon = Self.march3 + 12 * 3_600_000
        #expect(Self.ms("2025-03-03T12:00:00Z") == noon)
        #expect(Self.ms("2025-03-03t12:00:00z") == noon)
        #expect(Self.ms("2025-03-03 12:00") == noon)
        #expect(Self.ms("2025-03-03T08:00:00-04:00") == noon)
        #expect(Self.ms("2025-03-03T17:30+0530") == noon)
        #expect(Self.ms("2025-03-03T14:00+02") == noon)
        #expect(Self.ms("2025-03-03T12:00:00.5Z") == noon + 500)
        #expect(Self.ms("2025-03-03T12:00:00,123456Z") == noon + 123)
        // A range end runs to the end of the unit written.
        #expect(Self.ms("2025-03-03T12:00Z", end: true) == noon + 59_999)
        #expect(Self.ms("2025-03-03T12:00:00Z", end: true) == noon + 999)
        #expect(Self.ms("2025-03-03T12:00:00.5Z", end: true) == noon + 599)
        #expect(Self.ms("2025-03-03T12:00:00.123Z", end: true) == noon + 123)
    }

    @Test(arguments: ["", "2025-03-03T", "2025-03-03T24:00Z", "2025-03-03T12:60Z", "2025-03-03T12:00:61Z", "2025-03-03T12",
                      "2025-03-03T12:00:00.Z", "2025-03-03T12:00Q", "2025-03-03T12:00+5", "2025-02-30", "03/03/2025",
                      "2025-03-03T12:00Z trailing"])
    func malformedTimestampsAreRefused(text: String) {
        #expect(Self.ms(text) == nil)
    }

    @Test func formatAndDatesOfAnInstant() {
        #expect(SimulationTimestamp.format(Self.march3 + 45_296_789) == "2025-03-03T12:34:56.789Z")
        #expect(SimulationTimestamp.format(-1) == "1969-12-31T23:59:59.999Z")
        #expect(SimulationTimestamp.date(of: -1) == CivilDate(iso: "1969-12-31"))
        let outage = SimulatedOutage(fromMs: Self.march3 - 1, toMs: Self.march3 + Self.dayMs)
        #expect(outage.dates == CivilDate(iso: "2025-03-02")!...CivilDate(iso: "2025-03-04")!)
        #expect(outage.contains(Self.march3) && !outage.contains(Self.march3 + Self.dayMs + 1))
    }

    @Test func everyResultSurvivesItsStoredForm() {
        var results: [GovernmentResult] = [
            .employmentAuthorized, .unconfirmedData(fields: ["first_name", "date_of_birth"]), .unconfirmedData(fields: []),
            .photoMatchRequired, .scanAndUploadRequired, .manualReview(expectedBy: CivilDate(iso: "2025-03-06")!),
            .caseInContinuance, .closeCaseAndResubmit, .finalNonconfirmation,
        ]
        results += MismatchKind.allCases.map { .tentativeNonconfirmation($0) }
        for result in results {
            #expect(GovernmentResult(simulationCode: result.simulationCode) == result, "\(result.simulationCode)")
        }
        for junk in ["", "EMPLOYMENT_AUTHORIZED:x", "MANUAL_REVIEW:soon", "TENTATIVE_NONCONFIRMATION:FBI_TNC", "PHOTO_MATCH:"] {
            #expect(GovernmentResult(simulationCode: junk) == nil, "\(junk)")
        }
    }

    @Test func eachResultLeadsToItsStage() {
        #expect(SimulatedCaseStage(after: .tentativeNonconfirmation(.dual)) == .tentativeNonconfirmation)
        #expect(SimulatedCaseStage(after: .manualReview(expectedBy: .referenceDate)) == .manualReview)
        #expect(SimulatedCaseStage(after: .closeCaseAndResubmit) == .closeCaseAndResubmit)
    }

    @Test func namesAndNumbersOfASimulatedPerson() {
        #expect(SimulatedPerson.isValidName("José-María O'Brien Jr."))
        #expect(!SimulatedPerson.isValidName("R2D2"))
        #expect(!SimulatedPerson.isValidName("'-."))
        #expect(!SimulatedPerson.isValidName(String(repeating: "a", count: 41)))
        #expect(SimulatedPerson.isAlienNumber("A012345678"))
        #expect(!SimulatedPerson.isAlienNumber("012345678"))
        #expect(SimulatedPerson.ssnIssue("151-20-1001") == nil)
    }

    @Test func faultLimits() {
        #expect(SimulatedFaults(errorRate: .nan).validationIssues.map(\.field) == ["error_rate"])
        #expect(SimulatedFaults(errorRate: 1, latencyMs: 60_000).validationIssues.isEmpty)
    }
}
