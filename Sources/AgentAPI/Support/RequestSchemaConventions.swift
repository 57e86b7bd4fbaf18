import Foundation

/// What every JSON body reader of this API does (`RequestBody`), written into the
/// request schemas of the OpenAPI document so each route need not repeat it:
/// - an optional field may be `null`, which counts as absent;
/// - a field the route does not read is refused (400 `unknown-field`), so every object
///   that lists its properties gets `additionalProperties: false`;
/// - a required string must not be empty;
/// - a string must not hold control characters (tab, line feed and carriage return
///   aside), unless its schema says more precisely what it holds (a pattern, a format, a
///   list of values) or it is a secret, which is kept exactly as sent;
/// - a date (`format: date`) is one of `CivilDate.supportedYears`.
/// Applied to the routes other modules register too, as long as they read bodies the
/// same way.
enum RequestSchemaConventions {
    static func apply(_ schema: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(schema.utf8)) as? [String: Any],
              let data = try? JSONSerialization.data(withJSONObject: convert(object), options: [.sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8) else { return schema }
        return text
    }

    static func convert(_ schema: [String: Any]) -> [String: Any] {
        var schema = schema
        if var items = schema["items"] as? [String: Any], items["type"] as? String == "object" {
            items = convert(items)
            schema["items"] = items
        }
        guard let properties = schema["properties"] as? [String: Any] else { return schema }
        let required = Set(schema["required"] as? [String] ?? [])
        var converted: [String: Any] = [:]
        for (name, value) in properties {
            guard var property = value as? [String: Any] else {
                converted[name] = value
                continue
            }
            property = convert(property)
            if required.contains(name), property["type"] as? String == "string", property["minLength"] == nil {
                property["minLength"] = 1
            }
            if !secrets.contains(name) { property = refusingControlCharacters(property) }
            property = inSupportedYears(property)
            converted[name] = required.contains(name) ? property : nullable(property)
        }
        schema["properties"] = converted
        if schema["additionalProperties"] == nil { schema["additionalProperties"] = false }
        return schema
    }

    /// Fields read as sent, control characters included (`IdentityAPI.secret`).
    static let secrets: Set<String> = ["password", "current_password", "new_password"]
    /// What `RequestBody.string` refuses: C0 controls but tab, line feed and carriage return; DEL and C1.
    static let noControlCharacters = #"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$"#

    static func refusingControlCharacters(_ property: [String: Any]) -> [String: Any] {
        let types = (property["type"] as? [String]) ?? [property["type"] as? String].compactMap { $0 }
        guard types.contains("string"), ["pattern", "format", "enum", "const", "contentEncoding"].allSatisfy({ property[$0] == nil })
        else { return property }
        var property = property
        property["pattern"] = noControlCharacters
        return property
    }

    /// `YYYY-MM-DD` in the years `CivilDate(iso:)` reads (1800 to 2200); the format says the
    /// date is real.
    static let supportedDate = "^(1[89][0-9]{2}|2[01][0-9]{2}|2200)-[0-9]{2}-[0-9]{2}$"

    static func inSupportedYears(_ property: [String: Any]) -> [String: Any] {
        guard property["format"] as? String == "date", property["pattern"] == nil else { return property }
        var property = property
        property["pattern"] = supportedDate
        return property
    }

    static func nullable(_ property: [String: Any]) -> [String: Any] {
        var property = property
        if var values = property["enum"] as? [Any] {
            if !values.contains(where: { $0 is NSNull }) { values.append(NSNull()) }
            property["enum"] = values
        }
        if let constant = property.removeValue(forKey: "const") {
            property["enum"] = [constant, NSNull()]
        }
        switch property["type"] {
        case let type as String:
            property["type"] = [type, "null"]
        case let types as [String] where !types.contains("null"):
            property["type"] = types + ["null"]
        default:
            break
        }
        return property
    }
}
