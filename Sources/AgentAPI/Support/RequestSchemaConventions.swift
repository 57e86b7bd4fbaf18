import Foundation

/// What every JSON body reader of this API does (`RequestBody`), written into the
/// request schemas of the OpenAPI document so each route need not repeat it:
/// - an optional field may be `null`, which counts as absent;
/// - a field the route does not read is refused (400 `unknown-field`), so every object
///   that lists its properties gets `additionalProperties: false`;
/// - a required string must not be empty.
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
            converted[name] = required.contains(name) ? property : nullable(property)
        }
        schema["properties"] = converted
        if schema["additionalProperties"] == nil { schema["additionalProperties"] = false }
        return schema
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
