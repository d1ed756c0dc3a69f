import Fluent
import SQLKit

/// Issue 14: sub-actions. An action may belong to a parent action of the same plan.
struct AddParentToActions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("actions").field("parent_id", .uuid, .references("actions", "id")).update()
        // Every foreign key has an index (see AddIndexes).
        try await (database as! any SQLDatabase).create(index: Self.parentIndex).on("actions").column("parent_id")
            .run()
    }

    static let parentIndex = AddIndexes.name("actions", ["parent_id"])

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: Self.parentIndex).run()
        try await database.schema("actions").deleteField("parent_id").update()
    }
}
