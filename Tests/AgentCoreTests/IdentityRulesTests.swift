import Testing
@testable import AgentCore

@Suite struct AccessPolicyTests {
    static func principal(_ role: Role, client: String? = "c1", trained: Bool = true) -> Principal {
        Principal(userID: UserID("u"), username: "u", fullName: "U", role: role, clientID: client.map(ClientID.init),
                  mustChangePassword: false, trainedOnCurrentCurriculum: trained)
    }

    @Test("TRN-1: a case action needs a passing record on the current curriculum, whatever the role")
    func test_TRN1_caseActionsNeedTraining() {
        for role in [Role.agentAdmin, .agentUser, .clientAdmin, .clientUser] {
            let client: String? = role.isAgentStaff ? nil : "c1"
            if case .failure(.trainingRequired) = AccessPolicy.checkCaseAction(Self.principal(role, client: client, trained: false)) {} else {
                Issue.record("\(role) acted on a case without training")
            }
            #expect((try? AccessPolicy.checkCaseAction(Self.principal(role, client: client, trained: true)).get()) != nil)
        }
        // Auditors are read-only even when trained.
        if case .failure(.forbidden) = AccessPolicy.checkCaseAction(Self.principal(.auditor, trained: true)) {} else {
            Issue.record("an auditor may not act on cases")
        }
    }

    @Test func scopes() {
        #expect(Self.principal(.agentAdmin, client: nil).scope == .allClients)
        #expect(Self.principal(.agentUser, client: nil).scope == .allClients)
        #expect(Self.principal(.clientAdmin).scope == .client(ClientID("c1")))
        #expect(Self.principal(.clientUser).scope == .client(ClientID("c1")))
        #expect(Self.principal(.auditor, client: nil).scope == .allClients)
        #expect(Self.principal(.auditor).scope == .client(ClientID("c1")))
        #expect(AccessScope.client(ClientID("c1")).includes(ClientID("c1")))
        #expect(!AccessScope.client(ClientID("c1")).includes(ClientID("c2")))
        #expect(!AccessScope.client(ClientID("c1")).includes(nil))
    }

    @Test("ACC-1: who may manage which users")
    func test_ACC1_userManagement() {
        let agentAdmin = Self.principal(.agentAdmin, client: nil)
        let clientAdmin = Self.principal(.clientAdmin)
        #expect((try? AccessPolicy.mayManageUser(agentAdmin, role: .agentAdmin, client: nil).get()) != nil)
        #expect((try? AccessPolicy.mayManageUser(clientAdmin, role: .clientUser, client: ClientID("c1")).get()) != nil)
        #expect((try? AccessPolicy.mayManageUser(clientAdmin, role: .auditor, client: ClientID("c1")).get()) != nil)
        #expect((try? AccessPolicy.mayManageUser(clientAdmin, role: .clientUser, client: ClientID("c2")).get()) == nil)
        #expect((try? AccessPolicy.mayManageUser(clientAdmin, role: .agentUser, client: nil).get()) == nil)
        #expect((try? AccessPolicy.mayManageUser(clientAdmin, role: .auditor, client: nil).get()) == nil)
        for role in [Role.agentUser, .clientUser, .auditor] {
            #expect((try? AccessPolicy.mayManageUser(Self.principal(role), role: .clientUser, client: ClientID("c1")).get()) == nil)
        }
        #expect(AccessPolicy.mayManageClients(agentAdmin))
        #expect(!AccessPolicy.mayManageClients(clientAdmin))
        #expect(!AccessPolicy.mayManageClients(Self.principal(.agentUser, client: nil)))
    }
}

@Suite struct ClientRulesTests {
    static func date(_ text: String) -> CivilDate { CivilDate(iso: text) ?? .referenceDate }

    @Test func createNeedsNameEINAndMOUDate() {
        do {
            _ = try ClientRules.create(ClientInput())
            Issue.record("an empty client was accepted")
        } catch {
            #expect(Set(error.issues.map(\.field)) == ["name", "ein", "mou_effective_date"])
            #expect(error.issues.allSatisfy { $0.code == FieldIssue.required })
        }
    }

    @Test func normalizesAndChecks() throws {
        var input = ClientInput()
        input.name = "Acme"
        input.ein = "123456789"
        input.mouEffectiveDate = Self.date("2024-01-02")
        input.employerBusinessDays = ["SAT", "MON", "MON"]
        input.noticeLanguages = ["ES", "en", "vi", "es"]
        input.employerClosedDates = [Self.date("2024-12-26"), Self.date("2024-12-24"), Self.date("2024-12-26")]
        let profile = try ClientRules.create(input)
        #expect(profile.ein == "12-3456789")
        #expect(profile.employerBusinessDays == [.monday, .saturday])
        #expect(profile.noticeLanguages == ["es", "vi"])
        #expect(profile.employerClosedDates.map(\.iso) == ["2024-12-24", "2024-12-26"])
        #expect(profile.employerBusinessDays != Weekday.mondayToFriday)
    }

