import AgentCore
@testable import GovernmentSimulator
import Testing

/// The matching rules at their edges, and the order of steps a case accepts.
@Suite struct SimulatorMatchingTests {
    @Test func namesMatchIgnoringCaseSpacesAndPunctuation() async throws {
        let (simulator, _) = try await makeSimulator()
        var person = try catalogPerson("employment-authorized")
        person.ssn = "170-20-2001"
        person.lastName = "O'Neil-Smith"
        try await simulator.addPerson(person)
        let request = caseRequest(person, number: "M1", firstName: "  avery ", lastName: "ONEIL SMITH")
        #expect(try await simulator.submit(request) == .employmentAuthorized)
    }

    @Test func everyMismatchedFieldIsNamedInOrder() async throws {
        let (simulator, _) = try await makeSimulator()
        let request = caseRequest(try catalogPerson("employment-authorized"), number: "M2", firstName: "Avril", lastName: "Slowpass",
                                  dateOfBirth: day("1990-02-15"))
        #expect(try await simulator.submit(request) == .unconfirmedData(fields: ["first_name", "last_name", "date_of_birth"]))
    }

    @Test func unknownSSNAsksForTheSSNThenIsAnSSAMismatch() async throws {
        let (simulator, _) = try await makeSimulator()
        let request = caseRequest(try catalogPerson("employment-authorized"), number: "M3", ssn: "171-20-2002")
        #expect(try await simulator.submit(request) == .unconfirmedData(fields: ["ssn"]))
        #expect(try await simulator.confirmDetails(request) == .tentativeNonconfirmation(.ssa))
        // Nobody can clear a number SSA never issued: the referral ends in FNC.
        _ = try await simulator.refer(caseNumber: "M3", kind: .ssa, on: simulator.today())
        try await simulator.advance(workDays: 3)
        #expect(try await simulator.updatedCases().last?.result == .finalNonconfirmation)
    }

    @Test func unknownSSNOfANoncitizenIsADualMismatch() async throws {
        let (simulator, _) = try await makeSimulator()
        let request = caseRequest(try catalogPerson("photo-match"), number: "M4", ssn: "171-20-2003")
        #expect(try await simulator.submit(request) == .unconfirmedData(fields: ["ssn"]))
        #expect(try await simulator.confirmDetails(request) == .tentativeNonconfirmation(.dual))
    }

    @Test func aCorrectedSSNIsMatchedAgainstItsOwnRecord() async throws {
        let (simulator, _) = try await makeSimulator()
        let person = try catalogPerson("employment-authorized")
        #expect(try await simulator.submit(caseRequest(person, number: "M5", ssn: "151-20-1010")) == .unconfirmedData(fields: ["ssn"]))
        #expect(try await simulator.confirmDetails(caseRequest(person, number: "M5")) == .employmentAuthorized)
        #expect(try await simulator.simulatedCase(caseNumber: "M5")?.personSSN == person.ssn)
    }

    @Test func anotherANumberThanDHSHoldsIsADHSMismatch() async throws {
        let (simulator, _) = try await makeSimulator()
        let person = try catalogPerson("photo-match")
        #expect(try await simulator.submit(caseRequest(person, number: "M6", alienNumber: "A999999999")) == .tentativeNonconfirmation(.dhs))
        // The same number written differently still matches.
        #expect(try await simulator.submit(caseRequest(person, number: "M7", alienNumber: "A100-001-006")) == .employmentAuthorized)
    }

