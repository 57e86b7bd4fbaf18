import Testing
@testable import AgentCore

@Suite("Work queue: roster hires and user accounts")
struct WorkQueueAccountTests {
    func hire(_ day: String) -> RosterHire {
        RosterHire(id: "h1", clientID: ClientID("client-1"), employeeID: "E-7", firstName: "Ana", lastName: "Diaz", ssn: nil,
                   dateOfHire: civil(day), createdAt: "")
    }

    func user(role: Role = .clientUser, active: Bool = true, changedAt: String = "2026-01-01T10:00:00.000Z") -> User {
        User(id: UserID("u1"), username: "ana", fullName: "Ana Diaz", email: nil, role: role, clientID: ClientID("client-1"),
             mustChangePassword: false, active: active, passwordChangedAt: changedAt, createdAt: "2025-12-01T09:00:00.000Z",
             updatedAt: "", deactivatedAt: nil)
    }

    let policy = UserWorkPolicy(curriculumVersion: "2026.1", passwordMaxAgeDays: 90)

    @Test("HIRE-5 a roster hire without a case is due on its HIRE-2 date; Christmas counts unless the client closes")
    func test_HIRE5_caseNotCreatedAroundChristmas() {
        let open = CaseNotCreated.item(for: hire("2025-12-23"), employer: EmployerCalendar(), outages: [])
        #expect(open.dueDate == civil("2025-12-26") && open.rule == "HIRE-5" && open.subject == WorkSubject(.hire, "h1"))
        #expect(!open.title.contains("Ana"))
        let closed = CaseNotCreated.item(for: hire("2025-12-23"), employer: EmployerCalendar(closedDates: [civil("2025-12-25")]), outages: [])
        #expect(closed.dueDate == civil("2025-12-29"))
    }

    @Test("HIRE-5 a government outage on a business day moves the roster hire's date")
    func test_HIRE5_outageMovesDueDate() {
        let item = CaseNotCreated.item(for: hire("2025-12-19"), employer: EmployerCalendar(),
                                       outages: [civil("2025-12-22")...civil("2025-12-22")])
        #expect(item.dueDate == civil("2025-12-25"))
    }

    @Test("TRN-1 a user never tested must pass before acting; an auditor needs no test")
    func test_TRN1_untrainedUserRaisesTraining() throws {
        let item = try #require(TrainingRequired.item(for: user(), training: .never, policy: policy))
        #expect(item.rule == "TRN-1" && item.clock == .real && item.dueDate == civil("2025-12-01"))
        #expect(TrainingRequired.item(for: user(role: .auditor), training: .never, policy: policy) == nil)
        #expect(TrainingRequired.item(for: user(), training: .current, policy: policy) == nil)
    }

    @Test("TRN-3 a pass on an earlier curriculum only asks for the refresher")
    func test_TRN3_newCurriculumRaisesRefresher() {
        #expect(TrainingRequired.item(for: user(), training: .earlierVersionOnly, policy: policy)?.rule == "TRN-3")
    }

    @Test("ACC-1 a password expiring shows 14 days ahead on the real clock")
    func test_ACC1_passwordExpiringFourteenDaysAhead() throws {
        let item = try #require(PasswordExpiring.item(for: user(), policy: policy))
        #expect(item.dueDate == civil("2026-04-01") && item.visibleFrom == civil("2026-03-18") && item.clock == .real)
        #expect(PasswordExpiring.item(for: user(), policy: UserWorkPolicy(curriculumVersion: "x", passwordMaxAgeDays: 0)) == nil)
    }

    @Test("ACC-1 a deactivated user raises nothing")
    func test_ACC1_inactiveUserRaisesNothing() {
        #expect(UserWorkItems.items(for: user(active: false), training: .never, policy: policy).isEmpty)
        #expect(UserWorkItems.items(for: user(), training: .never, policy: policy).map(\.kind) == [.trainingRequired, .passwordExpiring])
    }
}
