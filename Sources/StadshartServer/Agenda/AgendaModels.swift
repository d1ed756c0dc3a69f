import Fluent
import Foundation
import SQLKit

/// A centre's economic agenda (e.g. "Economische Agenda Assen", 2020–2025): the programme the
/// municipality keeps next to the partnership's annual plan. One per centre.
final class EconomicAgenda: Model, @unchecked Sendable {
    static let schema = "economic_agendas"

    @ID(key: .id) var id: UUID?
    @Parent(key: "centre_id") var centre: Centre
    @Field(key: "name") var name: String
    /// As the document writes it, e.g. "2020–2025".
    @Field(key: "period") var period: String
    /// Where the content comes from (document, inferred), shown under the matrix.
    @Field(key: "note") var note: String

    init() {}
}

/// A strategic pillar: a row of the matrix.
final class AgendaPillarRecord: Model, @unchecked Sendable {
    static let schema = "agenda_pillars"

    @ID(key: .id) var id: UUID?
    @Parent(key: "agenda_id") var agenda: EconomicAgenda
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "ambition") var ambition: String
    @Field(key: "position") var position: Int

    init() {}
}

/// A task (opgave): a column of the matrix.
final class AgendaTaskRecord: Model, @unchecked Sendable {
    static let schema = "agenda_tasks"

    @ID(key: .id) var id: UUID?
    @Parent(key: "agenda_id") var agenda: EconomicAgenda
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "position") var position: Int

    init() {}
}

/// The text of one pillar × task.
final class AgendaCellRecord: Model, @unchecked Sendable {
    static let schema = "agenda_cells"

    @ID(key: .id) var id: UUID?
    @Parent(key: "agenda_id") var agenda: EconomicAgenda
    @Parent(key: "pillar_id") var pillar: AgendaPillarRecord
    @Parent(key: "task_id") var task: AgendaTaskRecord
    @Field(key: "text") var text: String

    init() {}
}

/// An action of an annual plan tagged to a cell. The action itself is not touched; removing the
/// tag removes this row only, and deleting the action removes its tags (ON DELETE CASCADE).
final class AgendaCellAction: Model, @unchecked Sendable {
    static let schema = "agenda_cell_actions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "cell_id") var cell: AgendaCellRecord
    @Parent(key: "action_id") var action: Action
    @Field(key: "tagged_at") var taggedAt: Date

    init() {}
}

/// An indicator of the monitor that measures what a cell aims for.
final class AgendaCellIndicator: Model, @unchecked Sendable {
    static let schema = "agenda_cell_indicators"

    @ID(key: .id) var id: UUID?
    @Parent(key: "cell_id") var cell: AgendaCellRecord
    @Parent(key: "indicator_id") var indicator: Indicator

    init() {}
}

struct CreateEconomicAgenda: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("economic_agendas")
            .id()
            .field("centre_id", .uuid, .required, .references("centres", "id"))
            .field("name", .string, .required)
            .field("period", .string, .required)
            .field("note", .string, .required)
            .unique(on: "centre_id")
            .create()
        try await database.schema("agenda_pillars")
            .id()
            .field("agenda_id", .uuid, .required, .references("economic_agendas", "id", onDelete: .cascade))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("ambition", .string, .required)
            .field("position", .int, .required)
            .unique(on: "agenda_id", "code")
            .create()
        try await database.schema("agenda_tasks")
            .id()
            .field("agenda_id", .uuid, .required, .references("economic_agendas", "id", onDelete: .cascade))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("position", .int, .required)
            .unique(on: "agenda_id", "code")
            .create()
        try await database.schema("agenda_cells")
            .id()
            .field("agenda_id", .uuid, .required, .references("economic_agendas", "id", onDelete: .cascade))
            .field("pillar_id", .uuid, .required, .references("agenda_pillars", "id", onDelete: .cascade))
            .field("task_id", .uuid, .required, .references("agenda_tasks", "id", onDelete: .cascade))
            .field("text", .string, .required)
            .unique(on: "agenda_id", "pillar_id", "task_id")
            .create()
        try await database.schema("agenda_cell_actions")
            .id()
            .field("cell_id", .uuid, .required, .references("agenda_cells", "id", onDelete: .cascade))
            .field("action_id", .uuid, .required, .references("actions", "id", onDelete: .cascade))
            .field("tagged_at", .datetime, .required)
            .unique(on: "cell_id", "action_id")
            .create()
        try await database.schema("agenda_cell_indicators")
            .id()
            .field("cell_id", .uuid, .required, .references("agenda_cells", "id", onDelete: .cascade))
            .field("indicator_id", .uuid, .required, .references("indicators", "id", onDelete: .cascade))
            .unique(on: "cell_id", "indicator_id")
            .create()
        // These foreign keys do not lead a unique index; deleting what they point at looks them up.
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_agenda_cells_pillar_id").on("agenda_cells").column("pillar_id").run()
        try await sql.create(index: "idx_agenda_cells_task_id").on("agenda_cells").column("task_id").run()
        try await sql.create(index: "idx_agenda_cell_actions_action_id").on("agenda_cell_actions").column("action_id")
            .run()
        try await sql.create(index: "idx_agenda_cell_indicators_indicator_id").on("agenda_cell_indicators")
            .column("indicator_id").run()
    }

    func revert(on database: any Database) async throws {
        for table in [
            "agenda_cell_indicators", "agenda_cell_actions", "agenda_cells", "agenda_tasks", "agenda_pillars",
            "economic_agendas",
        ] {
            try await database.schema(table).delete()
        }
    }
}
