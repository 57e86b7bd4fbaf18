import Foundation

/// A JSON value with its exact type (a boolean is never a number here, as JSON Schema
/// requires), read through `JSONDecoder` so the checker does not trust the server's own parser.
enum JSONTree: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONTree].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONTree].self)) }
    }

    static func parse(_ bytes: [UInt8]) throws -> JSONTree {
        try JSONDecoder().decode(JSONTree.self, from: Data(bytes))
    }
    static func parse(_ text: String) throws -> JSONTree { try parse(Array(text.utf8)) }

    subscript(key: String) -> JSONTree? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
    var string: String? { if case .string(let s) = self { return s }; return nil }
    var number: Double? { if case .number(let n) = self { return n }; return nil }
    var array: [JSONTree]? { if case .array(let a) = self { return a }; return nil }
    var object: [String: JSONTree]? { if case .object(let o) = self { return o }; return nil }

    /// The JSON Schema type names this value satisfies.
    var schemaTypes: Set<String> {
        switch self {
        case .null: return ["null"]
        case .bool: return ["boolean"]
        case .number(let n): return n.rounded() == n && n.isFinite ? ["number", "integer"] : ["number"]
        case .string: return ["string"]
        case .array: return ["array"]
        case .object: return ["object"]
        }
    }
}

/// Checks a JSON value against a JSON Schema (2020-12), the subset our OpenAPI document
/// uses: type (also as a list), properties, required, additionalProperties,
/// items, enum, const, string and number bounds, pattern, formats date, date-time and
/// uuid, oneOf/anyOf/allOf, and `$ref` into the document.
struct JSONSchemaCheck {
    struct Failure: Equatable, CustomStringConvertible {
        /// JSON pointer (RFC 6901) into the checked value.
        var pointer: String
        var message: String
        var description: String { (pointer.isEmpty ? "/" : pointer) + ": " + message }
    }

    /// The document `$ref`s resolve in (`#/components/...`).
    var root: JSONTree

    init(root: JSONTree = .object([:])) { self.root = root }

    func failures(_ value: JSONTree, against schema: JSONTree, at pointer: String = "") -> [Failure] {
        if case .bool(let allowed) = schema { return allowed ? [] : [Failure(pointer: pointer, message: "no value is allowed here")] }
        guard case .object(let keywords) = schema else { return [] }
        if let ref = keywords["$ref"]?.string {
            guard let target = resolve(ref) else { return [Failure(pointer: pointer, message: "unresolvable $ref \(ref)")] }
            return failures(value, against: target, at: pointer)
        }
        var found: [Failure] = []
        func fail(_ message: String) { found.append(Failure(pointer: pointer, message: message)) }

        if let type = keywords["type"] {
            let allowed = type.string.map { [$0] } ?? (type.array ?? []).compactMap(\.string)
            if value.schemaTypes.isDisjoint(with: allowed) {
                fail("is \(value.schemaTypes.sorted().last ?? "?"), expected \(allowed.joined(separator: " or "))")
                return found
            }
        }
        if let options = keywords["enum"]?.array, !options.contains(value) { fail("\(Self.short(value)) is not one of the enum") }
        if let constant = keywords["const"], constant != value { fail("\(Self.short(value)) is not the const \(Self.short(constant))") }

        switch value {
        case .string(let text):
            let length = text.unicodeScalars.count
            if let min = keywords["minLength"]?.number, Double(length) < min { fail("shorter than minLength \(Int(min))") }
            if let max = keywords["maxLength"]?.number, Double(length) > max { fail("longer than maxLength \(Int(max))") }
            if let pattern = keywords["pattern"]?.string {
                if let regex = try? NSRegularExpression(pattern: pattern) {
                    if regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil { fail("does not match pattern \(pattern)") }
                } else {
                    fail("the schema's pattern \(pattern) does not compile")
                }
            }
            if let format = keywords["format"]?.string, !Self.matches(format: format, text) { fail("\(Self.short(value)) is not a \(format)") }
        case .number(let n):
            if let min = keywords["minimum"]?.number, n < min { fail("\(n) is below minimum \(min)") }
            if let max = keywords["maximum"]?.number, n > max { fail("\(n) is above maximum \(max)") }
            if let min = keywords["exclusiveMinimum"]?.number, n <= min { fail("\(n) is not above \(min)") }
            if let max = keywords["exclusiveMaximum"]?.number, n >= max { fail("\(n) is not below \(max)") }
        case .array(let items):
            if let min = keywords["minItems"]?.number, Double(items.count) < min { fail("fewer than minItems \(Int(min))") }
            if let max = keywords["maxItems"]?.number, Double(items.count) > max { fail("more than maxItems \(Int(max))") }
            if keywords["uniqueItems"] == .bool(true), items.indices.contains(where: { i in items[..<i].contains(items[i]) }) { fail("items are not unique") }
            if let itemSchema = keywords["items"] {
                for (i, item) in items.enumerated() { found += failures(item, against: itemSchema, at: pointer + "/\(i)") }
            }
        case .object(let members):
            for name in (keywords["required"]?.array ?? []).compactMap(\.string) where members[name] == nil {
                found.append(Failure(pointer: pointer + "/" + Self.escape(name), message: "required property is missing"))
            }
            let properties = keywords["properties"]?.object ?? [:]
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                let at = pointer + "/" + Self.escape(name)
                if let propertySchema = properties[name] {
                    found += failures(member, against: propertySchema, at: at)
                } else if let additional = keywords["additionalProperties"] {
                    if additional == .bool(false) { found.append(Failure(pointer: at, message: "property is not allowed (additionalProperties: false)")) }
                    else { found += failures(member, against: additional, at: at) }
                }
            }
        default:
            break
        }

