import Foundation
import NIOConcurrencyHelpers
import StadshartCore

/// A type that says its own JSON schema instead of having it read from its `Decodable`
/// conformance: values written as one string (a day, an enum, a UUID).
protocol SchemaDescribed {
    static var schema: JSONValue { get }
    /// A value the schema reader hands back while it walks a type's `init(from:)`.
    static var schemaSample: Self { get }
}

/// A string-valued choice: its schema lists the stored values.
protocol SchemaEnum: SchemaDescribed, CaseIterable, RawRepresentable where RawValue == String {}

extension SchemaEnum {
    static var schema: JSONValue { ["type": "string", "enum": .array(allCases.map { .string($0.rawValue) })] }
    static var schemaSample: Self { allCases.first! }
}

extension Day: SchemaDescribed {
    static var schema: JSONValue { ["type": "string", "format": "date"] }
    static var schemaSample: Day { Day(year: 2000, month: 1, day: 1)! }
}

extension UUID: SchemaDescribed {
    static var schema: JSONValue { ["type": "string", "format": "uuid"] }
    static var schemaSample: UUID { UUID() }
}

extension Date: SchemaDescribed {
    static var schema: JSONValue { ["type": "string", "format": "date-time"] }
    static var schemaSample: Date { Date(timeIntervalSince1970: 0) }
}

/// Reads a type's JSON schema from its `Decodable` conformance: the reader plays a decoder
/// that hands out sample values and notes every key asked for (`decode` → required,
/// `decodeIfPresent` → optional or null) and its type. So the OpenAPI document is derived from
/// the very types the handlers decode and encode, and cannot drift from them.
///
/// Named struct types become components (`#/components/schemas/Name`); `strict` ones
/// (responses) allow no other members, so a live response with an unknown field fails.
final class SchemaRegistry {
    private(set) var components: [(String, JSONValue)] = []
    private var names: [ObjectIdentifier: String] = [:]
    private var taken: [String: ObjectIdentifier] = [:]

    /// The schema of `type`, registering the components it needs.
    func schema<T: Decodable>(for type: T.Type, strict: Bool) -> JSONValue {
        do {
            let node = SchemaNode()
            _ = try SchemaReader.read(type, into: node)
            return node.json(registry: self, strict: strict, type: type)
        } catch {
            preconditionFailure("the schema of \(type) cannot be read: \(error)")
        }
    }

    /// A reference to the component named after `type`, made on first use.
    fileprivate func component(for type: Any.Type, strict: Bool, make: () -> JSONValue) -> JSONValue {
        let id = ObjectIdentifier(type)
        if let name = names[id] { return Self.ref(name) }
        let name = Self.name(of: type)
        precondition(taken[name] == nil, "two types would share the schema name \(name)")
        names[id] = name
        taken[name] = id
        let index = components.count
        components.append((name, [:]))
        components[index].1 = make()
        return Self.ref(name)
    }

    private static let lock = NIOLock()
    nonisolated(unsafe) private static var nodes: [ObjectIdentifier: SchemaNode] = [:]

