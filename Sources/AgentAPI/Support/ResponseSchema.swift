import HTTPCore

/// Builds the JSON Schemas (2020-12, as JSON text) of the bodies this API answers, for
/// the OpenAPI document. The objects our renderers write (`JSONObjectWriter`) always carry
/// every member, absent values as `null`; so `object` requires every property unless told
/// otherwise and forbids any other, and a nullable member says `["type","null"]`.
enum ResponseSchema {
    static func string(format: String? = nil, nullable: Bool = false, minLength: Int? = nil, maxLength: Int? = nil,
                       pattern: String? = nil) -> String {
        var out = #"{"type":"# + type("string", nullable)
        if let format { out += #","format":"# + JSONText.quote(format) }
        if let minLength { out += #","minLength":\#(minLength)"# }
        if let maxLength { out += #","maxLength":\#(maxLength)"# }
        if let pattern { out += #","pattern":"# + JSONText.quote(pattern) }
        return out + "}"
    }

    static func integer(minimum: Int? = nil, maximum: Int? = nil, nullable: Bool = false) -> String {
        var out = #"{"type":"# + type("integer", nullable)
        if let minimum { out += #","minimum":\#(minimum)"# }
        if let maximum { out += #","maximum":\#(maximum)"# }
        return out + "}"
    }

    static func number(minimum: Double? = nil, maximum: Double? = nil) -> String {
        var out = #"{"type":"number""#
        if let minimum { out += #","minimum":\#(minimum)"# }
        if let maximum { out += #","maximum":\#(maximum)"# }
        return out + "}"
    }

    static func boolean(nullable: Bool = false) -> String { #"{"type":"# + type("boolean", nullable) + "}" }

    static let null = #"{"type":"null"}"#
    /// Any JSON value (e.g. a changes record kept as the caller sent it).
    static let any = "{}"

    /// One of `values`, or null when `nullable`.
    static func enumeration(_ values: [String], nullable: Bool = false) -> String {
        #"{"type":"# + type("string", nullable) + #","enum":["# + values.map(JSONText.quote).joined(separator: ",")
            + (nullable ? ",null" : "") + "]}"
    }

    static func constant(_ value: String) -> String { #"{"const":"# + JSONText.quote(value) + "}" }

    static func array(_ items: String, minItems: Int? = nil, maxItems: Int? = nil, nullable: Bool = false) -> String {
        var out = #"{"type":"# + type("array", nullable) + #","items":"# + items
        if let minItems { out += #","minItems":\#(minItems)"# }
        if let maxItems { out += #","maxItems":\#(maxItems)"# }
        return out + "}"
    }

    /// An object we build: every property required except `optional`, no other allowed.
    static func object(_ properties: KeyValuePairs<String, String>, optional: Set<String> = [], nullable: Bool = false) -> String {
        object(Array(properties), optional: optional, nullable: nullable)
    }

    static func object(_ properties: [(String, String)], optional: Set<String> = [], nullable: Bool = false) -> String {
        let required = properties.map(\.0).filter { !optional.contains($0) }
        return #"{"type":"# + type("object", nullable) + #","additionalProperties":false,"required":["#
            + required.map(JSONText.quote).joined(separator: ",") + #"],"properties":{"#
            + properties.map { JSONText.quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}}"
    }

    /// An object whose members are all `values`, keyed by any name (counts by code).
    static func map(_ values: String) -> String { #"{"type":"object","additionalProperties":"# + values + "}" }

    /// The list shape of API.md: `{"<name>": [items], "next_cursor": string|null}`.
    static func list(_ name: String, _ item: String) -> String {
        object([(name, array(item)), ("next_cursor", string(nullable: true, minLength: 1))])
    }

    /// A problem+json object, as the components declare it.
    static let problem = ##"{"$ref":"#/components/schemas/Problem"}"##

    static let date = string(format: "date")
    static let nullableDate = string(format: "date", nullable: true)
    static let dateTime = string(format: "date-time")
    static let nullableDateTime = string(format: "date-time", nullable: true)
    static let id = string(minLength: 1)

    private static func type(_ name: String, _ nullable: Bool) -> String {
        nullable ? #"[""# + name + #"","null"]"# : JSONText.quote(name)
    }
}
