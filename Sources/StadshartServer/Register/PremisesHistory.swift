import Fluent
import Foundation
import StadshartCore
import Vapor

struct TimelineEntry: Content {
    var from: String
    var until: String?
    var kind: String
    var text: String
}

struct PremisesDetailDTO: Content {
    var premises: PremisesDTO
    var timeline: [TimelineEntry]
    var plannedChange: String?
}

struct VacancyInput: Content {
    var from: String?
    var until: String?
    var reason: String?
}

/// One premises: its history as a timeline, and recording it becoming vacant or let again.
/// History is added to, never overwritten; each change is one transaction with its audit entry.
enum PremisesHistory {
    static func premises(_ centre: Centre, key: String, on db: any Database) async throws -> Premises {
        guard
            let premises = try await Premises.query(on: db).filter(\.$centre.$id == centre.requireID())
                .filter(\.$key == key).with(\.$functions).with(\.$vacancies).with(\.$zone).with(\.$owner).first()
        else { throw StadshartError.notFound("Pand '\(key)' bestaat niet in \(centre.name).") }
        return premises
    }

    /// The premises of the route, when this person may see it (or, with `edit`, change its state).
    static func premises(_ req: Request, edit: Bool = false) async throws -> (Centre, Premises) {
        let centre = try req.centre
        let premises = try await premises(centre, key: req.parameter("key"), on: req.db)
        let owner = premises.owner?.key
        let allowed =
            edit
            ? Access.mayEditPremises(req.grants, owner: owner, in: centre.slug)
            : Access.maySeePremises(req.grants, owner: owner, in: centre.slug)
        guard allowed else {
            throw Refusal.forbidden(
                edit ? "Alleen de eigenaar en de binnenstadsteams werken dit pand bij." : "Dit pand is niet van u.")
        }
        return (centre, premises)
    }

    static func detail(_ centre: Centre, premises: Premises, at day: Day, on db: any Database) async throws
        -> PremisesDetailDTO
    {
        let id = try premises.requireID()
        let occupancies = try await Occupancy.query(on: db).filter(\.$premises.$id == id).with(\.$business).all()
        let uses = try await TemporaryUse.query(on: db).filter(\.$premises.$id == id).all()
        let change = try await FunctionChangePlan.query(on: db).filter(\.$premises.$id == id).first()
        var timeline: [TimelineEntry] = []
        timeline += premises.functions.map {
            TimelineEntry(
                from: $0.from, until: nil, kind: "functie",
                text: "functie: \(PremisesFunction(rawValue: $0.function)?.label ?? $0.function)")
        }
        timeline += premises.vacancies.map {
            TimelineEntry(
                from: $0.from, until: $0.until, kind: "leegstand", text: "leeg" + ($0.reason.map { " (\($0))" } ?? ""))
        }
        timeline += occupancies.map {
            TimelineEntry(
                from: $0.from, until: $0.until, kind: "gebruiker", text: "\($0.business.name) (\($0.business.branch))")
        }
        timeline += uses.map {
            let criteria = [
                $0.openToPublic ? "open voor publiek" : nil, $0.tidyFrontage ? "verzorgde gevel" : nil,
                $0.takesPart ? "doet mee in de straat" : nil,
            ].compactMap { $0 }
            return TimelineEntry(
                from: $0.from, until: $0.until, kind: "tijdelijk gebruik",
                text: "tijdelijk gebruik: \($0.usedBy)"
                    + (criteria.isEmpty ? "" : " — " + criteria.joined(separator: ", ")))
        }
        timeline.sort { ($0.from, $0.kind) > ($1.from, $1.kind) }
        let row = RegisterAPI.premisesRow(
            premises, zoneKey: premises.zone.key, at: day,
            occupants: occupancies.filter {
                RegisterStore.period($0.from, $0.until).contains(day)
            }.map(\.business.name))
        return PremisesDetailDTO(
            premises: row, timeline: timeline,
            plannedChange: change.map {
                "\(PremisesFunction(rawValue: $0.fromFunction)?.label ?? $0.fromFunction) → \(PremisesFunction(rawValue: $0.toFunction)?.label ?? $0.toFunction) (\($0.stage.replacingOccurrences(of: "_", with: " ")))"
            })
    }

