import Fluent

/// A number every write of the centre raises (see `Audit.record`): what any app server reads to
/// know whether its cached public answers for that centre still hold.
struct AddDataVersionToCentre: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("centres")
            .field("data_version", .int64, .required, .sql(.default(0)))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("centres").deleteField("data_version").update()
    }
}
