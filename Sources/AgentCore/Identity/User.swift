/// A user account of the agent's system (ACC-1: one person, one account, never shared).
public struct User: Sendable, Equatable {
    public var id: UserID
    public var username: String
    public var fullName: String
    public var email: String?
    public var role: Role
    public var clientID: ClientID?
    public var mustChangePassword: Bool
    public var active: Bool
    public var passwordChangedAt: String
    public var createdAt: String
    public var updatedAt: String
    public var deactivatedAt: String?

    public init(id: UserID, username: String, fullName: String, email: String?, role: Role, clientID: ClientID?,
                mustChangePassword: Bool, active: Bool, passwordChangedAt: String, createdAt: String, updatedAt: String,
                deactivatedAt: String?) {
        self.id = id
        self.username = username
        self.fullName = fullName
        self.email = email
        self.role = role
        self.clientID = clientID
        self.mustChangePassword = mustChangePassword
        self.active = active
        self.passwordChangedAt = passwordChangedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deactivatedAt = deactivatedAt
    }
}

/// One knowledge-test result (TRN-2: name, date, score), taken here or recorded by an admin.
public struct TrainingRecord: Sendable, Equatable {
    public enum Source: String, Sendable { case external, test }
    public var id: String
    public var userID: UserID
    /// The user's full name at the time of listing (TRN-2 asks for the person's name).
    public var userFullName: String
    public var clientID: ClientID?
    public var takenOn: CivilDate
    public var scorePercent: Int
    public var passed: Bool
    public var curriculumVersion: String
    public var source: Source
    public var note: String?
    public var recordedBy: UserID?
    public var createdAt: String

    public init(id: String, userID: UserID, userFullName: String, clientID: ClientID?, takenOn: CivilDate, scorePercent: Int,
                passed: Bool, curriculumVersion: String, source: Source, note: String?, recordedBy: UserID?, createdAt: String) {
        self.id = id
        self.userID = userID
        self.userFullName = userFullName
        self.clientID = clientID
        self.takenOn = takenOn
        self.scorePercent = scorePercent
        self.passed = passed
        self.curriculumVersion = curriculumVersion
        self.source = source
        self.note = note
        self.recordedBy = recordedBy
        self.createdAt = createdAt
    }
}