    /// The premises became vacant on `from`: the vacancy begins and its occupants' periods end.
    static func startVacancy(
        _ premises: Premises, input: VacancyInput, centre: Centre, by actor: Actor, on db: any Database
    ) async throws {
        let from = input.from.flatMap { Day(parsing: $0) }
        if let text = input.from, !text.isEmpty, from == nil {
            throw InvalidInput([FieldProblem(field: "from", message: "'\(text)' is geen datum")])
        }
        let until = input.until.flatMap { Day(parsing: $0) }
        if let text = input.until, !text.isEmpty, until == nil {
            throw InvalidInput([FieldProblem(field: "until", message: "'\(text)' is geen datum")])
        }
        let reason = input.reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = TextRules.problem(field: "reason", reason, limit: TextLimit.line) {
            throw InvalidInput([problem])
        }
        try await db.transaction { tx in
            let vacancies = try await VacancyPeriod.query(on: tx).filter(\.$premises.$id == premises.requireID()).all()
            let problems = RegisterChange.startVacancyProblems(
                vacancies: vacancies.map { RegisterStore.period($0.from, $0.until) },
                existence: RegisterStore.period(premises.existsFrom, premises.existsUntil), from: from, until: until,
                today: Day.today())
            if !problems.isEmpty { throw InvalidInput(problems) }
            let vacancy = VacancyPeriod()
            vacancy.$premises.id = try premises.requireID()
            vacancy.from = from!.description
            vacancy.until = until?.description
            vacancy.reason = (reason?.isEmpty ?? true) ? nil : reason
            try await vacancy.create(on: tx)
            var ended: [String] = []
            for occupancy in try await Occupancy.query(on: tx).filter(\.$premises.$id == premises.requireID())
                .with(\.$business).all()
            where RegisterStore.period(occupancy.from, occupancy.until).contains(from!) {
                occupancy.until = from!.description
                try await occupancy.update(on: tx)
                ended.append(occupancy.business.name)
            }
            try await Audit.record(
                .gewijzigd, .pand, id: premises.key, centreID: centre.id,
                summary: "\(premises.street) \(premises.number) leeg vanaf \(from!.dutch)"
                    + (ended.isEmpty ? "" : "; vertrokken: \(ended.joined(separator: ", "))"),
                changes: [
                    FieldChange(
                        field: "stand", before: ended.isEmpty ? "in gebruik" : ended.joined(separator: ", "),
                        after: "leeg")
                ],
                by: actor, on: tx)
        }
    }

    /// The vacancy ended on `until` (let again, or taken out of use).
    static func endVacancy(
        _ premises: Premises, input: VacancyInput, centre: Centre, by actor: Actor, on db: any Database
    ) async throws {
        let until = input.until.flatMap { Day(parsing: $0) }
        if let text = input.until, !text.isEmpty, until == nil {
            throw InvalidInput([FieldProblem(field: "until", message: "'\(text)' is geen datum")])
        }
        try await db.transaction { tx in
            let open = try await VacancyPeriod.query(on: tx).filter(\.$premises.$id == premises.requireID())
                .filter(\.$until == nil).first()
            let problems = RegisterChange.endVacancyProblems(
                open: open.map { RegisterStore.period($0.from, $0.until) }, until: until, today: Day.today())
            if !problems.isEmpty { throw InvalidInput(problems) }
            open!.until = until!.description
            try await open!.update(on: tx)
            try await Audit.record(
                .gewijzigd, .pand, id: premises.key, centreID: centre.id,
                summary: "\(premises.street) \(premises.number) niet meer leeg vanaf \(until!.dutch)",
                changes: [FieldChange(field: "stand", before: "leeg", after: "niet leeg")], by: actor, on: tx)
        }
    }
}