    @Test func everyBadFieldIsReported() {
        var input = ClientInput()
        input.name = ""
        input.ein = "00-1234567"
        input.mouEffectiveDate = Self.date("2024-01-02")
        input.naicsCode = .some("12ab")
        input.employerBusinessDays = ["FUNDAY"]
        input.noticeLanguages = ["spanish"]
        do {
            _ = try ClientRules.create(input)
            Issue.record("accepted")
        } catch {
            #expect(Set(error.issues.map(\.field)) == ["name", "ein", "naics_code", "employer_business_days[0]", "notice_languages[0]"])
        }
    }

    @Test func einFormats() {
        #expect(ClientRules.normalizedEIN("12-3456789") == "12-3456789")
        #expect(ClientRules.normalizedEIN("123456789") == "12-3456789")
        for bad in ["1-23456789", "12-345678", "12--3456789", "ab-cdefghi", "00-1234567", "12 3456789", ""] {
            #expect(ClientRules.normalizedEIN(bad) == nil, "\(bad) accepted")
        }
    }

    @Test func updateChangesOnlyWhatIsGiven() throws {
        let base = ClientProfile(name: "Acme", ein: "12-3456789", mouEffectiveDate: Self.date("2024-01-02"), noticeLanguages: ["es"])
        var input = ClientInput()
        input.federalContractor = true
        input.naicsCode = .some(nil)
        let updated = try ClientRules.update(base, with: input)
        #expect(updated.name == "Acme")
        #expect(updated.federalContractor)
        #expect(updated.noticeLanguages == ["es"])
    }
}

@Suite struct UserRulesTests {
    @Test("ACC-1: passwords of 12+ characters that are not the username")
    func test_ACC1_passwordPolicy() {
        var issues = IssueCollector()
        UserRules.checkPassword("elevenchars", username: "x", into: &issues)
        #expect(issues.issues.map(\.code) == [FieldIssue.outOfRange])
        issues = IssueCollector()
        UserRules.checkPassword("twelve.chars", username: "x", into: &issues)
        #expect(issues.isEmpty)
        issues = IssueCollector()
        UserRules.checkPassword("Jane.Doe.Smith", username: "jane.doe.smith", into: &issues)
        #expect(issues.issues.map(\.code) == [FieldIssue.invalidValue])
    }

    @Test func usernamesAndEmails() {
        for good in ["abc", "jane.doe", "j_d-1@acme"] {
            var issues = IssueCollector()
            UserRules.checkUsername(good, into: &issues)
            #expect(issues.isEmpty, "\(good) refused")
        }
        for bad in ["ab", "with space", "naïve", String(repeating: "a", count: 65)] {
            var issues = IssueCollector()
            UserRules.checkUsername(bad, into: &issues)
            #expect(!issues.isEmpty, "\(bad) accepted")
        }
        for bad in ["no-at", "a@b", "@x.org", "a@.org", "a b@x.org"] {
            var issues = IssueCollector()
            UserRules.checkEmail(bad, into: &issues)
            #expect(!issues.isEmpty, "\(bad) accepted")
        }
    }

    @Test func roleAndClientGoTogether() {
        var issues = IssueCollector()
        UserRules.checkBinding(role: .agentUser, client: ClientID("c"), into: &issues)
        UserRules.checkBinding(role: .clientUser, client: nil, into: &issues)
        UserRules.checkBinding(role: .auditor, client: nil, into: &issues)
        UserRules.checkBinding(role: .auditor, client: ClientID("c"), into: &issues)
        #expect(issues.issues.map(\.code) == [FieldIssue.invalidValue, FieldIssue.required])
    }

    @Test("TRN-1: 69% fails, 70% passes")
    func test_TRN1_passMark() {
        #expect(!TrainingRules.passes(scorePercent: 69))
        #expect(TrainingRules.passes(scorePercent: 70))
        #expect(TrainingRules.passes(scorePercent: 100))
    }
}

@Suite struct CredentialPolicyTests {
    static func principal(_ role: Role, changedAt: String = "2026-03-01T10:00:00.000Z", mustChange: Bool = false,
                          totp: Bool = false) -> Principal {
        Principal(userID: UserID("u"), username: "u", fullName: "U", role: role, clientID: role.isAgentStaff ? nil : ClientID("c1"),
                  mustChangePassword: mustChange, trainedOnCurrentCurriculum: true, passwordChangedAt: changedAt, totpEnabled: totp)
    }

    static func admitted(_ p: Principal, now: String = "2026-03-02T00:00:00.000Z", totpRequired: Bool = false,
                         exempt: CredentialPolicy.Exemptions = []) -> Result<Principal, any Error> {
        Result { try CredentialPolicy.admit(p, now: now, maxAgeDays: 90, totpRequiredForAdmins: totpRequired, exempt: exempt) }
    }

