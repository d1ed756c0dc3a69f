import Foundation
import Vapor

/// The body of a PATCH, for any input whose members are all optional: only the members sent
/// change, and a member sent as null is cleared. Actions and indicators both use it.
struct PartialUpdate<Input: Codable>: Decodable {
    var changes: Input
    /// The member names the body has.
    var sent: Set<String>

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        changes = try Input(from: decoder)
        sent = Set(try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue))
    }

    /// `current` with the sent members laid over it. Members in one of `together` change as a
    /// group (a budget as text or in cents); members in `fixed` never change.
    func applied(to current: Input, together: [Set<String>] = [], fixed: Set<String> = []) throws -> Input {
        var members = try Self.members(of: current)
        let sentMembers = try Self.members(of: changes)
        var changing = sent.subtracting(fixed)
        for group in together where !group.isDisjoint(with: changing) { changing.formUnion(group) }
        for name in changing { members[name] = sentMembers[name] ?? NSNull() }
        do {
            return try JSONDecoder().decode(Input.self, from: JSONSerialization.data(withJSONObject: members))
        } catch let error as DecodingError {
            throw StadshartError(
                status: .badRequest, title: "Onleesbare invoer", detail: ProblemMiddleware.describe(error))
        }
    }

    private static func members(of value: Input) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as? [String: Any] ?? [:]
    }
}