    @Test func photoMatchingNeedsBothAPhotoDocumentAndAPhotoOnRecord() async throws {
        let (simulator, _) = try await makeSimulator()
        // A passport, but no photo on record.
        let avery = try catalogPerson("employment-authorized")
        #expect(try await simulator.submit(caseRequest(avery, number: "M8", documentA: "US_PASSPORT")) == .employmentAuthorized)
        // A photo on record, but List B + C documents.
        let phoebe = try catalogPerson("photo-match")
        #expect(try await simulator.submit(caseRequest(phoebe, number: "M9")) == .employmentAuthorized)
        #expect(try await simulator.retrievePhoto(caseNumber: "M9") == nil)
        // Another List A document with a photo on record: no photo matching either.
        #expect(try await simulator.submit(caseRequest(phoebe, number: "M10", documentA: "FOREIGN_PASSPORT_WITH_I551_STAMP"))
            == .employmentAuthorized)
    }

    @Test func aCitizenWhoseCitizenshipSSAConfirmedNeverReachesDHS() async throws {
        let (simulator, _) = try await makeSimulator()
        var person = try catalogPerson("employment-authorized")
        person.ssn = "172-20-2004"
        person.dhs = SimulatedDHSRecord(workAuthorized: false, needsMoreTimeDays: 5)
        try await simulator.addPerson(person)
        #expect(try await simulator.submit(caseRequest(person, number: "M11")) == .employmentAuthorized)
        // Attested as a permanent resident, the same record goes to DHS.
        person.alienNumber = "A100002004"
        try await simulator.addPerson(person)
        #expect(try await simulator.submit(caseRequest(person, number: "M12", citizenship: .lawfulPermanentResident))
            == .manualReview(expectedBy: day("2025-03-10")))
    }

    @Test func manualReviewResolvesToWhatTheRecordImplies() async throws {
        let (simulator, _) = try await makeSimulator()
        var person = try catalogPerson("needs-more-time")
        person.ssn = "173-20-2005"
        person.dhs.workAuthorized = false
        person.photo = TinyPNG.portrait(background: (0, 0, 0), figure: (255, 255, 255))
        try await simulator.addPerson(person)
        var other = person
        other.ssn = "173-20-2006"
        other.dhs.workAuthorized = true
        try await simulator.addPerson(other)
        _ = try await simulator.submit(caseRequest(person, number: "M13"))
        _ = try await simulator.submit(caseRequest(other, number: "M14", documentA: "FORM_I551"))
        try await simulator.advance(workDays: 3)
        let results = try await simulator.updatedCases().map { $0.caseNumber + ":" + $0.result.simulationCode }
        #expect(results == ["M13:TENTATIVE_NONCONFIRMATION:DHS_TNC", "M14:PHOTO_MATCH"])
        #expect(try await simulator.photoMatch(caseNumber: "M14", answer: .matching) == .employmentAuthorized)
    }

    @Test func aRepeatedSubmissionGetsTheSameAnswer() async throws {
        let (simulator, _) = try await makeSimulator()
        let request = caseRequest(try catalogPerson("dhs-tnc"), number: "M15")
        #expect(try await simulator.submit(request) == .tentativeNonconfirmation(.dhs))
        #expect(try await simulator.submit(request) == .tentativeNonconfirmation(.dhs))
    }

    @Test func stepsOutOfOrderAreRefused() async throws {
        let (simulator, _) = try await makeSimulator()
        _ = try await simulator.submit(caseRequest(try catalogPerson("employment-authorized"), number: "M16"))
        await #expect(throws: SimulatorError.wrongStage(caseNumber: "M16", stage: .employmentAuthorized, action: "photo_match")) {
            _ = try await simulator.photoMatch(caseNumber: "M16", answer: .matching)
        }
        await #expect(throws: SimulatorError.unknownCase("NOPE")) {
            _ = try await simulator.refer(caseNumber: "NOPE", kind: .ssa, on: day("2025-03-03"))
        }
        _ = try await simulator.submit(caseRequest(try catalogPerson("dhs-tnc"), number: "M17"))
        await #expect(throws: SimulatorError.self) {
            _ = try await simulator.refer(caseNumber: "M17", kind: .ssa, on: day("2025-03-03"))
        }
    }

    @Test func referringTwiceIsIdempotentOnlyWithTheSameReferral() async throws {
        let (simulator, _) = try await makeSimulator()
        _ = try await simulator.submit(caseRequest(try catalogPerson("dhs-tnc"), number: "M18"))
        let first = try await simulator.refer(caseNumber: "M18", kind: .dhs, on: day("2025-03-03"))
        #expect(try await simulator.refer(caseNumber: "M18", kind: .dhs, on: day("2025-03-03")) == first)
        await #expect(throws: SimulatorError.self) {
            _ = try await simulator.refer(caseNumber: "M18", kind: .dhs, on: day("2025-03-04"))
        }
    }

    @Test func noActionThenCloseDropsNothingButRecords() async throws {
        let (simulator, _) = try await makeSimulator()
        _ = try await simulator.submit(caseRequest(try catalogPerson("dhs-tnc"), number: "M19"))
        try await simulator.noAction(caseNumber: "M19")
        try await simulator.noAction(caseNumber: "M19")
        await #expect(throws: SimulatorError.self) {
            _ = try await simulator.refer(caseNumber: "M19", kind: .dhs, on: day("2025-03-03"))
        }
        try await simulator.close(caseNumber: "M19", reasonCode: "EMPLOYEE_TERMINATED_FOR_FNC_RESULT")
        try await simulator.close(caseNumber: "M19", reasonCode: "OTHER")
        let stored = try await simulator.simulatedCase(caseNumber: "M19")
        #expect(stored?.stage == .closed)
        #expect(stored?.closureReason == "EMPLOYEE_TERMINATED_FOR_FNC_RESULT")
    }

    @Test func closingACaseCancelsItsPendingAgencyWork() async throws {
        let (simulator, _) = try await makeSimulator()
        _ = try await simulator.submit(caseRequest(try catalogPerson("needs-more-time"), number: "M20"))
        #expect(try await simulator.pendingJobs().map(\.kind) == [.resolveManualReview])
        try await simulator.close(caseNumber: "M20", reasonCode: "EMPLOYEE_QUIT")
        try await simulator.advance(workDays: 10)
        #expect(try await simulator.updatedCases().isEmpty)
        #expect(try await simulator.pendingJobs().isEmpty)
    }

    @Test func addPersonReportsEveryProblem() async throws {
        let (simulator, _) = try await makeSimulator()
        let bad = SimulatedPerson(
            ssn: "666-12-3456", firstName: "", lastName: "X1", dateOfBirth: day("2030-01-01"), citizenshipStatus: .lawfulPermanentResident,
            usPassportNumber: "12", photo: [1, 2, 3], dhs: SimulatedDHSRecord(needsMoreTimeDays: 99),
            onReferral: SimulatedReferralBehaviour(afterWorkDays: 0, continuanceWorkDays: 0))
        do {
            try await simulator.addPerson(bad)
            Issue.record("expected a validation failure")
        } catch let failure as ValidationFailure {
            #expect(failure.issues.map(\.field) == [
                "ssn", "first_name", "last_name", "date_of_birth", "alien_number", "us_passport_number", "photo",
                "dhs.needs_more_time_days", "on_referral.after_work_days", "on_referral.continuance_work_days",
            ])
        }
        for ssn in ["000-12-3456", "900-12-3456", "123-00-4567", "123-45-0000"] {
            #expect(SimulatedPerson.ssnIssue(ssn)?.code == FieldIssue.invalidValue, "\(ssn)")
        }
        for ssn in ["123456789", "123-45-678a", "12-345-6789"] {
            #expect(SimulatedPerson.ssnIssue(ssn)?.code == FieldIssue.invalidFormat, "\(ssn)")
        }
    }
}