    /// The members of a JSON body that `type` does not read, by their path ("budget", "a.b").
    static func unknownMembers<T: Decodable>(of type: T.Type, in body: Data) -> [String] {
        guard let json = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else { return [] }
        let node = lock.withLock {
            if let node = nodes[ObjectIdentifier(type)] { return node }
            let node = SchemaNode()
            _ = try? SchemaReader.read(type, into: node)
            nodes[ObjectIdentifier(type)] = node
            return node
        }
        return node.unknownMembers(in: json, path: "")
    }

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    /// "StadshartServer.PlanDTO" → "Plan"; "InvolvementDTO.Contribution" → "Involvement.Contribution";
    /// "PartialUpdate<StadshartCore.IndicatorInput>" → "PartialUpdateOfIndicatorInput". Component
    /// names may hold only letters, digits, ".", "-" and "_".
    static func name(of type: Any.Type) -> String {
        // Each qualified name loses its module ("StadshartCore.IndicatorInput" → "IndicatorInput").
        let qualified = /[A-Za-z_][A-Za-z0-9_]*((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/
        let text = String(reflecting: type).replacing(qualified) { match in
            match.output.1.dropFirst().split(separator: ".")
                .map { $0.hasSuffix("DTO") && $0 != "DTO" ? String($0.dropLast(3)) : String($0) }
                .joined(separator: ".")
        }
        return text.replacingOccurrences(of: "<", with: "Of").replacingOccurrences(of: ">", with: "")
            .replacingOccurrences(of: ", ", with: "And")
    }
}

/// What the reader learnt about one value.
final class SchemaNode {
    enum Shape {
        case unknown
        case fixed(JSONValue)
        case object([(key: String, node: SchemaNode, required: Bool)])
        case array(SchemaNode)
        case dictionary(SchemaNode)
    }
    var shape: Shape = .unknown
    /// The type whose `init(from:)` made this object, to name its component.
    var type: Any.Type?

    func property(_ key: String, required: Bool) -> SchemaNode {
        var members: [(key: String, node: SchemaNode, required: Bool)] = []
        if case .object(let existing) = shape { members = existing }
        if let found = members.first(where: { $0.key == key }) { return found.node }
        let node = SchemaNode()
        members.append((key, node, required))
        shape = .object(members)
        return node
    }

    func json(registry: SchemaRegistry, strict: Bool, type: Any.Type? = nil) -> JSONValue {
        switch shape {
        case .unknown:
            return [:]
        case .fixed(let schema):
            // What comes in is refused with control characters in it: requests say so.
            return !strict && schema.isPlainString ? ["type": "string", "pattern": .string(TextPattern.any)] : schema
        case .array(let item):
            return ["type": "array", "items": item.json(registry: registry, strict: strict)]
        case .dictionary(let value):
            return ["type": "object", "additionalProperties": value.json(registry: registry, strict: strict)]
        case .object(let members):
            let named = self.type ?? type
            let rules = (named as? any SchemaConstrained.Type)?.constraints ?? [:]
            for key in rules.keys where !members.contains(where: { $0.key == key }) {
                preconditionFailure("\(named.map { "\($0)" } ?? "?") has no member \(key) to constrain")
            }
            let make = { () -> JSONValue in
                var properties: [(String, JSONValue)] = []
                var required: [JSONValue] = []
                for member in members {
                    var schema = member.node.json(registry: registry, strict: strict)
                    let rule = rules[member.key]
                    if let rule { schema = schema.merging(rule.schema) }
                    let isRequired = member.required || rule?.required == true
                    if isRequired { required.append(.string(member.key)) }
                    properties.append((member.key, isRequired ? schema : Self.nullable(schema)))
                }
                var object: [(String, JSONValue)] = [("type", "object"), ("properties", .object(properties))]
                if !required.isEmpty { object.append(("required", .array(required))) }
                // Responses hold no other members; requests may not send any (see `APIBody`).
                object.append(("additionalProperties", false))
                return .object(object)
            }
            guard let named else { return make() }
            return registry.component(for: named, strict: strict, make: make)
        }
    }

    /// The members of `json` this node does not describe.
    func unknownMembers(in json: Any, path: String) -> [String] {
        func at(_ key: String) -> String { path.isEmpty ? key : path + "." + key }
        switch (shape, json) {
        case (.object(let members), let object as [String: Any]):
            return object.keys.sorted().flatMap { key -> [String] in
                guard let member = members.first(where: { $0.key == key }) else { return [at(key)] }
                return member.node.unknownMembers(in: object[key]!, path: at(key))
            }
        case (.array(let item), let array as [Any]):
            return array.enumerated().flatMap { item.unknownMembers(in: $0.element, path: at(String($0.offset))) }
        case (.dictionary(let value), let object as [String: Any]):
            return object.keys.sorted().flatMap { value.unknownMembers(in: object[$0]!, path: at($0)) }
        default:
            return []
        }
    }

    /// An optional member may be left out or sent as null.
    static func nullable(_ schema: JSONValue) -> JSONValue {
        if case .object(let members) = schema, let type = schema["type"], case .string(let name) = type {
            return .object(
                members.map { member in
                    switch member {
                    case ("type", _): ("type", [.string(name), "null"])
                    case ("enum", .array(let values)): ("enum", .array(values + [.null]))
                    default: member
                    }
                })
        }
        return ["anyOf": [schema, ["type": "null"]]]
    }
}

/// The decoder that walks a type.
private struct SchemaReader: Decoder {
    let node: SchemaNode
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    static func read<T: Decodable>(_ type: T.Type, into node: SchemaNode) throws -> T {
        if let described = type as? any SchemaDescribed.Type {
            node.shape = .fixed(described.schema)
            return described.schemaSample as! T
        }
        if let boxed = type as? any PrimitiveBox.Type { return try boxed.read(into: node) as! T }
        if let primitive = primitive(type) {
            node.shape = .fixed(primitive.schema)
            return primitive.sample as! T
        }
        if let dictionary = type as? any SchemaDictionary.Type {
            let value = SchemaNode()
            node.shape = .dictionary(value)
            try dictionary.readValue(into: value)
            return dictionary.empty as! T
        }
        let value = try T(from: SchemaReader(node: node))
        if case .object = node.shape { node.type = type }
        return value
    }

    /// A whole number a Swift integer of that size holds: a larger one cannot be read.
    static func integer(_ minimum: Int, _ maximum: Int) -> JSONValue {
        ["type": "integer", "minimum": .number(minimum), "maximum": .number(maximum)]
    }

    static func primitive(_ type: Any.Type) -> (schema: JSONValue, sample: Any)? {
        switch type {
        case is String.Type: (["type": "string"], "")
        case is Bool.Type: (["type": "boolean"], false)
        case is Int.Type: (integer(Int.min, Int.max), 0)
        case is Int8.Type: (integer(Int(Int8.min), Int(Int8.max)), Int8(0))
        case is Int16.Type: (integer(Int(Int16.min), Int(Int16.max)), Int16(0))
        case is Int32.Type: (integer(Int(Int32.min), Int(Int32.max)), Int32(0))
        case is Int64.Type: (integer(Int.min, Int.max), Int64(0))
        case is UInt.Type: (["type": "integer", "minimum": 0], UInt(0))
        case is UInt8.Type: (["type": "integer", "minimum": 0], UInt8(0))
        case is UInt16.Type: (["type": "integer", "minimum": 0], UInt16(0))
        case is UInt32.Type: (["type": "integer", "minimum": 0], UInt32(0))
        case is UInt64.Type: (["type": "integer", "minimum": 0], UInt64(0))
        case is Double.Type: (["type": "number"], 0.0)
        case is Float.Type: (["type": "number"], Float(0))
        default: nil
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        if case .unknown = node.shape { node.shape = .object([]) }
        return KeyedDecodingContainer(KeyedReader<Key>(node: node))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let item = SchemaNode()
        node.shape = .array(item)
        return UnkeyedReader(item: item)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleReader(node: node) }
}

private struct KeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let node: SchemaNode
    var codingPath: [any CodingKey] = []
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }

    /// Only `decodeIfPresent` asks whether a member is null: so the member is optional.
    func decodeNil(forKey key: Key) throws -> Bool {
        _ = node.property(key.stringValue, required: false)
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try SchemaReader.read(type, into: node.property(key.stringValue, required: true))
    }

    // The standard library has an overload per primitive; each is routed to the generic reader.
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(Box<Bool>.self, forKey: key).value }
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try decode(Box<String>.self, forKey: key).value
    }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try decode(Box<Double>.self, forKey: key).value
    }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(Box<Float>.self, forKey: key).value }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(Box<Int>.self, forKey: key).value }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(Box<Int8>.self, forKey: key).value }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(Box<Int16>.self, forKey: key).value }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(Box<Int32>.self, forKey: key).value }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(Box<Int64>.self, forKey: key).value }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(Box<UInt>.self, forKey: key).value }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(Box<UInt8>.self, forKey: key).value }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 {
        try decode(Box<UInt16>.self, forKey: key).value
    }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 {
        try decode(Box<UInt32>.self, forKey: key).value
    }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
        try decode(Box<UInt64>.self, forKey: key).value
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try SchemaReader(node: node.property(key.stringValue, required: true)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try SchemaReader(node: node.property(key.stringValue, required: true)).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { SchemaReader(node: node) }
    func superDecoder(forKey key: Key) throws -> any Decoder {
        SchemaReader(node: node.property(key.stringValue, required: true))
    }
}

