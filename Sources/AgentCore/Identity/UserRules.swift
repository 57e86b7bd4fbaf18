/// Checks of user accounts and credentials (ACC-1).
public enum UserRules {
    public static let minimumPasswordLength = 12
    public static let maximumPasswordLength = 256

    /// 3–64 characters: letters, digits, `.`, `_`, `-`, `@`.
    public static func checkUsername(_ name: String, into issues: inout IssueCollector) {
        let allowed = name.unicodeScalars.allSatisfy { s in
            (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || s == "." || s == "_" || s == "-" || s == "@"
        }
        if name.count < 3 || name.count > 64 || !allowed {
            issues.add("username", FieldIssue.invalidFormat, "username must be 3 to 64 letters, digits, '.', '_', '-' or '@'.")
        }
    }

    public static func checkFullName(_ name: String, into issues: inout IssueCollector) {
        if name.isEmpty || name.count > 200 { issues.add("full_name", FieldIssue.outOfRange, "full_name must be 1 to 200 characters.") }
    }

    public static func checkEmail(_ email: String, field: String = "email", into issues: inout IssueCollector) {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        let ok = email.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !email.contains(" ")
        if !ok { issues.add(field, FieldIssue.invalidFormat, "\(field) must be an email address.") }
    }

    /// The password policy: at least 12 characters, not the username.
    public static func checkPassword(_ password: String, username: String, field: String = "password", into issues: inout IssueCollector) {
        if password.count < minimumPasswordLength || password.count > maximumPasswordLength {
            issues.add(field, FieldIssue.outOfRange, "The password must be \(minimumPasswordLength) to \(maximumPasswordLength) characters.")
        }
        if password.lowercased() == username.lowercased() {
            issues.add(field, FieldIssue.invalidValue, "The password must not be the username.")
        }
    }

    /// The role and the client go together: agent staff have none, client users need one.
    public static func checkBinding(role: Role, client: ClientID?, into issues: inout IssueCollector) {
        switch role.clientBinding {
        case .never where client != nil:
            issues.add("client_company_id", FieldIssue.invalidValue, "\(role.rawValue) users belong to the agent, not to a client.")
        case .required where client == nil:
            issues.add("client_company_id", FieldIssue.required, "\(role.rawValue) users need client_company_id.")
        default:
            break
        }
    }
}

/// TRN-1, TRN-2: knowledge-test results.
public enum TrainingRules {
    /// TRN-1: at least 70% passes.
    public static let passingScorePercent = 70

    public static func passes(scorePercent: Int) -> Bool { scorePercent >= passingScorePercent }

    /// A result recorded by an admin: a real score, taken on a day not after `today`.
    public static func checkRecord(takenOn: CivilDate, scorePercent: Int, today: CivilDate, into issues: inout IssueCollector) {
        if takenOn > today { issues.add("date", FieldIssue.outOfRange, "date must not be in the future.") }
        if !(0...100).contains(scorePercent) { issues.add("score_percent", FieldIssue.outOfRange, "score_percent must be 0 to 100.") }
    }
}
