import Fluent

/// A centre names its own core shopping area; existing centres keep the word they had.
struct AddCoreZoneToCentre: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("centres")
            .field("core_zone", .string, .required, .sql(.default("kernwinkelgebied")))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("centres").deleteField("core_zone").update()
    }
}
