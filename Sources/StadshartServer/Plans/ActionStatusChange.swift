import Fluent
import Foundation
import SQLKit
import StadshartCore

/// One status of an action from the day it took effect: the plan as it stood on any day is read
/// from these (`StatusHistory`). Who made the change is in the audit trail (and only there, so erasing a
/// person's data has one place less to look).
final class ActionStatusChange: Model, @unchecked Sendable {
    static let schema = "action_status_changes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "action_id") var action: Action
    /// "YYYY-MM-DD"; nil for the status an action had when the history began to be kept.
    @OptionalField(key: "day") var day: String?
    @Field(key: "status") var status: String
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}

    init(actionID: UUID, day: Day?, status: ActionStatus, at recordedAt: Date) {
        self.$action.id = actionID
        self.day = day?.description
        self.status = status.rawValue
        self.recordedAt = recordedAt
    }

    var entry: StatusHistory.Entry {
        StatusHistory.Entry(
            day: day.flatMap(Day.init(parsing:)), status: ActionStatus(rawValue: status) ?? .gepland)
    }
}

/// The table, and for every action that exists its present status, from a day nobody knows.
struct CreateActionStatusChanges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("action_status_changes")
            .id()
            .field("action_id", .uuid, .required, .references("actions", "id"))
            .field("day", .string)
            .field("status", .string, .required)
            .field("recorded_at", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "idx_action_status_changes_action_id")
            .on("action_status_changes").column("action_id").run()
        let now = Date()
        // Only the columns this migration knew: the model gains columns that later migrations add.
        for action in try await Action.query(on: database).field(\.$id).field(\.$status).all() {
            try await ActionStatusChange(
                actionID: try action.requireID(), day: nil, status: ActionStatus(rawValue: action.status) ?? .gepland,
                at: now
            ).create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("action_status_changes").delete()
    }
}
