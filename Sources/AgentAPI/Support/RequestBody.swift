import AgentCore
import Foundation
import HTTPCore

/// Reads a JSON object body field by field, collecting every problem: unknown fields
/// (400, typos never pass silently), missing or ill-typed values (422). Call `finish()`
/// once every field has been read.
struct RequestBody {
    private let object: [String: JSONValue]
    private var read: Set<String> = []
    /// `parent.` for a nested object, so issues name the full path (`dhs.needs_more_time_days`).
    private let prefix: String
    /// Unknown fields found in nested objects already absorbed.
    private var nestedUnknown: [String] = []
    private(set) var issues = IssueCollector()

    /// The request's body as a JSON object: 415 when not declared JSON, 400 when it does not parse.
    init(_ request: HTTPRequest) throws {
        if let type = request.headers["Content-Type"], !Self.isUTF8JSON(type) {
            throw ProblemDetails(status: .unsupportedMediaType, type: "unsupported-media-type", title: "Unsupported media type",
                                 detail: "Send the body as application/json (UTF-8).")
        }
        guard let value = JSONValue.parse(request.body) else {
            throw ProblemDetails(status: .badRequest, type: "malformed-body", title: "Malformed body",
                                 detail: request.body.isEmpty ? "A JSON object body is required." : "The body is not valid JSON.")
        }
        guard case .object(let object) = value else {
            throw ProblemDetails(status: .badRequest, type: "malformed-body", title: "Malformed body",
                                 detail: "The body must be a JSON object, not \(value.typeName).")
        }
        self.init(object: object, prefix: "")
    }

    private init(object: [String: JSONValue], prefix: String) {
        self.object = object
        self.prefix = prefix
        // Every field is read once: sized up front instead of regrown (and rehashed) as it fills.
        read.reserveCapacity(object.count)
    }

    /// One item of a batch body, read with the same rules as a whole body.
    init(item object: [String: JSONValue]) {
        self.init(object: object, prefix: "")
    }

    /// One element of a list field (`steps[2].`), whose issues name it when absorbed.
    init(element object: [String: JSONValue], path: String) {
        self.init(object: object, prefix: path)
    }

    /// A nested object field, read with the same rules. Hand it back with `absorb(_:)`
    /// once read, so its issues and unknown fields count.
    mutating func nested(_ field: String) -> RequestBody? {
        guard let value = raw(field) else { return nil }
        guard case .object(let inner) = value else {
            issues.add(prefix + field, FieldIssue.invalidFormat, "\(prefix)\(field) must be an object, not \(value.typeName).")
            return nil
        }
        return RequestBody(object: inner, prefix: prefix + field + ".")
    }

    mutating func absorb(_ child: RequestBody) {
        for issue in child.issues.issues { issues.add(issue) }
        nestedUnknown += child.unknownFields
    }

    /// Fields present but never read, with their full paths.
    var unknownFields: [String] {
        object.keys.filter { !read.contains($0) }.sorted().map { prefix + $0 } + nestedUnknown
    }

    /// The names the body carries, in no particular order.
    var presentFields: Dictionary<String, JSONValue>.Keys { object.keys }

    /// True when the body carries `field` (even as null): PATCH changes only what is present.
    func has(_ field: String) -> Bool { object[field] != nil }

    mutating func raw(_ field: String) -> JSONValue? {
        // Only a present field is noted as read: `unknownFields` looks at present ones only,
        // and a case body reads some forty names of which a few are given.
        guard let value = object[field] else { return nil }
        read.insert(field)
        return value == .null ? nil : value
    }

