import Fluent
import StadshartCore
import Vapor

/// A party in the partnership's network: the municipality, the centre organisation,
/// interest groups, companies, cultural and educational partners.
final class Organisation: Model, @unchecked Sendable {
    static let schema = "organisations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "centre_id") var centre: Centre
    /// Short stable name used in imports and the API ("vaart", "drents-museum").
    @Field(key: "key") var key: String
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String

    init() {}

    init(id: UUID? = nil, centreID: UUID, key: String, name: String, kind: OrganisationKind) {
        self.id = id
        self.$centre.id = centreID
        self.key = key
        self.name = name
        self.kind = kind.rawValue
    }
}
