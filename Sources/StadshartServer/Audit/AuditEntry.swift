import Fluent
import Foundation

/// One thing that happened: when, who, where, to which record, what changed, from where.
/// The application only ever inserts these.
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    @OptionalField(key: "user_id") var userID: UUID?
    /// The name at the time; replaced by a pseudonym when the person is erased.
    @Field(key: "actor") var actor: String
    @OptionalField(key: "centre_id") var centreID: UUID?
    @Field(key: "kind") var kind: String
    @OptionalField(key: "record_id") var recordID: String?
    @Field(key: "event") var event: String
    @Field(key: "summary") var summary: String
    /// JSON array of FieldChange (before/after of the changed fields).
    @Field(key: "changes") var changes: String
    @Field(key: "address") var address: String

    init() {}
}