    /// `application/json` or an `application/…+json` type, with no charset or UTF-8 (the
    /// only encoding JSON allows between systems, RFC 8259). `application/jsonx` is not JSON.
    static func isUTF8JSON(_ contentType: String) -> Bool {
        if contentType == "application/json" { return true }  // nearly every request
        let parts = contentType.lowercased().split(separator: ";").map { $0.trimmingBlanks() }
        guard let media = parts.first, media == "application/json" || (media.hasPrefix("application/") && media.hasSuffix("+json")) else {
            return false
        }
        for parameter in parts.dropFirst() where parameter.hasPrefix("charset=") {
            let charset = parameter.dropFirst("charset=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            if charset != "utf-8" && charset != "utf8" { return false }
        }
        return true
    }

    /// `text` without its leading and trailing spaces, and its length, when every byte is
    /// printable ASCII: then the only blank is the space, a byte is a scalar and there is
    /// no control character, so the three general checks reduce to this one pass over the
    /// bytes (most fields of most bodies). Nil for anything else.
    static func trimmedPrintableASCII(_ text: String) -> (text: String, count: Int)? {
        let bytes = text.utf8
        var lead = 0, trail = 0, leading = true
        for byte in bytes {
            guard byte >= 0x20 && byte < 0x7F else { return nil }
            if byte == 0x20 {
                if leading { lead += 1 } else { trail += 1 }
            } else {
                leading = false
                trail = 0
            }
        }
        let count = bytes.count - lead - trail
        if lead == 0 && trail == 0 { return (text, count) }
        guard count > 0 else { return ("", 0) }
        let start = bytes.index(bytes.startIndex, offsetBy: lead)
        let end = bytes.index(bytes.endIndex, offsetBy: -trail)
        return (String(text[start..<end]), count)
    }

    /// C0 and C1 control characters other than tab, line feed and carriage return: never
    /// part of a name, an address or a note, and NUL cuts strings short in other systems.
    private static func hasControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || (0x7F...0x9F).contains(scalar.value)
        }
    }

    /// A trimmed string of at most `maxLength` Unicode scalars (not grapheme clusters: one
    /// "character" may carry any number of combining marks).
    mutating func string(_ field: String, required: Bool = false, maxLength: Int = 1000) -> String? {
        guard let value = raw(field) else {
            if required { issues.add(prefix + field, FieldIssue.required, "\(prefix)\(field) is required.") }
            return nil
        }
        guard case .string(let text) = value else {
            issues.add(prefix + field, FieldIssue.invalidFormat, "\(prefix)\(field) must be a string, not \(value.typeName).")
            return nil
        }
        let trimmed: String, scalars: Int, plain: Bool
        if let fast = Self.trimmedPrintableASCII(text) {
            (trimmed, scalars, plain) = (fast.text, fast.count, true)
        } else {
            trimmed = text.trimmingBlanks()
            (scalars, plain) = (trimmed.unicodeScalars.count, false)
        }
        if required && trimmed.isEmpty {
            issues.add(prefix + field, FieldIssue.required, "\(prefix)\(field) must not be empty.")
            return nil
        }
        if scalars > maxLength {
            issues.add(prefix + field, FieldIssue.outOfRange, "\(prefix)\(field) is longer than \(maxLength) characters.")
            return nil
        }
        if !plain && Self.hasControlCharacter(trimmed) {
            issues.add(prefix + field, FieldIssue.invalidFormat, "\(prefix)\(field) must not contain control characters.")
            return nil
        }
        return trimmed
    }

    mutating func bool(_ field: String, required: Bool = false) -> Bool? {
        guard let value = raw(field) else {
            if required { issues.add(prefix + field, FieldIssue.required, "\(prefix)\(field) is required.") }
            return nil
        }
        guard case .bool(let flag) = value else {
            issues.add(prefix + field, FieldIssue.invalidFormat, "\(prefix)\(field) must be true or false, not \(value.typeName).")
            return nil
        }
        return flag
    }

    mutating func int(_ field: String, required: Bool = false, range: ClosedRange<Int>) -> Int? {
        guard let value = raw(field) else {
            if required { issues.add(prefix + field, FieldIssue.required, "\(prefix)\(field) is required.") }
            return nil
        }
        guard case .number(let number) = value, number.rounded() == number, abs(number) < 1e15 else {
            issues.add(prefix + field, FieldIssue.invalidFormat, "\(prefix)\(field) must be a whole number.")
            return nil
        }
        guard range.contains(Int(number)) else {
            issues.add(prefix + field, FieldIssue.outOfRange, "\(prefix)\(field) must be between \(range.lowerBound) and \(range.upperBound).")
            return nil
        }
        return Int(number)
    }

    mutating func date(_ field: String, required: Bool = false) -> CivilDate? {
        guard let text = string(field, required: required, maxLength: 10) else { return nil }
        guard let date = CivilDate(iso: text) else {
            issues.add(prefix + field, FieldIssue.invalidFormat, "\(prefix)\(field) must be a real date written YYYY-MM-DD.")
            return nil
        }
        return date
    }

    mutating func strings(_ field: String, maxCount: Int = 100, maxLength: Int = 200) -> [String]? {
        guard let value = raw(field) else { return nil }
        guard case .array(let items) = value else {
            issues.add(prefix + field, FieldIssue.invalidFormat, "\(prefix)\(field) must be an array of strings.")
            return nil
        }
        if items.count > maxCount {
            issues.add(prefix + field, FieldIssue.outOfRange, "\(prefix)\(field) holds more than \(maxCount) entries.")
            return nil
        }
        var result: [String] = []
        for (i, item) in items.enumerated() {
            guard case .string(let text) = item else {
                issues.add("\(prefix)\(field)[\(i)]", FieldIssue.invalidFormat, "Each entry of \(field) must be a string.")
                continue
            }
            if text.count > maxLength {
                issues.add("\(prefix)\(field)[\(i)]", FieldIssue.outOfRange, "An entry of \(field) is longer than \(maxLength) characters.")
                continue
            }
            result.append(text.trimmingBlanks())
        }
        return result
    }

    mutating func note(_ issue: FieldIssue) { issues.add(issue) }
    /// Adds a rule check's issues, skipping fields already reported (a date that did not
    /// parse should not also be reported as missing).
    mutating func merge(_ failure: ValidationFailure) {
        let reported = Set(issues.issues.map(\.field))
        for issue in failure.issues where !reported.contains(issue.field) { issues.add(issue) }
    }

    /// Throws 400 when the body had fields nobody read, else 422 with every issue, if any.
    func finish() throws {
        let unknown = unknownFields
        if !unknown.isEmpty {
            let errors = unknown.map { FieldProblem(field: $0, code: FieldIssue.unknownField, message: "\($0) is not a field of this request.") }
                + issues.issues.map(FieldProblem.init)
            throw ProblemDetails(status: .badRequest, type: "unknown-field", title: "Unknown field",
                                 detail: "The body has fields this request does not take: \(unknown.joined(separator: ", ")).",
                                 errors: errors)
        }
        if !issues.isEmpty { throw ValidationFailure(issues.issues) }
    }
}

extension FieldProblem {
    init(_ issue: FieldIssue) { self.init(field: issue.field, code: issue.code, message: issue.message) }
}