        for sub in keywords["allOf"]?.array ?? [] { found += failures(value, against: sub, at: pointer) }
        if let options = keywords["anyOf"]?.array {
            let results = options.map { failures(value, against: $0, at: pointer) }
            if !results.contains(where: \.isEmpty) {
                fail("matches no anyOf branch (" + results.map { $0.first?.description ?? "" }.joined(separator: "; ") + ")")
            }
        }
        if let options = keywords["oneOf"]?.array {
            let results = options.map { failures(value, against: $0, at: pointer) }
            let passing = results.filter(\.isEmpty).count
            if passing == 0 { fail("matches no oneOf branch (" + results.map { $0.first?.description ?? "" }.joined(separator: "; ") + ")") }
            else if passing > 1 { fail("matches \(passing) oneOf branches, expected exactly one") }
        }
        return found
    }

    /// `#/a/b` in `root`.
    func resolve(_ ref: String) -> JSONTree? {
        guard ref.hasPrefix("#") else { return nil }
        var node = root
        for token in ref.dropFirst().split(separator: "/") {
            let name = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let next = node[name] else { return nil }
            node = next
        }
        return node
    }

    static func escape(_ name: String) -> String {
        name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    static func short(_ value: JSONTree) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return String(b)
        case .number(let n): return n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .string(let s): return "\"" + (s.count > 40 ? s.prefix(40) + "…" : s) + "\""
        case .array(let a): return "[\(a.count) items]"
        case .object(let o): return "{" + o.keys.sorted().joined(separator: ",") + "}"
        }
    }

    /// The formats we check; any other format passes (annotation only, as 2020-12 allows).
    static func matches(format: String, _ text: String) -> Bool {
        switch format {
        case "date":
            return isDate(Substring(text))
        case "date-time":
            // RFC 3339: date "T" time with seconds, optional fraction, and Z or an offset.
            guard let t = text.firstIndex(where: { $0 == "T" || $0 == "t" }), isDate(text[..<t]) else { return false }
            let time = text[text.index(after: t)...]
            let pattern = #"^([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"#
            return time.range(of: pattern, options: .regularExpression) != nil
        case "uuid":
            return UUID(uuidString: text) != nil && text.count == 36
        default:
            return true
        }
    }

    private static func isDate(_ text: Substring) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month) else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }
}
