import AgentCore
@testable import GovernmentSimulator
import Testing

/// Every catalog scenario driven through the gateway to its final result, as its
/// `path` promises. The clock starts Monday 2025-03-03; "wd" are federal work days
/// (no holidays in March 2025: 1 wd = 03-04, 4 = 03-07, 5 = 03-10, 8 = 03-13, 9 = 03-14).
@Suite struct SimulatorCatalogPathTests {
    /// Refers the case today, advances `workDays`, and returns what `updatedCases` holds.
    static func referAndAdvance(_ simulator: Simulator, _ number: String, _ kind: MismatchKind,
                                workDays: Int) async throws -> [GovernmentUpdate] {
        let receipt = try await simulator.refer(caseNumber: number, kind: kind, on: simulator.today())
        #expect(receipt == ReferralReceipt(referredOn: day("2025-03-03"), contactBy: day("2025-03-13")))
        try await simulator.advance(workDays: workDays)
        return try await simulator.updatedCases()
    }

    static func contacted(_ number: String, _ kind: MismatchKind) -> GovernmentUpdate {
        GovernmentUpdate(caseNumber: number, result: .tentativeNonconfirmation(kind), on: day("2025-03-04"), employeeContacted: true)
    }

    @Test func employmentAuthorized() async throws {
        let (simulator, _) = try await makeSimulator()
        let result = try await simulator.submit(caseRequest(try catalogPerson("employment-authorized"), number: "C1"))
        #expect(result == .employmentAuthorized)
    }

