import Fluent
import StadshartCore
import Vapor

/// The tenant: every record belongs to exactly one centre.
final class Centre: Model, @unchecked Sendable {
    static let schema = "centres"

    @ID(key: .id) var id: UUID?
    @Field(key: "slug") var slug: String
    @Field(key: "name") var name: String
    /// The register holds made-up data (the demo); pages and figures say so.
    @Field(key: "register_synthetic") var registerSynthetic: Bool
    /// The key of the zone that is the core shopping area (kernwinkelgebied): the public list of
    /// available premises is of this zone. A centre names it itself.
    @Field(key: "core_zone") var coreZone: String
    /// Raised by every write of the centre, in the write's own transaction: cached public
    /// answers of an older version are stale, on every app server.
    @Field(key: "data_version") var dataVersion: Int64
    @OptionalField(key: "contact_organisation") var contactOrganisation: String?
    @OptionalField(key: "contact_email") var contactEmail: String?
    @OptionalField(key: "contact_phone") var contactPhone: String?
    @OptionalField(key: "contact_address") var contactAddress: String?
    @OptionalField(key: "contact_website") var contactWebsite: String?

    init() {}

    init(id: UUID? = nil, slug: String, name: String) {
        self.id = id
        self.slug = slug
        self.name = name
        self.registerSynthetic = false
        self.coreZone = Centre.defaultCoreZone
        self.dataVersion = 0
    }

    static let defaultCoreZone = "kernwinkelgebied"

    /// Where the public reaches the partnership, when the centre named it.
    var contact: CentreContact? {
        get {
            contactOrganisation.map {
                CentreContact(
                    organisation: $0, email: contactEmail, phone: contactPhone, address: contactAddress,
                    website: contactWebsite)
            }
        }
        set {
            contactOrganisation = newValue?.organisation
            contactEmail = newValue?.email
            contactPhone = newValue?.phone
            contactAddress = newValue?.address
            contactWebsite = newValue?.website
        }
    }

    /// The centre named in a URL, or a Dutch 404.
    static func find(slug: String, on db: any Database) async throws -> Centre {
        guard let centre = try await Centre.query(on: db).filter(\.$slug == slug).first() else {
            throw StadshartError.notFound("Binnenstad '\(slug)' bestaat niet.")
        }
        return centre
    }
}