/// An array: one element is read, then the array ends.
private struct UnkeyedReader: UnkeyedDecodingContainer {
    let item: SchemaNode
    var codingPath: [any CodingKey] = []
    var count: Int? { 1 }
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex > 0 }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        currentIndex += 1
        return try SchemaReader.read(type, into: item)
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try decode(Box<Bool>.self).value }
    mutating func decode(_ type: String.Type) throws -> String { try decode(Box<String>.self).value }
    mutating func decode(_ type: Double.Type) throws -> Double { try decode(Box<Double>.self).value }
    mutating func decode(_ type: Float.Type) throws -> Float { try decode(Box<Float>.self).value }
    mutating func decode(_ type: Int.Type) throws -> Int { try decode(Box<Int>.self).value }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try decode(Box<Int8>.self).value }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try decode(Box<Int16>.self).value }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try decode(Box<Int32>.self).value }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try decode(Box<Int64>.self).value }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try decode(Box<UInt>.self).value }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try decode(Box<UInt8>.self).value }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try decode(Box<UInt16>.self).value }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try decode(Box<UInt32>.self).value }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try decode(Box<UInt64>.self).value }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        currentIndex += 1
        return try SchemaReader(node: item).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        currentIndex += 1
        return try SchemaReader(node: item).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { SchemaReader(node: item) }
}