    @Test("ACC-1: a password expires to the millisecond its maximum age after it was set")
    func test_ACC1_passwordExpiry() {
        let set = "2026-03-01T10:00:00.000Z"
        #expect(CredentialPolicy.passwordExpiresAt(changedAt: set, maxAgeDays: 90) == "2026-05-30T10:00:00.000Z")
        #expect(CredentialPolicy.passwordExpirationDate(changedAt: set, maxAgeDays: 90)?.iso == "2026-05-30")
        #expect(!CredentialPolicy.isPasswordExpired(changedAt: set, now: "2026-05-30T09:59:59.999Z", maxAgeDays: 90))
        #expect(CredentialPolicy.isPasswordExpired(changedAt: set, now: "2026-05-30T10:00:00.000Z", maxAgeDays: 90))
        #expect(CredentialPolicy.isPasswordExpired(changedAt: set, now: "2027-01-01T00:00:00.000Z", maxAgeDays: 90))
        // A damaged change time never makes a password live forever.
        for bad in ["", "2026-03-01", "2026-02-30T10:00:00.000Z", "2026-03-01 10:00:00.000Z"] {
            #expect(CredentialPolicy.isPasswordExpired(changedAt: bad, now: "2000-01-01T00:00:00.000Z", maxAgeDays: 90), "\(bad)")
        }
    }

    @Test("ACC-1: an expired password is a pending password change, refused except where exempt")
    func test_ACC1_expiredPasswordGates() throws {
        let expired = Self.principal(.clientUser, changedAt: "2025-01-01T00:00:00.000Z")
        guard case .failure(let error) = Self.admitted(expired), case AccessDenial.passwordChangeRequired = error else {
            Issue.record("an expired password was let through")
            return
        }
        let exempted = try Self.admitted(expired, exempt: .pendingPasswordChange).get()
        #expect(exempted.mustChangePassword)
        let fresh = try Self.admitted(Self.principal(.clientUser)).get()
        #expect(!fresh.mustChangePassword)
        // An admin-given password waits for its change whatever its age.
        if case .success = Self.admitted(Self.principal(.clientUser, mustChange: true)) { Issue.record("admin-given password let through") }
    }

    @Test("ACC-1: with TOTP required, admins without it may only enroll")
    func test_ACC1_adminsNeedASecondFactor() throws {
        for role in [Role.agentAdmin, .clientAdmin] {
            guard case .failure(let error) = Self.admitted(Self.principal(role), totpRequired: true),
                  case CredentialDenial.secondFactorRequired = error else {
                Issue.record("\(role) without TOTP was let through")
                continue
            }
            #expect((try? Self.admitted(Self.principal(role), totpRequired: true, exempt: .pendingSecondFactor).get()) != nil)
            #expect((try? Self.admitted(Self.principal(role, totp: true), totpRequired: true).get()) != nil)
            #expect((try? Self.admitted(Self.principal(role), totpRequired: false).get()) != nil)
        }
        for role in [Role.agentUser, .clientUser, .auditor] {
            #expect((try? Self.admitted(Self.principal(role), totpRequired: true).get()) != nil, "\(role)")
        }
        // The password change comes first: its refusal wins while both are pending.
        let both = Self.admitted(Self.principal(.agentAdmin, mustChange: true), totpRequired: true)
        guard case .failure(let error) = both, case AccessDenial.passwordChangeRequired = error else {
            Issue.record("expected PASSWORD_CHANGE_REQUIRED first")
            return
        }
    }

    @Test("ACC-1: reuse of one of the last passwords is refused with the rule's ID")
    func test_ACC1_reuseIssue() {
        #expect(CredentialPolicy.passwordHistoryDepth == 5)
        let issue = CredentialPolicy.reuseIssue(field: "new_password")
        #expect(issue.code == "ACC-1")
        #expect(issue.field == "new_password")
    }

    @Test("ACC-1: API keys belong to one active user of their client and are managed by its admins")
    func test_ACC1_apiKeys() {
        let c1 = ClientID("c1")
        #expect(AccessPolicy.mayManageAPIKeys(Self.principal(.agentAdmin), client: c1))
        #expect(AccessPolicy.mayManageAPIKeys(Self.principal(.clientAdmin), client: c1))
        #expect(!AccessPolicy.mayManageAPIKeys(Self.principal(.clientAdmin), client: ClientID("c2")))
        for role in [Role.agentUser, .clientUser, .auditor] {
            #expect(!AccessPolicy.mayManageAPIKeys(Self.principal(role), client: c1), "\(role)")
        }
        func holder(client: String?, active: Bool = true) -> User {
            User(id: UserID("h"), username: "h", fullName: "H", email: nil, role: .clientUser, clientID: client.map(ClientID.init),
                 mustChangePassword: false, active: active, passwordChangedAt: "", createdAt: "", updatedAt: "", deactivatedAt: nil)
        }
        for (user, ok) in [(holder(client: "c1"), true), (holder(client: "c2"), false), (holder(client: nil), false),
                           (holder(client: "c1", active: false), false), (nil, false)] {
            var issues = IssueCollector()
            APIKeyRules.checkHolder(user, client: c1, into: &issues)
            #expect(issues.isEmpty == ok)
        }
        var issues = IssueCollector()
        APIKeyRules.checkName("", into: &issues)
        APIKeyRules.checkName(String(repeating: "k", count: 101), into: &issues)
        APIKeyRules.checkName("payroll sync", into: &issues)
        #expect(issues.issues.count == 2)
    }
}
