import Fluent

struct CreatePremises: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("premises")
            .id()
            .field("centre_id", .uuid, .required, .references("centres", "id"))
            .field("key", .string, .required)
            .field("bag_id", .string)
            .field("street", .string, .required)
            .field("number", .string, .required)
            .field("addition", .string)
            .field("postcode", .string)
            .field("zone_id", .uuid, .required, .references("zones", "id"))
            .field("floor_area", .int, .required)
            .field("latitude", .double)
            .field("longitude", .double)
            .field("owner_id", .uuid, .references("organisations", "id"))
            .field("dwellings_above", .string, .required)
            .field("exists_from", .string, .required)
            .field("exists_until", .string)
            .unique(on: "centre_id", "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("premises").delete()
    }
}
