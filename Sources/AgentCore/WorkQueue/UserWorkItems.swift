/// The service settings the user rules need: both come from the configuration, so the
/// storage re-plans every user's items when the service starts.
public struct UserWorkPolicy: Sendable, Equatable {
    public var curriculumVersion: String
    /// ACC-1: a password expires this many days after it was set.
    public var passwordMaxAgeDays: Int
    public init(curriculumVersion: String, passwordMaxAgeDays: Int) {
        self.curriculumVersion = curriculumVersion
        self.passwordMaxAgeDays = passwordMaxAgeDays
    }
}

/// Every item a user account raises now. Account dates are real instants, so these items
/// follow the real clock (API.md "Clocks").
public enum UserWorkItems {
    public static func items(for user: User, training: TrainingStanding, policy: UserWorkPolicy) -> [WorkItem] {
        guard user.active else { return [] }
        return [TrainingRequired.item(for: user, training: training, policy: policy),
                PasswordExpiring.item(for: user, policy: policy)].compactMap { $0 }
    }
}

/// Where a user stands with the knowledge test.
public enum TrainingStanding: Sendable, Equatable {
    /// A passing record on the current curriculum version.
    case current
    /// Passed only on earlier versions: the refresher quiz is due (TRN-3).
    case earlierVersionOnly
    case never
}

/// Rules TRN-1 and TRN-3: a user who may act on cases but holds no passing record on the
/// current curriculum version (never tested, or the curriculum changed since). Due at
/// once, from the day the account was created: until then every case action is refused.
/// Auditors are read-only and never use the verification functions, so they need none.
public enum TrainingRequired {
    public static func item(for user: User, training: TrainingStanding, policy: UserWorkPolicy) -> WorkItem? {
        guard training != .current, !user.role.isReadOnly, let created = CivilDate(iso: String(user.createdAt.prefix(10))) else { return nil }
        return WorkItem(kind: .trainingRequired, rule: training == .never ? "TRN-1" : "TRN-3", clientID: user.clientID, subject: WorkSubject(.user, user.id.rawValue),
                        dueDate: created, clock: .real,
                        title: "User \(user.username) must pass the knowledge test (curriculum \(policy.curriculumVersion))",
                        action: "POST /api/v1/training/attempts")
    }
}

/// Rule ACC-1: a password that expires within `noticeDays`; shown from that many days
/// before the expiry day, which is its due date.
public enum PasswordExpiring {
    public static let noticeDays = 14

    public static func item(for user: User, policy: UserWorkPolicy) -> WorkItem? {
        guard policy.passwordMaxAgeDays > 0,
              let expires = CredentialPolicy.passwordExpirationDate(changedAt: user.passwordChangedAt,
                                                                    maxAgeDays: policy.passwordMaxAgeDays) else { return nil }
        return WorkItem(kind: .passwordExpiring, rule: "ACC-1", clientID: user.clientID, subject: WorkSubject(.user, user.id.rawValue),
                        dueDate: expires, visibleFrom: expires.adding(days: -noticeDays), clock: .real,
                        title: "Password of user \(user.username) expires on \(expires.iso)",
                        action: "POST /api/v1/users/me/password")
    }
}
