import Fluent
import Foundation
import StadshartCore
import Vapor

/// The register's changes. History is added to, never overwritten; each change is one
/// transaction with its audit entry, at the actor's time.
extension RegisterService {
    /// The premises became vacant on `from`: the vacancy begins and its occupants' periods end.
    static func startVacancy(
        _ premises: Premises, _ input: VacancyInput, centre: Centre, by actor: Actor, on db: any Database
    ) async throws {
        let (from, until, reason) = try input.days()
        try await db.transaction { tx in
            let vacancies = try await VacancyPeriod.query(on: tx).filter(\.$premises.$id == premises.requireID()).all()
            let problems = RegisterChange.startVacancyProblems(
                vacancies: vacancies.map { RegisterStore.period($0.from, $0.until) },
                existence: RegisterStore.period(premises.existsFrom, premises.existsUntil), from: from, until: until,
                today: actor.today)
            if !problems.isEmpty { throw InvalidInput(problems) }
            let vacancy = VacancyPeriod()
            vacancy.$premises.id = try premises.requireID()
            vacancy.from = from!.description
            vacancy.until = until?.description
            vacancy.reason = reason
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
        _ premises: Premises, _ input: VacancyInput, centre: Centre, by actor: Actor, on db: any Database
    ) async throws {
        let until = try input.days().until
        try await db.transaction { tx in
            let open = try await VacancyPeriod.query(on: tx).filter(\.$premises.$id == premises.requireID())
                .filter(\.$until == nil).first()
            let problems = RegisterChange.endVacancyProblems(
                open: open.map { RegisterStore.period($0.from, $0.until) }, until: until,
                today: actor.today)
            if !problems.isEmpty { throw InvalidInput(problems) }
            open!.until = until!.description
            try await open!.update(on: tx)
            try await Audit.record(
                .gewijzigd, .pand, id: premises.key, centreID: centre.id,
                summary: "\(premises.street) \(premises.number) niet meer leeg vanaf \(until!.dutch)",
                changes: [FieldChange(field: "stand", before: "leeg", after: "niet leeg")], by: actor, on: tx)
        }
    }

    /// Temporary use of a vacant premises, inside one of its vacancies.
    static func addTemporaryUse(
        _ premises: Premises, _ input: TemporaryUseInput, centre: Centre, by actor: Actor, on db: any Database
    ) async throws {
        let (from, until, user) = (input.fromDay, input.untilDay, (input.user ?? "").trimmed)
        try await db.transaction { tx in
            let vacancies = try await VacancyPeriod.query(on: tx).filter(\.$premises.$id == premises.requireID()).all()
            let problems = input.problems(vacancies: vacancies.map { RegisterStore.period($0.from, $0.until) })
            if !problems.isEmpty { throw InvalidInput(problems) }
            let use = TemporaryUse()
            use.$premises.id = try premises.requireID()
            use.usedBy = user
            use.from = from!.description
            use.until = until?.description
            use.openToPublic = input.openToPublic
            use.tidyFrontage = input.tidyFrontage
            use.takesPart = input.takesPart
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
        _ premises: Premises, _ input: PlannedChangeInput, centre: Centre, by actor: Actor, on db: any Database
    ) async throws {
        var linkedActionExists = false
        if let id = UUID(uuidString: input.action ?? "") {
            let catalog = try await PlanCatalog.load(centre, on: db)
            linkedActionExists = (try? await PlanService.action(catalog, id: id, on: db)) != nil
        }
        let valid = try input.validate(actionExists: { _ in linkedActionExists })
        let current =
            RegisterStore.facts(premises, zoneKey: "").function(at: actor.today)?.rawValue ?? "overig"
        try await db.transaction { tx in
            let plan =
                try await FunctionChangePlan.query(on: tx).filter(\.$premises.$id == premises.requireID()).first()
                ?? FunctionChangePlan()
            let before = plan.id == nil ? "—" : "\(plan.toFunction) (\(plan.stage))"
            plan.$premises.id = try premises.requireID()
            plan.fromFunction = current
            plan.toFunction = valid.to.rawValue
            plan.stage = valid.stage.rawValue
            plan.$action.id = valid.action
            try await plan.save(on: tx)
            try await Audit.record(
                .gewijzigd, .pand, id: premises.key, centreID: centre.id,
                summary: "Geplande verkleuring van \(premises.street) \(premises.number)",
                changes: [
                    FieldChange(
                        field: "verkleuring", before: before, after: "\(valid.to.rawValue) (\(valid.stage.rawValue))")
                ],
                by: actor, on: tx)
        }
    }

    /// Adds a zone, or renames the one with this key.
    static func saveZone(_ input: ZoneInput, centre: Centre, by actor: Actor, on db: any Database) async throws {
        let (key, name) = try input.validate()
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

    /// Names which of the centre's zones is the core shopping area (kernwinkelgebied).
    static func setCoreZone(_ key: String?, centre: Centre, by actor: Actor, on db: any Database) async throws {
        let key = (key ?? "").trimmed
        let zones = try await Zone.query(on: db).filter(\.$centre.$id == centre.requireID()).all()
        guard zones.contains(where: { $0.key == key }) else {
            throw InvalidInput([
                FieldProblem(
                    field: "zone",
                    message: "kies een van de zones: \(zones.map(\.key).joined(separator: ", "))")
            ])
        }
        let before = centre.coreZone
        guard before != key else { return }
        centre.coreZone = key
        try await db.transaction { tx in
            try await centre.update(on: tx)
            try await Audit.record(
                .gewijzigd, .organisatie, id: "zone:\(key)", centreID: centre.id,
                summary: "Kernwinkelgebied is nu zone \(key)",
                changes: [FieldChange(field: "kernwinkelgebied", before: before, after: key)], by: actor, on: tx)
        }
    }

    /// A change of jobs starts a new period today (history, not an overwrite); hours are current state.
    static func updateBusiness(
        _ business: Business, _ update: BusinessUpdate, centre: Centre, by actor: Actor, on db: any Database
    ) async throws {
        let today = actor.today
        let keys = try await premisesKeys(centre, on: db)
        let facts = RegisterStore.facts(business, premisesKeys: keys)
        let currentFTE = business.jobs.filter { Day(parsing: $0.from).map { $0 <= today } ?? false }
            .max { $0.from < $1.from }?.fteHundredths
        let newFTE = update.fte.map { Int(($0 * 100).rounded()) }
        var changes: [FieldChange] = []
        let oldHours = RegisterImport.normalisedHours(business.openingHours)
        let newHours = BusinessCSV.days.map { update.openingHours[$0] ?? nil }
        for (index, day) in BusinessCSV.days.enumerated() where oldHours[index] != newHours[index] {
            changes.append(
                FieldChange(field: day, before: oldHours[index] ?? "gesloten", after: newHours[index] ?? "gesloten"))
        }
        let jobsChanged = facts.jobs(at: today) != update.jobs || currentFTE != newFTE
        if jobsChanged {
            changes.append(FieldChange(field: "banen", before: "\(facts.jobs(at: today))", after: "\(update.jobs)"))
        }
        guard !changes.isEmpty else { return }
        let recorded = changes
        try await db.transaction { tx in
            business.openingHours = RegisterImport.hoursJSON(update.openingHours)
            try await business.update(on: tx)
            if jobsChanged {
                try await BusinessJobs.query(on: tx).filter(\.$business.$id == business.requireID())
                    .filter(\.$from == today.description).delete()
                let entry = BusinessJobs()
                entry.$business.id = try business.requireID()
                entry.from = today.description
                entry.persons = update.jobs
                entry.fteHundredths = newFTE
                try await entry.create(on: tx)
            }
            try await Audit.record(
                .gewijzigd, .vestiging, id: business.key, centreID: centre.id,
                summary: "Vestiging \(business.name) bijgewerkt", changes: recorded, by: actor, on: tx)
        }
    }
}