    @Test func areYouSureCorrectedThenEmploymentAuthorized() async throws {
        let (simulator, _) = try await makeSimulator()
        let person = try catalogPerson("are-you-sure-corrected")
        #expect(try await simulator.submit(caseRequest(person, number: "C2", firstName: "Katharine"))
            == .unconfirmedData(fields: ["first_name"]))
        #expect(try await simulator.confirmDetails(caseRequest(person, number: "C2", firstName: "Katherine")) == .employmentAuthorized)
    }

    @Test func areYouSureConfirmedThenSSATNCClearedOnReferral() async throws {
        let (simulator, _) = try await makeSimulator()
        let typo = caseRequest(try catalogPerson("are-you-sure-confirmed"), number: "C3", dateOfBirth: day("1985-04-07"))
        #expect(try await simulator.submit(typo) == .unconfirmedData(fields: ["date_of_birth"]))
        #expect(try await simulator.confirmDetails(typo) == .tentativeNonconfirmation(.ssa))
        let updates = try await Self.referAndAdvance(simulator, "C3", .ssa, workDays: 4)
        #expect(updates == [Self.contacted("C3", .ssa),
                            GovernmentUpdate(caseNumber: "C3", result: .employmentAuthorized, on: day("2025-03-07"), employeeContacted: true)])
    }

    @Test func dhsTNCClearedOnReferral() async throws {
        let (simulator, _) = try await makeSimulator()
        let result = try await simulator.submit(caseRequest(try catalogPerson("dhs-tnc"), number: "C4", documentA: "FORM_I551"))
        #expect(result == .tentativeNonconfirmation(.dhs))
        let updates = try await Self.referAndAdvance(simulator, "C4", .dhs, workDays: 5)
        #expect(updates.last == GovernmentUpdate(caseNumber: "C4", result: .employmentAuthorized, on: day("2025-03-10"), employeeContacted: true))
        #expect(updates.count == 2)
    }

    @Test func dualTNCEndsInFinalNonconfirmation() async throws {
        let (simulator, _) = try await makeSimulator()
        #expect(try await simulator.submit(caseRequest(try catalogPerson("dual-tnc"), number: "C5")) == .tentativeNonconfirmation(.dual))
        let updates = try await Self.referAndAdvance(simulator, "C5", .dual, workDays: 6)
        #expect(updates == [Self.contacted("C5", .dual),
                            GovernmentUpdate(caseNumber: "C5", result: .finalNonconfirmation, on: day("2025-03-11"), employeeContacted: true)])
    }

    @Test func photoMatchingThenEmploymentAuthorized() async throws {
        let (simulator, _) = try await makeSimulator()
        let person = try catalogPerson("photo-match")
        #expect(try await simulator.submit(caseRequest(person, number: "C6", documentA: "FORM_I551")) == .photoMatchRequired)
        let photo = try await simulator.retrievePhoto(caseNumber: "C6")
        #expect(photo == person.photo)
        #expect(photo?.starts(with: [0x89, 0x50, 0x4E, 0x47]) == true)
        #expect(try await simulator.photoMatch(caseNumber: "C6", answer: .matching) == .employmentAuthorized)
    }

    @Test(arguments: [PhotoMatchAnswer.notMatching, .noImage, .cannotDetermine])
    func photoMismatchGoesToScanAndUploadThenDHSPhotoTNC(answer: PhotoMatchAnswer) async throws {
        let (simulator, _) = try await makeSimulator()
        #expect(try await simulator.submit(caseRequest(try catalogPerson("photo-mismatch"), number: "C7", documentA: "FORM_I766"))
            == .photoMatchRequired)
        #expect(try await simulator.photoMatch(caseNumber: "C7", answer: answer) == .scanAndUploadRequired)
        #expect(try await simulator.scanAndUpload(caseNumber: "C7", front: [1, 2, 3], back: [4]) == .tentativeNonconfirmation(.dhsPhoto))
        let updates = try await Self.referAndAdvance(simulator, "C7", .dhsPhoto, workDays: 5)
        #expect(updates.last == GovernmentUpdate(caseNumber: "C7", result: .employmentAuthorized, on: day("2025-03-10"), employeeContacted: true))
    }

    @Test func needsMoreTimeResolvesAfterThreeWorkDays() async throws {
        let (simulator, _) = try await makeSimulator()
        #expect(try await simulator.submit(caseRequest(try catalogPerson("needs-more-time"), number: "C8"))
            == .manualReview(expectedBy: day("2025-03-06")))
        try await simulator.advance(workDays: 2)
        #expect(try await simulator.updatedCases().isEmpty)
        try await simulator.advance(workDays: 1)
        #expect(try await simulator.updatedCases() == [GovernmentUpdate(caseNumber: "C8", result: .employmentAuthorized, on: day("2025-03-06"))])
    }

    @Test func continuanceResolvesTenWorkDaysLater() async throws {
        let (simulator, _) = try await makeSimulator()
        #expect(try await simulator.submit(caseRequest(try catalogPerson("continuance"), number: "C9")) == .tentativeNonconfirmation(.dhs))
        let updates = try await Self.referAndAdvance(simulator, "C9", .dhs, workDays: 5)
        #expect(updates.last == GovernmentUpdate(caseNumber: "C9", result: .caseInContinuance, on: day("2025-03-10"), employeeContacted: true))
        try await simulator.advance(workDays: 10)
        #expect(try await simulator.updatedCases().last
            == GovernmentUpdate(caseNumber: "C9", result: .employmentAuthorized, on: day("2025-03-24"), employeeContacted: true))
    }

    @Test func unresolvedContinuanceStaysUntilClosed() async throws {
        let (simulator, _) = try await makeSimulator()
        #expect(try await simulator.submit(caseRequest(try catalogPerson("continuance-unresolved"), number: "C10"))
            == .tentativeNonconfirmation(.dhs))
        _ = try await Self.referAndAdvance(simulator, "C10", .dhs, workDays: 100)
        #expect(try await simulator.updatedCases().last?.result == .caseInContinuance)
        #expect(try await simulator.pendingJobs().isEmpty)
        try await simulator.close(caseNumber: "C10", reasonCode: "EMPLOYEE_QUIT")
        #expect(try await simulator.simulatedCase(caseNumber: "C10")?.stage == .closed)
    }

    @Test func closeAndResubmitClearsWithTheRightPassportNumber() async throws {
        let (simulator, _) = try await makeSimulator()
        let person = try catalogPerson("close-and-resubmit")
        let wrong = caseRequest(person, number: "C11", usPassportNumber: "561234978", documentA: "US_PASSPORT")
        #expect(try await simulator.submit(wrong) == .closeCaseAndResubmit)
        try await simulator.close(caseNumber: "C11", reasonCode: "INCORRECT_DATA")
        let right = caseRequest(person, number: "C11B", usPassportNumber: "561234987", documentA: "US_PASSPORT")
        #expect(try await simulator.submit(right) == .employmentAuthorized)
        #expect(try await simulator.submit(caseRequest(person, number: "C11C")) == .closeCaseAndResubmit)
    }

    @Test func noContactEndsInFNCOnTheWorkDayAfterContactBy() async throws {
        let (simulator, _) = try await makeSimulator()
        #expect(try await simulator.submit(caseRequest(try catalogPerson("no-contact-fnc"), number: "C12", documentA: "FORM_I551"))
            == .tentativeNonconfirmation(.dhs))
        #expect(try await Self.referAndAdvance(simulator, "C12", .dhs, workDays: 8).isEmpty)
        try await simulator.advance(workDays: 1)
        #expect(try await simulator.updatedCases() == [GovernmentUpdate(caseNumber: "C12", result: .finalNonconfirmation, on: day("2025-03-14"))])
    }

    @Test func contestThenEmploymentAuthorized() async throws {
        let (simulator, _) = try await makeSimulator()
        #expect(try await simulator.submit(caseRequest(try catalogPerson("contest-then-ea"), number: "C13")) == .tentativeNonconfirmation(.ssa))
        let updates = try await Self.referAndAdvance(simulator, "C13", .ssa, workDays: 4)
        #expect(updates.last == GovernmentUpdate(caseNumber: "C13", result: .employmentAuthorized, on: day("2025-03-07"), employeeContacted: true))
    }

    @Test func contestThenFinalNonconfirmation() async throws {
        let (simulator, _) = try await makeSimulator()
        #expect(try await simulator.submit(caseRequest(try catalogPerson("contest-then-fnc"), number: "C14")) == .tentativeNonconfirmation(.dhs))
        let updates = try await Self.referAndAdvance(simulator, "C14", .dhs, workDays: 7)
        #expect(updates.last == GovernmentUpdate(caseNumber: "C14", result: .finalNonconfirmation, on: day("2025-03-12"), employeeContacted: true))
    }

    @Test func deceasedIsAnSSAMismatchEndingInFNC() async throws {
        let (simulator, _) = try await makeSimulator()
        #expect(try await simulator.submit(caseRequest(try catalogPerson("deceased"), number: "C15")) == .tentativeNonconfirmation(.ssa))
        let updates = try await Self.referAndAdvance(simulator, "C15", .ssa, workDays: 5)
        #expect(updates.last == GovernmentUpdate(caseNumber: "C15", result: .finalNonconfirmation, on: day("2025-03-10"), employeeContacted: true))
    }

    @Test func everyScenarioHasATestHere() {
        let tested: Set = ["employment-authorized", "are-you-sure-corrected", "are-you-sure-confirmed", "dhs-tnc", "dual-tnc",
                           "photo-match", "photo-mismatch", "needs-more-time", "continuance", "continuance-unresolved",
                           "close-and-resubmit", "no-contact-fnc", "contest-then-ea", "contest-then-fnc", "deceased"]
        #expect(Set(ScenarioCatalog.scenarios.map(\.name)) == tested)
    }
}
