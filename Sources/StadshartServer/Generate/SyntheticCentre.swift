import Foundation
import SQLKit
import StadshartCore

/// What `stadshart generate` makes, and how much of it.
struct GenerateOptions: Sendable {
    var centres = 100
    var seed: UInt64 = 1
    /// Per centre.
    var premises = 2000
    var businesses = 1500
    /// Years of history, up to and including `lastYear`.
    var years = 10

    /// The history ends on a fixed day, not today, so that a seed gives the same data every day.
    static let lastYear = 2025

    var firstDay: Day { Day(year: Self.lastYear - years + 1, month: 1, day: 1)! }
    /// The first day after the history: a period still running then is left open.
    var endDay: Day { Day(year: Self.lastYear + 1, month: 1, day: 1)! }

    /// The centres' names and slugs: real town names first, then numbered ones.
    var names: [(slug: String, name: String)] {
        (0..<centres).map { index in
            let town = index < SyntheticNames.towns.count ? SyntheticNames.towns[index] : "Stad \(index + 1)"
            return (Self.slug(town), town)
        }
    }

    static func slug(_ name: String) -> String {
        name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
    }
}

/// One synthetic centre, made in memory from its own stream of chance and then written in one
/// transaction. The parts (network, register, plans, monitor) live in their own files.
struct SyntheticCentre {
    let options: GenerateOptions
    let slug: String
    let name: String
    var random: SplitMix64
    let centreID: UUID
    var tables = Tables()

    /// The organisations by key, and the groups the other parts choose from.
    var organisations: [String: (id: UUID, name: String)] = [:]
    var partnerKeys: [String] = []
    var ownerKeys: [String] = []
    var themeLines: [(code: String, id: UUID, keyPoints: [(code: String, id: UUID)])] = []
    var streetNames: [String] = []
    var premisesCount = 0
    var businessCount = 0
    private var auditSequence = 0

    init(index: Int, options: GenerateOptions) {
        self.options = options
        (slug, name) = options.names[index]
        random = SplitMix64(seed: options.seed, stream: UInt64(index))
        centreID = random.uuid()
    }

    static func make(index: Int, options: GenerateOptions) -> SyntheticCentre {
        var centre = SyntheticCentre(index: index, options: options)
        centre.makeNetwork()
        centre.makeRegister()
        centre.makePlans()
        centre.makeMonitor()
        // Every audited write raises the data version (see `Audit.record`): so does this one.
        centre.tables.centres.add([
            bound(centre.centreID), bound(centre.slug), bound(centre.name), bound(true),
            bound(Centre.defaultCoreZone), bound(Int64(centre.tables.auditEntries.count)),
        ])
        return centre
    }

    func write(on sql: any SQLDatabase) async throws {
        for table in tables.inOrder { try await table.insert(on: sql) }
    }

    /// An audit entry as `Audit.record` writes it, by the generator, on the day the change happened.
    mutating func audit(
        _ event: AuditEvent, _ kind: AuditKind, record: String?, on day: Day, summary: String,
        changes: [FieldChange] = []
    ) {
        auditSequence += 1
        // Morning in the Netherlands; the sequence keeps entries of one day in their order.
        let at = Date(timeIntervalSince1970: Double(day.ordinal) * 86_400 + 8 * 3_600 + Double(auditSequence % 36_000))
        tables.auditEntries.add([
            bound(random.uuid()), bound(at), bound(orNull: UUID?.none), bound(Self.actorName), bound(centreID),
            bound(kind.rawValue), bound(orNull: record), bound(event.rawValue), bound(summary),
            bound(Self.json(changes)),
            bound("lokaal"),
        ])
    }

    static let actorName = "generator"

    /// Changes as the audit trail and the amendments store them, with the members in a fixed
    /// order: Foundation's encoder on Linux orders them differently from run to run.
    static func json(_ changes: [FieldChange]) -> String {
        guard !changes.isEmpty else { return "[]" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try! encoder.encode(changes), as: UTF8.self)
    }

