import Testing
@testable import AgentCore

@Suite("FED contractor deadlines in calendar days")
struct DeadlineFederalContractorTests {
    @Test("FED-1 enrolled 90 days or more at award: verify new hires at once")
    func test_FED1_enrolledLongEnoughStartsAtAward() {
        // 2024-01-01 + 90 days = 2024-03-31 (leap February).
        let start = Deadlines.federalContractorStart(awardDate: civil("2024-03-31"), enrollmentDate: civil("2024-01-01"))
        #expect(start.enrollmentDue == nil)
        #expect(start.newHireVerificationStart == Deadline(
            name: "contractor_new_hire_verification_start_date", date: civil("2024-03-31"), rule: "FED-1"))
    }

    @Test("FED-1 enrolled fewer than 90 days at award: 90 days after enrollment")
    func test_FED1_recentlyEnrolledWaitsFor90Days() {
        let day89 = Deadlines.federalContractorStart(awardDate: civil("2024-03-30"), enrollmentDate: civil("2024-01-01"))
        #expect(day89.newHireVerificationStart.date == civil("2024-03-31"))
        #expect(day89.enrollmentDue == nil)
        let sameDay = Deadlines.federalContractorStart(awardDate: civil("2024-06-03"), enrollmentDate: civil("2024-06-03"))
        #expect(sameDay.newHireVerificationStart.date == civil("2024-09-01"))
        #expect(sameDay.enrollmentDue == nil)
    }

    @Test("FED-1 not enrolled at award: enroll within 30 days, verify 90 days after enrolling")
    func test_FED1_notEnrolledAtAward() {
        let pending = Deadlines.federalContractorStart(awardDate: civil("2024-06-03"), enrollmentDate: nil)
        #expect(pending.enrollmentDue == Deadline(
            name: "contractor_enrollment_due_date", date: civil("2024-07-03"), rule: "FED-1"))
        #expect(pending.newHireVerificationStart.date == civil("2024-10-01"))
        #expect(pending.deadlines.map(\.name)
            == ["contractor_enrollment_due_date", "contractor_new_hire_verification_start_date"])

        let enrolled = Deadlines.federalContractorStart(awardDate: civil("2024-06-03"), enrollmentDate: civil("2024-06-10"))
        #expect(enrolled.enrollmentDue?.date == civil("2024-07-03"))
        #expect(enrolled.newHireVerificationStart.date == civil("2024-09-08"))
    }

    @Test("FED-2 assigned employees: the later of award + 90 and assignment + 30")
    func test_FED2_laterOfTheTwo() {
        let early = Deadlines.assignedEmployeeDeadline(awardOrEnrollment: civil("2024-01-01"), assignmentDate: civil("2024-01-15"))
        #expect(early == Deadline(name: "assigned_employee_verification_due_date", date: civil("2024-03-31"), rule: "FED-2"))
        let late = Deadlines.assignedEmployeeDeadline(awardOrEnrollment: civil("2024-01-01"), assignmentDate: civil("2024-03-15"))
        #expect(late.date == civil("2024-04-14"))
    }

    @Test("FED-4 whole workforce: 180 days after the election")
    func test_FED4_workforceElection() {
        #expect(Deadlines.workforceElectionDeadline(electionDate: civil("2024-01-01")) == Deadline(
            name: "existing_workforce_verification_start_date", date: civil("2024-06-29"), rule: "FED-4"))
    }

    @Test("FED-5 profile updated within 30 calendar days of the award")
    func test_FED5_profileUpdate() {
        #expect(Deadlines.profileUpdateDeadline(awardDate: civil("2024-01-31")) == Deadline(
            name: "contractor_profile_update_due_date", date: civil("2024-03-01"), rule: "FED-5"))
    }
}
