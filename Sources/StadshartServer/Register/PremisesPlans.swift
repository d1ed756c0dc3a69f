import Fluent
import Foundation
import StadshartCore
import Vapor

/// What a premises is used for meanwhile (tijdelijk gebruik) and what it is meant to become
/// (verkleuring, linked to an action of the plan), and the centre's zones.
enum PremisesPlans {
    static let stages = ["idee", "gepland", "in_uitvoering", "gerealiseerd"]

    static func addTemporaryUse(
        _ premises: Premises, form: FormBody, centre: Centre, by actor: Actor, on db: any Database
    ) async throws {
        let from = form["from"].flatMap { Day(parsing: $0) }
        let until = form["until"].flatMap { $0.isEmpty ? nil : Day(parsing: $0) }
        let user = (form["user"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        try await db.transaction { tx in
            let vacancies = try await VacancyPeriod.query(on: tx).filter(\.$premises.$id == premises.requireID()).all()
            let problems = TemporaryUseRule.problems(
                vacancies: vacancies.map { RegisterStore.period($0.from, $0.until) }, from: from, until: until,
                user: user)
            if !problems.isEmpty { throw InvalidInput(problems) }
            let use = TemporaryUse()
            use.$premises.id = try premises.requireID()
            use.usedBy = user
            use.from = from!.description
            use.until = until?.description
            use.openToPublic = form["openToPublic"] != nil
            use.tidyFrontage = form["tidyFrontage"] != nil
            use.takesPart = form["takesPart"] != nil
            try await use.create(on: tx)
            try await Audit.record(
                .aangemaakt, .pand, id: premises.key, centreID: centre.id,
                summary:
                    "Tijdelijk gebruik van \(premises.street) \(premises.number) door \(user) vanaf \(from!.dutch)",
                by: actor, on: tx)
        }
    }

    /// Sets the planned change of function (one per premises), optionally an action of the plan.
    static func setPlannedChange(
        _ premises: Premises, form: FormBody, centre: Centre, by actor: Actor, on db: any Database
    ) async throws {
        var problems: [FieldProblem] = []
        let to = PremisesFunction(rawValue: form["to"] ?? "")
        if to == nil { problems.append(FieldProblem(field: "to", message: "kies de nieuwe functie")) }
        let stage = form["stage"] ?? ""
        if !stages.contains(stage) { problems.append(FieldProblem(field: "stage", message: "kies een stadium")) }
        var actionID: UUID?
        if let text = form["action"], !text.isEmpty {
            let catalog = try await PlanCatalog.load(centre, on: db)
            if let id = UUID(uuidString: text), (try? await PlanStore.action(catalog, id: id, on: db)) != nil {
                actionID = id
            } else {
                problems.append(FieldProblem(field: "action", message: "deze actie bestaat niet in het jaarplan"))
            }
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        let current = RegisterStore.facts(premises, zoneKey: "").function(at: Day.today())?.rawValue ?? "overig"
        let linkedAction = actionID
        try await db.transaction { tx in
            let plan =
                try await FunctionChangePlan.query(on: tx).filter(\.$premises.$id == premises.requireID()).first()
                ?? FunctionChangePlan()
            let before = plan.id == nil ? "—" : "\(plan.toFunction) (\(plan.stage))"
            plan.$premises.id = try premises.requireID()
            plan.fromFunction = current
            plan.toFunction = to!.rawValue
            plan.stage = stage
            plan.$action.id = linkedAction
            try await plan.save(on: tx)
            try await Audit.record(
                .gewijzigd, .pand, id: premises.key, centreID: centre.id,
                summary: "Geplande verkleuring van \(premises.street) \(premises.number)",
                changes: [FieldChange(field: "verkleuring", before: before, after: "\(to!.rawValue) (\(stage))")],
                by: actor, on: tx)
        }
    }

    struct ZonesPage: Encodable {
        struct Row: Encodable {
            var key: String
            var name: String
        }
        var layout: Layout
        var zones: [Row]
        var canEdit: Bool
        var postLink: String
        var errors: [String: String]
    }

    /// Adds a zone, or renames the one with this key.
    static func saveZone(_ form: FormBody, centre: Centre, by actor: Actor, on db: any Database) async throws {
        let key = (form["key"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        var problems: [FieldProblem] = []
        if key.isEmpty || !key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            problems.append(
                FieldProblem(
                    field: "key", message: "een korte sleutel van letters, cijfers en -, bijvoorbeeld kernwinkelgebied")
            )
        }
        if name.isEmpty { problems.append(FieldProblem(field: "name", message: "naam is verplicht")) }
        problems += TextRules.problems([("key", key, TextLimit.key), ("name", name, TextLimit.name)])
        if !problems.isEmpty { throw InvalidInput(problems) }
        let centreID = try centre.requireID()
        try await db.transaction { tx in
            let zone =
                try await Zone.query(on: tx).filter(\.$centre.$id == centreID).filter(\.$key == key).first() ?? Zone()
            let before = zone.id == nil ? "" : zone.name
            if zone.id == nil {
                zone.$centre.id = centreID
                zone.key = key
                zone.position = try await Zone.query(on: tx).filter(\.$centre.$id == centreID).count() + 1
            }
            zone.name = name
            try await zone.save(on: tx)
            try await Audit.record(
                before.isEmpty ? .aangemaakt : .gewijzigd, .organisatie, id: "zone:\(key)", centreID: centreID,
                summary: "Zone \(key): \(name)", changes: [FieldChange(field: "zone", before: before, after: name)],
                by: actor, on: tx)
        }
    }
}