    /// The moment of a day at which the generator "recorded" something.
    static func moment(_ day: Day) -> Date { Date(timeIntervalSince1970: Double(day.ordinal) * 86_400 + 9 * 3_600) }

    /// Every table a centre fills, with the columns of its migration, in an order that keeps the
    /// foreign keys satisfied.
    struct Tables {
        var centres = TableRows(
            "centres", ["id", "slug", "name", "register_synthetic", "core_zone", "data_version"])
        var organisations = TableRows("organisations", ["id", "centre_id", "key", "name", "kind"])
        var themeLines = TableRows("theme_lines", ["id", "centre_id", "code", "name", "description", "position"])
        var keyPoints = TableRows("key_points", ["id", "theme_line_id", "code", "title"])
        var zones = TableRows("zones", ["id", "centre_id", "key", "name", "position"])
        var premises = TableRows(
            "premises",
            [
                "id", "centre_id", "key", "bag_id", "street", "number", "addition", "postcode", "zone_id",
                "floor_area", "latitude", "longitude", "owner_id", "dwellings_above", "exists_from", "exists_until",
            ])
        var premisesFunctions = TableRows("premises_functions", ["id", "premises_id", "from_day", "function"])
        var vacancyPeriods = TableRows("vacancy_periods", ["id", "premises_id", "from_day", "until_day", "reason"])
        var businesses = TableRows(
            "businesses", ["id", "centre_id", "key", "name", "branch", "chain", "kvk", "opening_hours"])
        var businessJobs = TableRows("business_jobs", ["id", "business_id", "from_day", "persons", "fte_hundredths"])
        var occupancies = TableRows("occupancies", ["id", "business_id", "premises_id", "from_day", "until_day"])
        var annualPlans = TableRows("annual_plans", ["id", "centre_id", "year"])
        var actions = TableRows(
            "actions",
            [
                "id", "plan_id", "theme_line_id", "key_point_id", "position", "title", "description", "lead_id",
                "no_partners", "budget_cents", "budget_holder_id", "funding_source", "horizon", "priority", "status",
                "carried_over_from_id",
            ])
        var actionPartners = TableRows("action_partners", ["id", "action_id", "organisation_id", "contributions"])
        var amendments = TableRows(
            "amendments", ["id", "action_id", "author", "author_id", "reason", "changes", "recorded_at"])
        var adoptions = TableRows("adoptions", ["id", "plan_id", "party", "adopted_by", "day", "recorded_at"])
        var progressNotes = TableRows(
            "progress_notes", ["id", "action_id", "day", "text", "author", "author_id", "recorded_at"])
        var monitorAreas = TableRows("monitor_areas", ["id", "centre_id", "key", "name", "reference", "position"])
        var indicators = TableRows(
            "indicators",
            [
                "id", "centre_id", "key", "name", "description", "unit", "direction", "basis", "group_key", "source",
                "computed", "agreement", "goal", "theme_lines", "owner", "area_id", "reference_area_id",
                "baseline_value", "baseline_date", "target_value", "target_area_id", "target_date", "note", "position",
            ])
        var measurements = TableRows(
            "measurements",
            ["id", "indicator_id", "area_id", "date", "value", "basis", "source", "note", "recorded_at", "recorded_by"])
        var auditEntries = TableRows(
            "audit_entries",
            [
                "id", "at", "user_id", "actor", "centre_id", "kind", "record_id", "event", "summary", "changes",
                "address",
            ])

        var inOrder: [TableRows] {
            [
                centres, organisations, themeLines, keyPoints, zones, premises, premisesFunctions, vacancyPeriods,
                businesses, businessJobs, occupancies, annualPlans, actions, actionPartners, amendments, adoptions,
                progressNotes,
                monitorAreas, indicators, measurements, auditEntries,
            ]
        }

        var rowCount: Int { inOrder.reduce(0) { $0 + $1.count } }
    }
}
