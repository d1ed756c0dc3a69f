import Foundation

/// Checks a JSON value against the part of JSON Schema the OpenAPI document uses: `$ref`,
/// `type` (one or a list), `properties`, `required`, `additionalProperties`, `items`, `enum`,
/// `anyOf`, and the formats date and uuid. Returns each problem with its place.
struct JSONSchemaCheck {
    let components: [String: Any]

    init(document: [String: Any]) {
        components = (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
    }

    func problems(_ value: Any, against schema: [String: Any], at path: String = "$") -> [String] {
        if let ref = schema["$ref"] as? String {
            let name = String(ref.dropFirst("#/components/schemas/".count))
            guard let target = components[name] as? [String: Any] else { return ["\(path): unknown schema \(name)"] }
            return problems(value, against: target, at: path)
        }
        if let options = schema["anyOf"] as? [[String: Any]] {
            let fits = options.contains { problems(value, against: $0, at: path).isEmpty }
            return fits ? [] : ["\(path): fits none of anyOf"]
        }
        if let allowed = schema["enum"] as? [Any] {
            let fits = allowed.contains { ($0 as? NSObject)?.isEqual(value) ?? false }
            if !fits { return ["\(path): \(value) is not one of \(allowed)"] }
        }
        if let type = schema["type"] {
            let types = (type as? [String]) ?? [type as? String ?? ""]
            guard types.contains(where: { Self.isOfType(value, $0) }) else {
                return ["\(path): \(String(describing: value).prefix(60)) is not \(types)"]
            }
        }
        var found: [String] = []
        if let text = value as? String, let format = schema["format"] as? String {
            if format == "uuid" && UUID(uuidString: text) == nil { found.append("\(path): '\(text)' is no uuid") }
            if format == "date" && text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) == nil {
                found.append("\(path): '\(text)' is no date")
            }
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                found.append("\(path): required member \(name) is missing")
            }
            for (name, member) in object {
                if let property = properties[name] {
                    found += problems(member, against: property, at: "\(path).\(name)")
                } else if let extra = schema["additionalProperties"] as? [String: Any] {
                    found += problems(member, against: extra, at: "\(path).\(name)")
                } else if schema["additionalProperties"] as? Bool == false {
                    found.append("\(path): member \(name) is not in the schema")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, item) in array.enumerated() { found += problems(item, against: items, at: "\(path)[\(index)]") }
        }
        return found
    }

    static func isOfType(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        // Foundation reads JSON true/false as a number whose Objective-C type is "c".
        case "boolean": return (value as? NSNumber).map { String(cString: $0.objCType) == "c" } ?? false
        case "integer":
            guard let number = value as? NSNumber, !isOfType(value, "boolean") else { return false }
            return number.doubleValue == number.doubleValue.rounded()
        case "number": return value is NSNumber && !isOfType(value, "boolean")
        default: return false
        }
    }
}
