/// One reason a field or rule refused input. `code` is a DOMAIN.md rule ID (`HIRE-1`) or
/// one of the generic codes below; the API turns a list of these into one problem.
public struct FieldIssue: Sendable, Equatable, Error {
    public var field: String
    public var code: String
    public var message: String

    public init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }

    public static let required = "REQUIRED"
    public static let invalidFormat = "INVALID_FORMAT"
    public static let invalidValue = "INVALID_VALUE"
    public static let outOfRange = "OUT_OF_RANGE"
    public static let unknownField = "UNKNOWN_FIELD"
}

/// Every issue found in one piece of input (never only the first).
public struct ValidationFailure: Error, Sendable, Equatable {
    public var issues: [FieldIssue]
    public init(_ issues: [FieldIssue]) { self.issues = issues }
}

/// Collects issues while a value is checked, then either yields it or fails with all of them.
public struct IssueCollector: Sendable {
    public private(set) var issues: [FieldIssue] = []
    public init() {}

    public mutating func add(_ field: String, _ code: String, _ message: String) {
        issues.append(FieldIssue(field: field, code: code, message: message))
    }

    public mutating func add(_ issue: FieldIssue) { issues.append(issue) }

    public var isEmpty: Bool { issues.isEmpty }

    /// Throws every collected issue at once, if any.
    public func check() throws(ValidationFailure) {
        if !issues.isEmpty { throw ValidationFailure(issues) }
    }
}
