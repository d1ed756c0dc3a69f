import Fluent
import Foundation
import StadshartCore

/// Imports actions from CSV: all lines are checked first, and only when every line is right
/// are they written, in one transaction. A line with an id updates that action; re-importing
/// an export therefore changes nothing.
enum PlanImport {
    struct Summary: Equatable {
        var created = 0
        var updated = 0
        var unchanged = 0
        var plansCreated: [String] = []
    }

    /// The line's action, or nil with its problems added, named by the file's columns.
    private static func validate(
        _ input: ActionInput, record: ActionCSV.Record, catalog: PlanCatalog, problems: inout [FieldProblem]
    ) -> ActionDraft? {
        do {
            return try input.validate(against: catalog.vocabulary, line: record.line)
        } catch {
            problems += error.problems.map {
                FieldProblem(field: ActionCSV.column(of: $0.field), message: $0.message, line: $0.line)
            }
            return nil
        }
    }

    static func run(csv text: String, by actor: Actor, on db: any Database) async throws -> Summary {
        var (records, problems) = try ActionCSV.read(from: text)
        var catalogs: [String: PlanCatalog] = [:]
        for slug in Set(records.map(\.centre)) {
            if let centre = try await Centre.query(on: db).filter(\.$slug == slug).first() {
                catalogs[slug] = try await PlanCatalog.load(centre, on: db)
            }
        }

        enum Step {
            /// `underNew`: the title of a new action of an earlier line that this one is a sub-action of.
            case create(ActionDraft, PlanCatalog, PlanKey, underNew: String?)
            case update(ActionRecord, ActionDraft, PlanCatalog)
        }
        var steps: [Step] = []
        var adoptedPlans: [String: Bool] = [:]
        // A line's "hoofdactie" names a top-level action by title: one of the plan, or a new one of an
        // earlier line of the file.
        var planTitles: [String: [String: [UUID]]] = [:]
        var newTitles: [String: [String: String?]] = [:]  // plan → title → its theme line
        for index in records.indices {
            var record = records[index]
            guard let catalog = catalogs[record.centre] else {
                if !record.centre.isEmpty {
                    problems.append(
                        FieldProblem(
                            field: "binnenstad", message: "binnenstad '\(record.centre)' bestaat niet",
                            line: record.line))
                }
                continue
            }
            guard let year = record.year else {
                _ = validate(record.input, record: record, catalog: catalog, problems: &problems)
                continue
            }
            let planKey = "\(record.centre)/\(PlanKey(record.kind, year: year))"
            if adoptedPlans[planKey] == nil {
                let plan = try await AnnualPlan.query(on: db).filter(\.$centre.$id == catalog.centreID)
                    .filter(\.$kind == record.kind.rawValue).filter(\.$year == year).first()
                if let plan {
                    adoptedPlans[planKey] =
                        try await PlanService.hasAdoption(planID: plan.requireID(), on: db)
                    planTitles[planKey] = try await Action.query(on: db).filter(\.$plan.$id == plan.requireID())
                        .filter(\.$parentID == nil).all()
                        .reduce(into: [:]) { $0[$1.title.lowercased(), default: []].append($1.id!) }
                } else {
                    adoptedPlans[planKey] = false
                }
            }
            var underNew: String?
            if let title = record.parentTitle {
                let key = title.lowercased()
                let found = planTitles[planKey]?[key] ?? []
                if found.count == 1 {
                    record.input.parent = found[0].uuidString
                } else if found.count > 1 {
                    problems.append(
                        FieldProblem(
                            field: "hoofdactie",
                            message:
                                "'\(title)' staat meer dan eens in jaarplan \(year); geef de hoofdactie een eigen titel",
                            line: record.line))
                } else if let themeLine = newTitles[planKey]?[key] {
                    underNew = title
                    // Its parent is not saved yet: until it is, the line takes the parent's line's theme line.
                    record.input.themeLine = themeLine
                } else {
                    problems.append(
                        FieldProblem(
                            field: "hoofdactie",
                            message:
                                "'\(title)' is geen actie van jaarplan \(year); noem de titel van een actie van dat plan of van een eerdere regel",
                            line: record.line))
                }
            } else if !record.absentColumns.contains("hoofdactie") {
                record.input.parent = nil
            }
            if record.id == nil, record.parentTitle == nil, let title = record.input.title.nonBlank {
                newTitles[planKey, default: [:]][title.lowercased()] = record.input.themeLine
            }
            if let id = record.id {
                guard let uuid = UUID(uuidString: id),
                    let (existing, plan) = try? await PlanService.action(catalog, id: uuid, on: db),
                    plan.key == PlanKey(record.kind, year: year)
                else {
                    _ = validate(record.input, record: record, catalog: catalog, problems: &problems)
                    problems.append(
                        FieldProblem(
                            field: "id", message: "actie '\(id)' bestaat niet in jaarplan \(year) van \(record.centre)",
                            line: record.line))
                    continue
                }
                // A file without the newer columns leaves those fields of the action as they are.
                guard
                    let draft = validate(
                        record.merged(over: existing.draft), record: record, catalog: catalog, problems: &problems)
                else { continue }
                if existing.draft == draft {
                    steps.append(.update(existing, draft, catalog))
                    continue
                }
                if adoptedPlans[planKey] == true {
                    problems.append(
                        FieldProblem(
                            field: "id",
                            message: "jaarplan \(year) is vastgesteld: wijzig deze actie in het scherm, met een reden",
                            line: record.line))
                    continue
                }
                steps.append(.update(existing, draft, catalog))
            } else {
                guard let draft = validate(record.input, record: record, catalog: catalog, problems: &problems) else {
                    continue
                }
                if adoptedPlans[planKey] == true {
                    problems.append(
                        FieldProblem(
                            field: "jaar", message: "jaarplan \(year) is vastgesteld: voeg acties toe in het scherm",
                            line: record.line))
                    continue
                }
                steps.append(.create(draft, catalog, PlanKey(record.kind, year: year), underNew: underNew))
            }
        }
        if !problems.isEmpty { throw InvalidInput(problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) }) }

        let checkedSteps = steps
        return try await db.transaction { tx in
            var summary = Summary()
            var created: [String: UUID] = [:]
            for step in checkedSteps {
                switch step {
                case .create(var draft, let catalog, let key, let underNew):
                    let plan: AnnualPlan
                    if let existing = try await AnnualPlan.query(on: tx).filter(\.$centre.$id == catalog.centreID)
                        .filter(\.$kind == key.kind.rawValue).filter(\.$year == key.year).first()
                    {
                        plan = existing
                    } else {
                        plan = AnnualPlan(centreID: catalog.centreID, year: key.year, kind: key.kind)
                        try await plan.create(on: tx)
                        try await Audit.record(
                            .aangemaakt, .jaarplan, id: plan.id?.uuidString, centreID: catalog.centreID,
                            summary: "\(key.kind.label) \(key.year) aangemaakt bij een import", by: actor, on: tx)
                        summary.plansCreated.append("\(catalog.centre.slug) \(key)")
                    }
                    let prefix = "\(catalog.centre.slug)/\(key)/"
                    if let underNew { draft.parent = created[prefix + underNew.lowercased()] }
                    let id = try await PlanService.create(draft, in: plan, catalog: catalog, by: actor, on: tx)
                    if draft.parent == nil { created[prefix + draft.title.lowercased()] = id }
                    summary.created += 1
                case .update(let record, let draft, let catalog):
                    if record.draft == draft {
                        summary.unchanged += 1
                    } else {
                        try await PlanService.update(
                            record, to: draft, amendment: AmendmentInput(), catalog: catalog, by: actor, on: tx)
                        summary.updated += 1
                    }
                }
            }
            return summary
        }
    }
}