private struct SingleReader: SingleValueDecodingContainer {
    let node: SchemaNode
    var codingPath: [any CodingKey] = []

    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try SchemaReader.read(type, into: node) }

    func decode(_ type: Bool.Type) throws -> Bool { try decode(Box<Bool>.self).value }
    func decode(_ type: String.Type) throws -> String { try decode(Box<String>.self).value }
    func decode(_ type: Double.Type) throws -> Double { try decode(Box<Double>.self).value }
    func decode(_ type: Float.Type) throws -> Float { try decode(Box<Float>.self).value }
    func decode(_ type: Int.Type) throws -> Int { try decode(Box<Int>.self).value }
    func decode(_ type: Int8.Type) throws -> Int8 { try decode(Box<Int8>.self).value }
    func decode(_ type: Int16.Type) throws -> Int16 { try decode(Box<Int16>.self).value }
    func decode(_ type: Int32.Type) throws -> Int32 { try decode(Box<Int32>.self).value }
    func decode(_ type: Int64.Type) throws -> Int64 { try decode(Box<Int64>.self).value }
    func decode(_ type: UInt.Type) throws -> UInt { try decode(Box<UInt>.self).value }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decode(Box<UInt8>.self).value }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decode(Box<UInt16>.self).value }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decode(Box<UInt32>.self).value }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decode(Box<UInt64>.self).value }
}

/// A dictionary keyed by strings (or values written as strings): an object whose members all have one schema.
private protocol SchemaDictionary {
    static func readValue(into node: SchemaNode) throws
    static var empty: Self { get }
}

extension Dictionary: SchemaDictionary where Key: CodingKeyRepresentable, Value: Decodable {
    fileprivate static func readValue(into node: SchemaNode) throws {
        _ = try SchemaReader.read(Value.self, into: node)
    }
    fileprivate static var empty: Self { [:] }
}

/// Carries a primitive through the generic reader, which knows its schema.
private struct Box<Value>: Decodable {
    var value: Value
    init(from decoder: any Decoder) throws { preconditionFailure("read by SchemaReader only") }
    init(_ value: Value) { self.value = value }
}

private protocol PrimitiveBox {
    static func read(into node: SchemaNode) throws -> Self
}

extension Box: PrimitiveBox {
    static func read(into node: SchemaNode) throws -> Box {
        guard let primitive = SchemaReader.primitive(Value.self) else {
            preconditionFailure("no schema for \(Value.self)")
        }
        node.shape = .fixed(primitive.schema)
        return Box(primitive.sample as! Value)
    }
}

// The stored choices the API sends and takes, each listed in its schema.
extension ActionStatus: SchemaEnum {}
extension AuditEvent: SchemaEnum {}
extension AuditKind: SchemaEnum {}
extension Basis: SchemaEnum {}
extension Capability: SchemaEnum {}
extension Contribution: SchemaEnum {}
extension CourseStatus: SchemaEnum {}
extension Direction: SchemaEnum {}
extension Art16.Gap: SchemaEnum {}
extension Horizon: SchemaEnum {}
extension IndicatorGroup: SchemaEnum {}
extension IndicatorSource: SchemaEnum {}
extension IndicatorUnit: SchemaEnum {}
extension OrganisationKind: SchemaEnum {}
extension Party: SchemaEnum {}
extension PlanStatus: SchemaEnum {}
extension PremisesFunction: SchemaEnum {}
extension Priority: SchemaEnum {}
extension RegisterMeasure: SchemaEnum {}
extension Role: SchemaEnum {}
extension VacancyDuration: SchemaEnum {}
