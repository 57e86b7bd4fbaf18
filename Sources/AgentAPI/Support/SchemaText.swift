import HTTPCore

/// JSON Schema text of the bodies our writers answer with, for the OpenAPI document.
/// `JSONObjectWriter` writes every member it is given, `null` when the value is absent,
/// so an object lists all its members as required and allows no others; a member that
/// may be absent is named in `optional`.
enum SchemaText {
    typealias Members = [(name: String, schema: String)]

    static let string = #"{"type":"string"}"#
    static let nullableString = #"{"type":["string","null"]}"#
    static let nonEmptyString = #"{"type":"string","minLength":1}"#
    static let integer = #"{"type":"integer"}"#
    static let nullableInteger = #"{"type":["integer","null"]}"#
    static let count = #"{"type":"integer","minimum":0}"#
    static let boolean = #"{"type":"boolean"}"#
    static let nullableBoolean = #"{"type":["boolean","null"]}"#
    /// `YYYY-MM-DD`, as `CivilDate.iso` writes it.
    static let date = #"{"type":"string","format":"date"}"#
    static let nullableDate = #"{"type":["string","null"],"format":"date"}"#
    /// A UTC timestamp (`UTCTime.iso`: `YYYY-MM-DDTHH:MM:SS.mmmZ`, or without the milliseconds).
    static let timestamp = #"{"type":"string","format":"date-time"}"#
    static let nullableTimestamp = #"{"type":["string","null"],"format":"date-time"}"#
    static let strings = array(string)
    static let percent = #"{"type":"integer","minimum":0,"maximum":100}"#

    /// The control characters `RequestBody.string` refuses, as the inside of a regex
    /// character class written in JSON text (`\\u0000` there reads `\u0000` in the regex).
    static let controlRanges = #"\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F"#

    // The shapes themselves are `ResponseSchema`'s (one writer of schema text).
    static func array(_ items: String) -> String { ResponseSchema.array(items) }

    static func enumeration(_ values: [String], nullable: Bool = false) -> String {
        ResponseSchema.enumeration(values, nullable: nullable)
    }

    static func constant(_ value: String) -> String { ResponseSchema.constant(value) }

    /// An object of exactly these members, each present unless named in `optional`.
    static func object(_ members: Members, optional: Set<String> = []) -> String {
        ResponseSchema.object(members.map { ($0.name, $0.schema) }, optional: optional)
    }

    /// An object whose members are not known in advance, each of `values`' schema.
    static func map(_ values: String) -> String { ResponseSchema.map(values) }

    /// `{"<name>": [items...], "next_cursor": ...}`, as `JSONObjectWriter.list` writes it.
    static func list(_ name: String, of item: String) -> String { ResponseSchema.list(name, item) }

    /// A PDF answer: bytes, not JSON.
    static func pdf(_ status: String = "200") -> ResponseDocumentation {
        ResponseDocumentation(status: status, contentType: "application/pdf",
                              schema: #"{"type":"string","contentMediaType":"application/pdf"}"#, description: "A PDF document")
    }

    /// A CSV answer (RFC 4180, a header row first).
    static func csv(_ status: String = "200") -> ResponseDocumentation {
        .text(status, "text/csv", "CSV with a header row")
    }
}
